package io.cc4j.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.cc4j.InvalidInputException;
import io.cc4j.data.ImageDataset;
import io.cc4j.data.InMemoryDataset;
import io.cc4j.data.RawImage;
import io.cc4j.engine.EngineSupport;
import io.cc4j.testing.TestImages;
import io.cc4j.transform.ToTensor;
import io.cc4j.transform.Workspace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairBuilderTest {
    private static final int[] BATCH = {0, 1, 2, 3, 4, 5, 6, 7, 2, 9};

    /** RGB images of several sizes, so crops, fallbacks and resizes all occur. */
    private static ImageDataset rgbData() {
        List<RawImage> images = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            images.add(TestImages.randomImage(3, 20 + 3 * i, 30 - i, i));
        }
        return InMemoryDataset.of(images);
    }

    private static AugmentConfig strongConfig() {
        return AugmentConfig.builder().set(Augmentation.SIZE, 24).set(Augmentation.STRENGTH, 1.0).set(Augmentation.BLUR, true).build();
    }

    @Test
    void sameSeedGivesIdenticalViewsAndAnotherSeedDiffers() {
        try (PairBuilder pcb = new PairBuilder(rgbData(), strongConfig(), 2)) {
            ViewBatch a = pcb.build(BATCH, 42);
            ViewBatch b = pcb.build(BATCH, 42);
            ViewBatch c = pcb.build(BATCH, 43);
            assertThat(a.data()).isEqualTo(b.data());
            assertThat(a.data()).isNotEqualTo(c.data());
            assertThat(a.n()).isEqualTo(BATCH.length);
            assertThat(a.channels()).isEqualTo(3);
            assertThat(a.size()).isEqualTo(24);
            assertThat(a.data()).hasSize(2 * BATCH.length * 3 * 24 * 24);
        }
    }

    @Test
    void theTwoViewsOfAnImageDiffer() {
        try (PairBuilder pcb = new PairBuilder(rgbData(), strongConfig(), 1)) {
            ViewBatch v = pcb.build(BATCH, 7);
            int len = v.viewLength();
            for (int i = 0; i < v.n(); i++) {
                float[] a = Arrays.copyOfRange(v.data(), v.offset(i, 0), v.offset(i, 0) + len);
                float[] b = Arrays.copyOfRange(v.data(), v.offset(i, 1), v.offset(i, 1) + len);
                assertThat(a).as("image %d", i).isNotEqualTo(b);
            }
        }
    }

    @Test
    void workerCountDoesNotChangeTheOutput() throws Exception {
        ImageDataset data = rgbData();
        try (PairBuilder one = new PairBuilder(data, strongConfig(), 1);
                PairBuilder three = new PairBuilder(data, strongConfig(), 3)) {
            assertThat(three.submit(BATCH, 5).get().data()).isEqualTo(one.build(BATCH, 5).data());
            assertThat(three.testBatch(BATCH)).isEqualTo(one.testBatch(BATCH));
        }
    }

    @Test
    void valuesStayInTheUnitInterval() {
        try (PairBuilder pcb = new PairBuilder(rgbData(), strongConfig(), 2)) {
            for (long seed = 0; seed < 5; seed++) {
                for (float f : pcb.build(BATCH, seed).data()) {
                    assertThat(f).isBetween(0f, 1f);
                }
            }
        }
    }

    @Test
    void withEverythingOffAViewIsTheEvalTransform() {
        AugmentConfig off = AugmentConfig.builder().set(Augmentation.SIZE, 16).set(Augmentation.CROP, false).set(Augmentation.FLIP, false).set(Augmentation.JITTER, false)
                .set(Augmentation.GRAYSCALE, false).set(Augmentation.BLUR, false).build();
        try (PairBuilder pcb = new PairBuilder(rgbData(), off, 2)) {
            ViewBatch v = pcb.build(BATCH, 1);
            float[] test = pcb.testBatch(BATCH);
            int half = v.data().length / 2;
            assertThat(Arrays.copyOfRange(v.data(), 0, half)).isEqualTo(test);
            assertThat(Arrays.copyOfRange(v.data(), half, 2 * half)).isEqualTo(test);
        }
    }

    @Test
    void grayscaleImagesBecomeThreeEqualChannels() {
        List<RawImage> images = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            images.add(TestImages.randomImage(1, 28, 28, 50 + i));
        }
        int[] idx = {0, 1, 2, 3};
        try (PairBuilder pcb = new PairBuilder(InMemoryDataset.of(images), AugmentConfig.preset("fashion-mnist", 28), 2)) {
            assertEqualChannels(pcb.build(idx, 3).data(), 8, 28 * 28);
            assertEqualChannels(pcb.testBatch(idx), 4, 28 * 28);
        }
    }

    private static void assertEqualChannels(float[] data, int views, int plane) {
        for (int v = 0; v < views; v++) {
            int o = v * 3 * plane;
            for (int i = 0; i < plane; i++) {
                assertThat(data[o + plane + i]).isEqualTo(data[o + i]);
                assertThat(data[o + 2 * plane + i]).isEqualTo(data[o + i]);
            }
        }
    }

    @Test
    void testTransformOfAConstantImageIsConstant() {
        byte[] p = new byte[3 * 17 * 23];
        Arrays.fill(p, (byte) 200);
        ImageDataset data = InMemoryDataset.of(List.of(new RawImage(3, 17, 23, p)));
        try (PairBuilder pcb = new PairBuilder(data, AugmentConfig.builder().set(Augmentation.SIZE, 32).build(), 1)) {
            for (float f : pcb.testBatch(new int[] {0})) {
                assertThat(f).isCloseTo(200f / 255f, within(1e-6f));
            }
        }
    }

    @Test
    void badIndicesAndWorkerCountsAreNamed() {
        try (PairBuilder pcb = new PairBuilder(rgbData(), strongConfig(), 1)) {
            assertThatThrownBy(() -> pcb.build(new int[] {0, 10}, 1))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("index 10");
            assertThatThrownBy(() -> pcb.testBatch(new int[] {-1}))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("index -1");
        }
        assertThatThrownBy(() -> new PairBuilder(rgbData(), strongConfig(), 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("workers 0");
    }

    @Test
    void viewBatchBecomesA2NByCByHByWArray() {
        try (PairBuilder pcb = new PairBuilder(rgbData(), AugmentConfig.builder().set(Augmentation.SIZE, 8).build(), 2);
                NDManager manager = EngineSupport.engine().newBaseManager()) {
            ViewBatch v = pcb.build(new int[] {1, 2, 3}, 9);
            NDArray x = v.toNDArray(manager);
            assertThat(x.getShape()).isEqualTo(new Shape(6, 3, 8, 8));
            assertThat(x.toFloatArray()).isEqualTo(v.data());
            // Row N (the first of view b) holds image 0's second view.
            assertThat(x.get(3).toFloatArray()).isEqualTo(Arrays.copyOfRange(v.data(), v.offset(0, 1),
                    v.offset(0, 1) + v.viewLength()));
        }
    }

    @Test
    void boostPairsAreTheWeakAndTheStrongViewOfEachImage() {
        ImageDataset data = rgbData();
        BoostAugmentConfig config = BoostAugmentConfig.preset("cifar10", 20);
        try (PairBuilder pcb = new PairBuilder(data, config, 2)) {
            ViewBatch v = pcb.build(BATCH, 11);
            assertThat(pcb.config()).isEqualTo(config.weak());
            TrainTransform weak = config.weakTransform();
            StrongTransform strong = config.strongTransform();
            Workspace ws = new Workspace();
            int len = v.viewLength();
            for (int i = 0; i < BATCH.length; i++) {
                RawImage img = data.image(BATCH[i]);
                float[] src = ToTensor.apply(img);
                float[] a = new float[len];
                float[] b = new float[len];
                weak.apply(src, 3, img.height(), img.width(), a, 0, PairBuilder.viewRandom(11, i, 0), ws);
                strong.apply(src, 3, img.height(), img.width(), b, 0, PairBuilder.viewRandom(11, i, 1), ws);
                assertThat(Arrays.copyOfRange(v.data(), v.offset(i, 0), v.offset(i, 0) + len)).isEqualTo(a);
                assertThat(Arrays.copyOfRange(v.data(), v.offset(i, 1), v.offset(i, 1) + len)).isEqualTo(b);
            }
        }
    }

    @Test
    void boostPairsDependOnTheSeedOnlyNotOnTheWorkers() throws Exception {
        ImageDataset data = rgbData();
        BoostAugmentConfig config = BoostAugmentConfig.preset("imagenet10", 24);
        try (PairBuilder one = new PairBuilder(data, config, 1);
                PairBuilder three = new PairBuilder(data, config, 3)) {
            float[] a = one.build(BATCH, 5).data();
            assertThat(three.submit(BATCH, 5).get().data()).isEqualTo(a);
            assertThat(one.build(BATCH, 5).data()).isEqualTo(a);
            assertThat(one.build(BATCH, 6).data()).isNotEqualTo(a);
            // The test transform does not depend on the views.
            try (PairBuilder cc = new PairBuilder(data, AugmentConfig.builder().set(Augmentation.SIZE, 24).build(), 1)) {
                assertThat(one.testBatch(BATCH)).isEqualTo(cc.testBatch(BATCH));
            }
        }
    }

    @Test
    void anUnreadableImageIsLeftOutAndTheOthersKeepTheirViews() throws Exception {
        ImageDataset good = rgbData();
        ImageDataset data = new ImageDataset() {
            @Override
            public int size() {
                return good.size();
            }

            @Override
            public java.util.Optional<io.cc4j.data.ImageShape> shape() {
                return good.shape();
            }

            @Override
            public int channels() {
                return 3;
            }

            @Override
            public RawImage image(int index) {
                if (index == 4) {
                    throw new InvalidInputException("cannot decode image img4.png: truncated");
                }
                return good.image(index);
            }

            @Override
            public boolean hasLabels() {
                return false;
            }

            @Override
            public int label(int index) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<String> classNames() {
                return List.of();
            }

            @Override
            public String id(int index) {
                return "img" + index + ".png";
            }

            @Override
            public String description() {
                return "one truncated image";
            }
        };
        try (PairBuilder all = new PairBuilder(good, strongConfig(), 2); PairBuilder some = new PairBuilder(data,
                strongConfig(), 2)) {
            ViewBatch expected = all.build(BATCH, 11);
            ViewBatch got = some.submitSkippingUnreadable(BATCH, 11).get();
            assertThat(got.n()).isEqualTo(BATCH.length - 1);
            assertThat(got.skipped()).singleElement().satisfies(s -> {
                assertThat(s.index()).isEqualTo(4);
                assertThat(s.id()).isEqualTo("img4.png");
                assertThat(s.reason()).contains("truncated");
            });
            int len = got.viewLength();
            for (int i = 0, k = 0; i < BATCH.length; i++) {
                if (BATCH[i] == 4) {
                    continue;
                }
                for (int view = 0; view < 2; view++) {
                    assertThat(Arrays.copyOfRange(got.data(), got.offset(k, view), got.offset(k, view) + len))
                            .as("image at %d, view %d", i, view).isEqualTo(Arrays.copyOfRange(expected.data(),
                                    expected.offset(i, view), expected.offset(i, view) + len));
                }
                k++;
            }
            // Without skipping, the batch fails with the reader's message.
            assertThatThrownBy(() -> some.build(BATCH, 11)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("img4.png");
        }
    }

    @Test
    void aHugeImageDoesNotKeepAHugeBufferPerThread() {
        Workspace ws = new Workspace();
        ws.source(1000);
        ws.trim();
        assertThat(ws.retainedElements()).isEqualTo(1000);
        ws.source(Workspace.KEEP_LIMIT + 1);
        ws.copy(Workspace.KEEP_LIMIT * 2);
        ws.trim();
        assertThat(ws.retainedElements()).isZero();
    }
}
