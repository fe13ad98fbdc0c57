package io.cc4j.augment;

import java.util.random.RandomGenerator;

/**
 * The paper's train transform for one view, in torchvision's order: RandomResizedCrop, horizontal flip,
 * colour jitter with p 0.8, random grayscale, Gaussian blur (where on), each only if switched on in the
 * {@link AugmentConfig}. With the crop off the whole image is resized to {@code size x size} instead.
 *
 * <p>The output is always three channels; a one-channel source is replicated after resizing
 * (see {@link ToTensor}).
 */
public final class TrainTransform {
    /** Probability that colour jitter is applied at all (torchvision's {@code RandomApply}). */
    public static final double JITTER_P = 0.8;

    private final AugmentConfig config;
    private final HorizontalFlip flip = new HorizontalFlip();
    private final ColorJitter jitter;
    private final RandomGrayscale grayscale = new RandomGrayscale();
    private final GaussianBlur blur = new GaussianBlur();

    /** @param config which augmentations to apply and the output size */
    public TrainTransform(AugmentConfig config) {
        this.config = config;
        this.jitter = ColorJitter.ofStrength(config.strength());
    }

    /** The configuration. */
    public AugmentConfig config() {
        return config;
    }

    /** Scratch floats {@link #apply} needs for a source of {@code height x width}. */
    public int scratchSize(int height, int width) {
        int s = config.size();
        return Math.max(height * s, GaussianBlur.scratchSize(s, s));
    }

    /**
     * Makes one view.
     *
     * @param src source planes {@code channels x height x width} in [0,1] from offset 0
     * @param channels 1 or 3
     * @param height source rows
     * @param width source columns
     * @param dst receives {@code 3 x size x size} from {@code dstOff}
     * @param dstOff first destination value
     * @param rng the view's own source of randomness
     * @param tmp scratch of at least {@link #scratchSize} floats
     */
    public void apply(float[] src, int channels, int height, int width, float[] dst, int dstOff,
            RandomGenerator rng, float[] tmp) {
        int size = config.size();
        int plane = size * size;
        CropBox box = config.crop() ? RandomResizedCrop.sample(height, width, rng) : CropBox.whole(height, width);
        BilinearResampler.resize(src, 0, channels, height, width, box, dst, dstOff, size, size, tmp);
        if (channels == 1) {
            ToTensor.replicateToRgb(dst, dstOff, plane);
        }
        if (config.flip()) {
            flip.apply(dst, dstOff, 3, size, size, rng);
        }
        if (config.jitter() && rng.nextDouble() < JITTER_P) {
            jitter.apply(dst, dstOff, plane, rng);
        }
        if (config.grayscale()) {
            grayscale.apply(dst, dstOff, plane, rng);
        }
        if (config.blur()) {
            blur.apply(dst, dstOff, 3, size, size, rng, tmp);
        }
    }
}
