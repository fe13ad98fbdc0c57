package io.cc4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import io.cc4j.data.ImageDataset;
import io.cc4j.data.RawImage;
import io.cc4j.inference.AssignmentMethod;
import io.cc4j.inference.Centroids;
import io.cc4j.inference.ClusterPredictor;
import io.cc4j.model.FeatureKind;
import io.cc4j.run.RunLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;

/** Copying a model through Hadoop's file system API: only what a predictor reads, and the newest checkpoint. */
class ModelFilesTest {
    @Test
    void aRunDirectoryCopiesItsNewestCheckpointAndCentroidsOnly() throws IOException {
        Path tiny = SparkTestSupport.tinyModel();
        Path run = Files.createDirectories(SparkTestSupport.scratch().resolve("copy-run/checkpoints")).getParent();
        Path real = Files.list(tiny.resolve("checkpoints")).findFirst().orElseThrow();
        Files.copy(real, run.resolve("checkpoints/epoch-00010.ckpt"));
        // An older epoch, numbered without padding, that cannot be read: picking it would fail the load.
        Files.writeString(run.resolve("checkpoints/epoch-9.ckpt"), "not a checkpoint");
        Files.copy(tiny.resolve("config.json"), run.resolve("config.json"));
        new Centroids(FeatureKind.INSTANCE, 2, 128, new float[256]).write(RunLayout.of(run));

        FileSystem local = FileSystem.getLocal(new Configuration());
        ModelFiles.Local copy = ModelFiles.copyToTemp(local, new org.apache.hadoop.fs.Path(run.toUri()));
        try {
            assertThat(copy.temporary()).isNotNull().isEqualTo(copy.path());
            try (Stream<Path> files = Files.walk(copy.path())) {
                assertThat(files.filter(Files::isRegularFile).map(p -> copy.path().relativize(p).toString()))
                        .containsExactlyInAnyOrder("checkpoints/epoch-00010.ckpt", "kmeans-instance.json");
            }
            List<RawImage> images;
            try (ImageDataset data = SparkTestSupport.fashionTest()) {
                images = List.of(data.image(0), data.image(1), data.image(2));
            }
            try (ClusterPredictor original = ClusterPredictor.load(tiny);
                    ClusterPredictor copied = ClusterPredictor.load(copy.path());
                    ClusterPredictor byCentroids = ClusterPredictor.builder().setRunDirectory(copy.path())
                            .optMethod(AssignmentMethod.KMEANS).build()) {
                assertThat(copied.batchPredict(images)).isEqualTo(original.batchPredict(images));
                assertThat(byCentroids.clusters()).isEqualTo(2);
            }
        } finally {
            ModelFiles.deleteQuietly(copy.temporary());
        }
        assertThat(copy.temporary()).doesNotExist();
    }

    @Test
    void aCheckpointFileIsCopiedAloneAndLocalPathsAreReadInPlace() throws IOException {
        Path real = Files.list(SparkTestSupport.tinyModel().resolve("checkpoints")).findFirst().orElseThrow();
        FileSystem local = FileSystem.getLocal(new Configuration());
        ModelFiles.Local copy = ModelFiles.copyToTemp(local, new org.apache.hadoop.fs.Path(real.toUri()));
        try {
            assertThat(copy.path()).hasFileName(real.getFileName().toString()).hasSameBinaryContentAs(real);
        } finally {
            ModelFiles.deleteQuietly(copy.temporary());
        }
        ModelFiles.Local inPlace = ModelFiles.fetch(real.toString(), new Configuration());
        assertThat(inPlace.temporary()).isNull();
        assertThat(inPlace.path()).isEqualTo(real);
        assertThatThrownBy(() -> ModelFiles.copyToTemp(local,
                new org.apache.hadoop.fs.Path(SparkTestSupport.scratch().resolve("nothing-here").toUri())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("model not found");
    }
}
