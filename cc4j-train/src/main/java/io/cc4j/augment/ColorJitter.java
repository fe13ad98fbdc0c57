package io.cc4j.augment;

import java.util.random.RandomGenerator;

/**
 * torchvision's {@code ColorJitter(brightness, contrast, saturation, hue)} on an RGB float image in [0,1],
 * following its tensor implementation.
 *
 * <p>Each call draws a random order of the four adjustments and one factor per enabled adjustment:
 * brightness, contrast and saturation uniformly in {@code [max(0, 1 - x), 1 + x]}, hue uniformly in
 * {@code [-h, h]}. An adjustment with strength 0 is skipped, as torchvision sets it to {@code None}.
 * Brightness scales the image; contrast blends it with the mean of its grayscale version; saturation
 * blends it with its per-pixel grayscale; every blend clamps to [0,1]. Hue converts to HSV, shifts the
 * hue modulo 1 and converts back. Grayscale uses the luma weights of {@link RandomGrayscale}.
 */
public final class ColorJitter {
    private static final int BRIGHTNESS = 0;
    private static final int CONTRAST = 1;
    private static final int SATURATION = 2;
    private static final int HUE = 3;

    private final double brightness;
    private final double contrast;
    private final double saturation;
    private final double hue;

    /**
     * @param brightness brightness strength, at least 0
     * @param contrast contrast strength, at least 0
     * @param saturation saturation strength, at least 0
     * @param hue hue strength in [0, 0.5]
     */
    public ColorJitter(double brightness, double contrast, double saturation, double hue) {
        check("brightness", brightness, Double.MAX_VALUE);
        check("contrast", contrast, Double.MAX_VALUE);
        check("saturation", saturation, Double.MAX_VALUE);
        check("hue", hue, 0.5);
        this.brightness = brightness;
        this.contrast = contrast;
        this.saturation = saturation;
        this.hue = hue;
    }

    /** The paper's jitter for strength s: (0.8s, 0.8s, 0.8s, 0.2s). */
    public static ColorJitter ofStrength(double s) {
        return new ColorJitter(0.8 * s, 0.8 * s, 0.8 * s, 0.2 * s);
    }

    private static void check(String name, double v, double max) {
        if (!(v >= 0 && v <= max)) {
            throw new IllegalArgumentException(name + " jitter " + v + " is out of range 0.." + max);
        }
    }

    /**
     * The draws of one call.
     *
     * @param order the four adjustments (0 brightness, 1 contrast, 2 saturation, 3 hue) in application order
     * @param brightness factor, or NaN when skipped
     * @param contrast factor, or NaN when skipped
     * @param saturation factor, or NaN when skipped
     * @param hue shift in turns, or NaN when skipped
     */
    public record Params(int[] order, double brightness, double contrast, double saturation, double hue) {
    }

    /** Draws the order and the factors, in torchvision's order of draws. */
    public Params sample(RandomGenerator rng) {
        int[] order = {0, 1, 2, 3};
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double b = brightness > 0 ? uniform(rng, Math.max(0, 1 - brightness), 1 + brightness) : Double.NaN;
        double c = contrast > 0 ? uniform(rng, Math.max(0, 1 - contrast), 1 + contrast) : Double.NaN;
        double s = saturation > 0 ? uniform(rng, Math.max(0, 1 - saturation), 1 + saturation) : Double.NaN;
        double h = hue > 0 ? uniform(rng, -hue, hue) : Double.NaN;
        return new Params(order, b, c, s, h);
    }

    /**
     * Draws parameters and applies them in place.
     *
     * @param img RGB planes from {@code off}
     * @param off first value
     * @param plane pixels per channel
     * @param rng source of randomness
     * @return the parameters used
     */
    public Params apply(float[] img, int off, int plane, RandomGenerator rng) {
        Params p = sample(rng);
        apply(img, off, plane, p);
        return p;
    }

    /** Applies given parameters in place. */
    public static void apply(float[] img, int off, int plane, Params p) {
        for (int fn : p.order()) {
            switch (fn) {
                case BRIGHTNESS -> {
                    if (!Double.isNaN(p.brightness())) {
                        adjustBrightness(img, off, plane, (float) p.brightness());
                    }
                }
                case CONTRAST -> {
                    if (!Double.isNaN(p.contrast())) {
                        adjustContrast(img, off, plane, (float) p.contrast());
                    }
                }
                case SATURATION -> {
                    if (!Double.isNaN(p.saturation())) {
                        adjustSaturation(img, off, plane, (float) p.saturation());
                    }
                }
                case HUE -> {
                    if (!Double.isNaN(p.hue())) {
                        adjustHue(img, off, plane, (float) p.hue());
                    }
                }
                default -> throw new IllegalStateException("unknown jitter step " + fn);
            }
        }
    }

    /** {@code clamp(factor * img, 0, 1)} over all three channels. */
    public static void adjustBrightness(float[] img, int off, int plane, float factor) {
        int end = off + 3 * plane;
        for (int i = off; i < end; i++) {
            img[i] = clamp(factor * img[i]);
        }
    }

    /** {@code clamp(factor * img + (1 - factor) * mean(gray(img)), 0, 1)}. */
    public static void adjustContrast(float[] img, int off, int plane, float factor) {
        double sum = 0;
        int g0 = off + plane;
        int b0 = off + 2 * plane;
        for (int i = 0; i < plane; i++) {
            sum += RandomGrayscale.R * img[off + i] + RandomGrayscale.G * img[g0 + i]
                    + RandomGrayscale.B * img[b0 + i];
        }
        float shift = (float) ((1.0 - factor) * (sum / plane));
        int end = off + 3 * plane;
        for (int i = off; i < end; i++) {
            img[i] = clamp(factor * img[i] + shift);
        }
    }

    /** {@code clamp(factor * img + (1 - factor) * gray(img), 0, 1)}, per pixel. */
    public static void adjustSaturation(float[] img, int off, int plane, float factor) {
        float rest = 1f - factor;
        int g0 = off + plane;
        int b0 = off + 2 * plane;
        for (int i = 0; i < plane; i++) {
            float r = img[off + i];
            float g = img[g0 + i];
            float b = img[b0 + i];
            float l = rest * (RandomGrayscale.R * r + RandomGrayscale.G * g + RandomGrayscale.B * b);
            img[off + i] = clampScalar(factor * r + l);
            img[g0 + i] = clampScalar(factor * g + l);
            img[b0 + i] = clampScalar(factor * b + l);
        }
    }

    /**
     * Shifts the hue by {@code shift} turns (in [-0.5, 0.5]) through HSV, as torchvision's
     * {@code _rgb2hsv}/{@code _hsv2rgb}.
     *
     * <p>Written without the intermediate saturation and sector switch: with {@code v = max} and
     * {@code s = (max - min) / max}, torchvision's six-sector choice among {@code v}, {@code p = v(1-s)},
     * {@code q = v(1-sf)} and {@code t = v(1-s(1-f))} equals, per channel,
     * {@code max - (max - min) * clamp(min(k, 4 - k), 0, 1)} with {@code k = (n + 6h) mod 6} and
     * {@code n} = 5, 3, 1 for red, green, blue. That saves divisions, clamps and unpredictable branches;
     * results agree to float rounding.
     */
    public static void adjustHue(float[] img, int off, int plane, float shift) {
        int g0 = off + plane;
        int b0 = off + 2 * plane;
        for (int i = 0; i < plane; i++) {
            float r = img[off + i];
            float g = img[g0 + i];
            float b = img[b0 + i];
            // Plain comparisons: cheaper than Math.max/min, whose NaN and -0.0 rules are not needed here.
            float maxc = r > g ? r : g;
            maxc = b > maxc ? b : maxc;
            float minc = r < g ? r : g;
            minc = b < minc ? b : minc;
            float cr = maxc - minc;
            if (cr == 0f) {
                continue; // gray pixel: saturation 0, the hue shift changes nothing
            }
            float inv = 1f / cr;
            // Hue in sixths of a turn, in [-1, 5), as torchvision's hr + hg + hb.
            float h6 = maxc == r ? (g - b) * inv : (maxc == g ? 2f + (b - r) * inv : 4f + (r - g) * inv);
            // (h / 6 + shift) mod 1 as Python's % 1.0, back in sixths: [0, 6].
            float h = h6 / 6f + shift;
            h6 = (h - (float) Math.floor(h)) * 6f;
            img[off + i] = maxc - cr * ramp(h6 + 5f);
            img[g0 + i] = maxc - cr * ramp(h6 + 3f);
            img[b0 + i] = maxc - cr * ramp(h6 + 1f);
        }
    }

    /** {@code clamp(min(k, 4 - k), 0, 1)} for {@code k} taken modulo 6 ({@code k} in [0, 12)). */
    private static float ramp(float k) {
        float m = k >= 6f ? k - 6f : k;
        float v = m < 4f - m ? m : 4f - m;
        v = v < 1f ? v : 1f;
        return v > 0f ? v : 0f;
    }

    private static float clamp(float v) {
        // Math.min/max compile to vector min/max where the loop vectorises (brightness, contrast).
        return Math.min(Math.max(v, 0f), 1f);
    }

    private static float clampScalar(float v) {
        // Plain comparisons: faster than Math.min/max in loops the JIT does not vectorise.
        return v < 0f ? 0f : (v > 1f ? 1f : v);
    }

    private static double uniform(RandomGenerator rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }
}
