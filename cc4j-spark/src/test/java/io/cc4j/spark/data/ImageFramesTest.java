package io.cc4j.spark.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Executors run in directories of their own: a dataset spec's relative paths are made the driver's. */
class ImageFramesTest {
    @Test
    void relativePathsOfASpecBecomeAbsoluteAndTheRestStaysAsItIs() {
        String here = Path.of("").toAbsolutePath().toString();
        assertThat(ImageFrames.absolute("idx:data/images.idx,data/labels.idx"))
                .isEqualTo("idx:" + here + "/data/images.idx," + here + "/data/labels.idx");
        assertThat(ImageFrames.absolute("cifar10-test:/data/cifar")).isEqualTo("cifar10-test:/data/cifar");
        assertThat(ImageFrames.absolute("fashion-mnist-test")).isEqualTo("fashion-mnist-test");
        assertThat(ImageFrames.absolute("fashion-mnist:")).isEqualTo("fashion-mnist:");
        assertThat(ImageFrames.absolute("hdfs://nn/images")).isEqualTo("hdfs://nn/images");
        assertThat(ImageFrames.absolute("cifar10:data/c@classes=0,1")).as("the class list is not a path")
                .isEqualTo("cifar10:" + here + "/data/c@classes=0,1");
        assertThat(ImageFrames.absolute("fashion-mnist-test@classes=5-9")).isEqualTo("fashion-mnist-test@classes=5-9");
    }
}
