package io.cc4j.augment;

import io.cc4j.transform.BilinearResampler;
import io.cc4j.transform.CropBox;
import io.cc4j.transform.Workspace;
import java.util.random.RandomGenerator;

/**
 * torchvision's {@code RandomResizedCrop(size, scale=(0.08, 1.0), ratio=(3/4, 4/3))}: a random rectangle
 * covering a random fraction of the area, with a log-uniform aspect ratio, resized bilinearly to
 * {@code size x size}.
 *
 * <p>{@link #sample} follows torchvision's {@code get_params} step by step: ten attempts, each drawing the
 * area fraction uniformly in {@code scale} and the log aspect ratio uniformly in {@code log(ratio)},
 * rounding width and height half-to-even like Python's {@code round}; the first attempt that fits picks a
 * uniform position. If none fits, the fallback is the centre crop clamped to the ratio bounds.
 */
public final class RandomResizedCrop {
    /** Smallest fraction of the area, as in the paper. */
    public static final double MIN_SCALE = 0.08;
    /** Largest fraction of the area. */
    public static final double MAX_SCALE = 1.0;
    /** Smallest aspect ratio (width / height). */
    public static final double MIN_RATIO = 3.0 / 4.0;
    /** Largest aspect ratio (width / height). */
    public static final double MAX_RATIO = 4.0 / 3.0;
    private static final int ATTEMPTS = 10;

    private final int size;

    /** @param size output edge in pixels */
    public RandomResizedCrop(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("crop size " + size + " must be positive");
        }
        this.size = size;
    }

    /** Output edge in pixels. */
    public int size() {
        return size;
    }

    /**
     * Draws a crop rectangle for an image of {@code height x width}, exactly as torchvision's
     * {@code RandomResizedCrop.get_params} with the paper's scale and ratio.
     *
     * @param height image rows
     * @param width image columns
     * @param rng source of randomness
     * @return the rectangle, always inside the image and non-empty
     */
    public static CropBox sample(int height, int width, RandomGenerator rng) {
        return sample(height, width, MIN_SCALE, rng);
    }

    /**
     * Draws a crop rectangle as {@link #sample(int, int, RandomGenerator)} with the area fraction in
     * {@code [minScale, 1]} instead of the paper's {@code [0.08, 1]} (TCL's weak view uses 0.2).
     *
     * @param height image rows
     * @param width image columns
     * @param minScale smallest fraction of the area, in (0, 1]
     * @param rng source of randomness
     * @return the rectangle, always inside the image and non-empty
     */
    public static CropBox sample(int height, int width, double minScale, RandomGenerator rng) {
        if (!(minScale > 0 && minScale <= MAX_SCALE)) {
            throw new IllegalArgumentException("crop scale " + minScale + " is not in (0, 1]");
        }
        double area = (double) height * width;
        double logMin = Math.log(MIN_RATIO);
        double logMax = Math.log(MAX_RATIO);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            double targetArea = area * uniform(rng, minScale, MAX_SCALE);
            double aspect = Math.exp(uniform(rng, logMin, logMax));
            int w = (int) Math.rint(Math.sqrt(targetArea * aspect));
            int h = (int) Math.rint(Math.sqrt(targetArea / aspect));
            if (w > 0 && w <= width && h > 0 && h <= height) {
                int top = rng.nextInt(height - h + 1);
                int left = rng.nextInt(width - w + 1);
                return new CropBox(top, left, h, w);
            }
        }
        return centreFallback(height, width);
    }

    /** torchvision's fallback: the centre crop, narrowed to the nearest allowed aspect ratio. */
    static CropBox centreFallback(int height, int width) {
        double inRatio = (double) width / height;
        int w;
        int h;
        if (inRatio < MIN_RATIO) {
            w = width;
            h = (int) Math.rint(w / MIN_RATIO);
        } else if (inRatio > MAX_RATIO) {
            h = height;
            w = (int) Math.rint(h * MAX_RATIO);
        } else {
            w = width;
            h = height;
        }
        return new CropBox((height - h) / 2, (width - w) / 2, h, w);
    }

    /**
     * Crops and resizes one image.
     *
     * @param src source planes {@code channels x height x width} from offset 0
     * @param channels planes
     * @param height source rows
     * @param width source columns
     * @param dst receives {@code channels x size x size} from {@code dstOff}
     * @param dstOff first destination value
     * @param rng source of randomness
     * @param ws scratch buffers of the calling thread
     * @return the rectangle used
     */
    public CropBox apply(float[] src, int channels, int height, int width, float[] dst, int dstOff,
            RandomGenerator rng, Workspace ws) {
        CropBox box = sample(height, width, rng);
        BilinearResampler.resize(src, 0, channels, height, width, box, dst, dstOff, size, size, ws);
        return box;
    }

    private static double uniform(RandomGenerator rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }
}
