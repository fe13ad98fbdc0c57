package io.cc4j.augment;

import io.cc4j.transform.CropBox;
import io.cc4j.transform.ResampleFilter;
import io.cc4j.transform.ToTensor;
import io.cc4j.transform.Workspace;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * TCL's strong view of one image, in its order: the whole image resized bicubically to
 * {@code size x size}, horizontal flip, {@code n} random operations ({@link RandAugment}), one cutout hole
 * ({@link Cutout}); each step only if switched on in the {@link StrongAugmentConfig}.
 *
 * <p>The output is three channels; a one-channel source is replicated after resizing. The resize is PIL's
 * own 8-bit resize ({@code PilResize}), and the operations that change values work on the bytes PIL would
 * hold ({@code ByteGrid}), so for a source from {@link ToTensor} every step gives exactly the bytes of TCL's
 * PIL pipeline with the same draws. Only the draws differ: cc4j's come from the view's own generator.
 */
public final class StrongTransform implements ViewTransform {
    private final StrongAugmentConfig config;
    private final HorizontalFlip flip = new HorizontalFlip();
    private final RandAugment ops;
    private final Cutout cutout;

    /** @param config which steps and operations are on, and the output size */
    public StrongTransform(StrongAugmentConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.ops = new RandAugment(config.get(StrongAugmentation.OPS), config.get(StrongAugmentation.OPS_PER_IMAGE));
        this.cutout = new Cutout(config.cutoutMaxLength(), config.get(StrongAugmentation.CUTOUT_FILL).toArray());
    }

    /** The configuration. */
    public StrongAugmentConfig config() {
        return config;
    }

    @Override
    public int size() {
        return config.size();
    }

    @Override
    public void apply(float[] src, int channels, int height, int width, float[] dst, int dstOff,
            RandomGenerator rng, Workspace ws) {
        int size = config.size();
        PilResize.resize(src, 0, channels, height, width, CropBox.whole(height, width), dst, dstOff, size, size,
                ResampleFilter.BICUBIC, ws);
        if (channels == 1) {
            ToTensor.replicateToRgb(dst, dstOff, size * size);
        }
        if (config.get(Augmentation.FLIP)) {
            flip.apply(dst, dstOff, 3, size, size, rng);
        }
        ops.apply(dst, dstOff, 3, size, size, rng, ws);
        if (config.get(StrongAugmentation.CUTOUT)) {
            cutout.apply(dst, dstOff, 3, size, size, rng);
        }
    }
}
