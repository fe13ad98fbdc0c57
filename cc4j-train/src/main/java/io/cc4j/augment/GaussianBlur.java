package io.cc4j.augment;

import io.cc4j.transform.Workspace;
import java.util.random.RandomGenerator;

/**
 * torchvision's {@code GaussianBlur(kernel_size=23, sigma=(0.1, 2.0))} applied with probability 0.5, as
 * the paper uses it on the ImageNet subsets.
 *
 * <p>The 23-tap kernel is {@code exp(-x^2 / (2 sigma^2))} at {@code x = -11..11}, normalised to sum 1, and
 * is applied separably (rows, then columns) with reflect padding ({@code d c b | a b c d | c b a}, no edge
 * repeat), like torchvision and OpenCV's default border. Unlike PyTorch, which rejects a padding as large
 * as the image, images narrower than 12 pixels are handled by reflecting repeatedly. Kernel taps whose
 * weight is below {@code 1e-12} of the total (far tails at small sigma) are skipped: their contribution is
 * below float resolution.
 */
public final class GaussianBlur {
    /** The paper's kernel size. */
    public static final int KERNEL = 23;
    /** Smallest sigma. */
    public static final double MIN_SIGMA = 0.1;
    /** Largest sigma. */
    public static final double MAX_SIGMA = 2.0;
    /** The paper's blur probability. */
    public static final double DEFAULT_P = 0.5;
    private static final int RADIUS = KERNEL / 2;
    private static final double NEGLIGIBLE = 1e-12;

    private final double p;

    /** Blur with probability 0.5. */
    public GaussianBlur() {
        this(DEFAULT_P);
    }

    /** @param p probability in [0,1] */
    public GaussianBlur(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("blur probability " + p + " is not in [0,1]");
        }
        this.p = p;
    }

    /**
     * With probability p, draws sigma uniformly in [0.1, 2.0] and blurs in place.
     *
     * @param img planes from {@code off}
     * @param off first value
     * @param channels planes
     * @param height rows
     * @param width columns
     * @param rng source of randomness
     * @param ws scratch buffers of the calling thread
     * @return the sigma used, or NaN when not applied
     */
    public double apply(float[] img, int off, int channels, int height, int width, RandomGenerator rng,
            Workspace ws) {
        if (rng.nextDouble() < p) {
            double sigma = MIN_SIGMA + (MAX_SIGMA - MIN_SIGMA) * rng.nextDouble();
            blur(img, off, channels, height, width, sigma, ws);
            return sigma;
        }
        return Double.NaN;
    }

    /** The normalised 23-tap kernel for {@code sigma}, as torchvision's {@code _get_gaussian_kernel1d}. */
    public static float[] kernel(double sigma) {
        double[] pdf = new double[KERNEL];
        double sum = 0;
        for (int i = 0; i < KERNEL; i++) {
            double x = (i - RADIUS) / sigma;
            pdf[i] = Math.exp(-0.5 * x * x);
            sum += pdf[i];
        }
        float[] k = new float[KERNEL];
        for (int i = 0; i < KERNEL; i++) {
            k[i] = (float) (pdf[i] / sum);
        }
        return k;
    }

    /**
     * Blurs every plane in place with the kernel of {@code sigma}.
     *
     * @param img planes from {@code off}
     * @param off first value
     * @param channels planes
     * @param height rows
     * @param width columns
     * @param sigma standard deviation in pixels, positive
     * @param ws scratch buffers of the calling thread
     */
    public static void blur(float[] img, int off, int channels, int height, int width, double sigma, Workspace ws) {
        float[] k = kernel(sigma);
        // Only the central taps that matter; the kernel is symmetric, so trim both ends alike.
        int r = RADIUS;
        while (r > 0 && k[RADIUS - r] < NEGLIGIBLE) {
            r--;
        }
        int plane = height * width;
        float[][] rows = ws.rows(height, width);
        float[] line = ws.line(width + 2 * r);
        float[] shifted = ws.shifted(width);
        float[] acc = ws.acc(width);
        // Every tap loop below runs over zero-based arrays at the same index, which HotSpot vectorises.
        for (int c = 0; c < channels; c++) {
            int base = off + c * plane;
            // Row pass: img -> rows, through a reflect-padded copy of each row.
            for (int y = 0; y < height; y++) {
                int row = base + y * width;
                for (int i = -r; i < width + r; i++) {
                    line[r + i] = img[row + reflect(i, width)];
                }
                float[] out = rows[y];
                float w0 = k[RADIUS - r];
                for (int x = 0; x < width; x++) {
                    out[x] = w0 * line[x];
                }
                for (int t = 1; t <= 2 * r; t++) {
                    float w = k[RADIUS - r + t];
                    System.arraycopy(line, t, shifted, 0, width);
                    for (int x = 0; x < width; x++) {
                        out[x] += w * shifted[x];
                    }
                }
            }
            // Column pass: rows -> img, one output row at a time.
            for (int y = 0; y < height; y++) {
                float w0 = k[RADIUS - r];
                float[] first = rows[reflect(y - r, height)];
                for (int x = 0; x < width; x++) {
                    acc[x] = w0 * first[x];
                }
                for (int t = -r + 1; t <= r; t++) {
                    float w = k[RADIUS + t];
                    float[] src = rows[reflect(y + t, height)];
                    for (int x = 0; x < width; x++) {
                        acc[x] += w * src[x];
                    }
                }
                // The weights sum to 1 only up to float rounding; keep the result in [0,1].
                for (int x = 0; x < width; x++) {
                    acc[x] = Math.min(acc[x], 1f);
                }
                System.arraycopy(acc, 0, img, base + y * width, width);
            }
        }
    }

    /** Reflect index without edge repeat, repeated for paddings wider than the image. */
    static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }
}
