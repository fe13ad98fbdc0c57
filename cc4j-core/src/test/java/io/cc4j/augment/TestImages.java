package io.cc4j.augment;

import io.cc4j.data.ImageDataset;
import io.cc4j.data.ImageShape;
import io.cc4j.data.RawImage;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/** Small in-memory images and datasets for the augmentation tests. */
final class TestImages {
    private TestImages() {
    }

    /** Random float planes in [0,1]. */
    static float[] randomFloats(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextDouble();
        }
        return a;
    }

    /** A random byte image. */
    static RawImage randomImage(int c, int h, int w, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] p = new byte[c * h * w];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) r.nextInt(256);
        }
        return new RawImage(c, h, w, p);
    }

    /** A dataset of the given images. */
    static ImageDataset dataset(List<RawImage> images) {
        return new ImageDataset() {
            @Override
            public int size() {
                return images.size();
            }

            @Override
            public Optional<ImageShape> shape() {
                return Optional.empty();
            }

            @Override
            public int channels() {
                return images.get(0).channels();
            }

            @Override
            public RawImage image(int index) {
                return images.get(index);
            }

            @Override
            public boolean hasLabels() {
                return false;
            }

            @Override
            public int label(int index) {
                throw new UnsupportedOperationException("no labels");
            }

            @Override
            public List<String> classNames() {
                return List.of();
            }

            @Override
            public String description() {
                return "test images";
            }
        };
    }
}
