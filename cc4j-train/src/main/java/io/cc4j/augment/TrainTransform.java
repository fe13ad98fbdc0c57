package io.cc4j.augment;

import io.cc4j.transform.BilinearResampler;
import io.cc4j.transform.CropBox;
import io.cc4j.transform.ResampleFilter;
import io.cc4j.transform.ToTensor;
import io.cc4j.transform.Workspace;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The paper's train transform for one view, in torchvision's order: RandomResizedCrop, horizontal flip,
 * colour jitter with p 0.8, random grayscale, Gaussian blur (where on), each only if switched on in the
 * {@link AugmentConfig}. With the crop off the whole image is resized to {@code size x size} instead.
 *
 * <p>The same steps make TCL's weak view with other fixed parameters (crop scale 0.2-1, jitter
 * (0.4, 0.4, 0.2, 0.1), bicubic resampling): see {@link BoostAugmentConfig#weakTransform()}.
 *
 * <p>The output is always three channels; a one-channel source is replicated after resizing
 * (see {@link ToTensor}).
 */
public final class TrainTransform implements ViewTransform {
    /** Probability that colour jitter is applied at all (torchvision's {@code RandomApply}). */
    public static final double JITTER_P = 0.8;

    private final AugmentConfig config;
    private final HorizontalFlip flip = new HorizontalFlip();
    private final ColorJitter jitter;
    private final double minScale;
    private final ResampleFilter filter;
    private final RandomGrayscale grayscale = new RandomGrayscale();
    private final GaussianBlur blur = new GaussianBlur();

    /** @param config which augmentations to apply and the output size; CC's crop, jitter and bilinear */
    public TrainTransform(AugmentConfig config) {
        this(config, ColorJitter.ofStrength(config.get(Augmentation.STRENGTH)), RandomResizedCrop.MIN_SCALE,
                ResampleFilter.BILINEAR);
    }

    /**
     * @param config which augmentations are on and the output size (its strength is not used)
     * @param jitter the colour jitter applied with p 0.8 when on
     * @param minScale smallest area fraction of the crop, in (0, 1]
     * @param filter resampling of the crop (or of the whole image when the crop is off)
     */
    public TrainTransform(AugmentConfig config, ColorJitter jitter, double minScale, ResampleFilter filter) {
        if (!(minScale > 0 && minScale <= RandomResizedCrop.MAX_SCALE)) {
            throw new IllegalArgumentException("crop scale " + minScale + " is not in (0, 1]");
        }
        this.config = Objects.requireNonNull(config, "config");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        this.minScale = minScale;
        this.filter = Objects.requireNonNull(filter, "filter");
    }

    /** The configuration. */
    public AugmentConfig config() {
        return config;
    }

    @Override
    public int size() {
        return config.size();
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
     * @param ws scratch buffers of the calling thread
     */
    @Override
    public void apply(float[] src, int channels, int height, int width, float[] dst, int dstOff,
            RandomGenerator rng, Workspace ws) {
        int size = config.size();
        int plane = size * size;
        CropBox box = config.get(Augmentation.CROP) ? RandomResizedCrop.sample(height, width, minScale, rng)
                : CropBox.whole(height, width);
        BilinearResampler.resize(src, 0, channels, height, width, box, dst, dstOff, size, size, filter, ws);
        if (channels == 1) {
            ToTensor.replicateToRgb(dst, dstOff, plane);
        }
        if (config.get(Augmentation.FLIP)) {
            flip.apply(dst, dstOff, 3, size, size, rng);
        }
        if (config.get(Augmentation.JITTER) && rng.nextDouble() < JITTER_P) {
            jitter.apply(dst, dstOff, plane, rng);
        }
        if (config.get(Augmentation.GRAYSCALE)) {
            grayscale.apply(dst, dstOff, plane, rng);
        }
        if (config.get(Augmentation.BLUR)) {
            blur.apply(dst, dstOff, 3, size, size, rng, ws);
        }
    }
}
