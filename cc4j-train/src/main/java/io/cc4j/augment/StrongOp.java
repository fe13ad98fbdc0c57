package io.cc4j.augment;

import io.cc4j.InvalidInputException;
import io.cc4j.transform.Workspace;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The operations TCL's strong view draws from, in the order of its {@code augment_list} (the order matters
 * only for which op a draw picks), with TCL's magnitude ranges. Each op's magnitude is drawn uniformly in
 * {@code [min, max)}; the geometric ones ({@link #mirrored()}) then flip its sign with p 0.5, as TCL's
 * {@code random_mirror}.
 *
 * <p>Note TCL's ranges: Color, Contrast, Brightness and Sharpness use factors in [0.05, 0.95), so they only
 * ever weaken colour, contrast, brightness and detail; Solarize's threshold is in [0, 256) and Posterize
 * keeps {@code int(m)} = 4 to 7 bits.
 */
public enum StrongOp {
    /** Leaves the image alone. */
    IDENTITY(0, 1, false),
    /** {@link AutoContrast}. */
    AUTO_CONTRAST(0, 1, false),
    /** {@link Equalize}. */
    EQUALIZE(0, 1, false),
    /** {@link Rotate}, degrees. */
    ROTATE(-30, 30, true),
    /** {@link Solarize}, threshold. */
    SOLARIZE(0, 256, false),
    /** {@link EnhanceColor}, factor. */
    COLOR(0.05, 0.95, false),
    /** {@link EnhanceContrast}, factor. */
    CONTRAST(0.05, 0.95, false),
    /** {@link EnhanceBrightness}, factor. */
    BRIGHTNESS(0.05, 0.95, false),
    /** {@link EnhanceSharpness}, factor. */
    SHARPNESS(0.05, 0.95, false),
    /** {@link Shear#x}, factor. */
    SHEAR_X(-0.1, 0.1, true),
    /** {@link Translate#x}, fraction of the width. */
    TRANSLATE_X(-0.1, 0.1, true),
    /** {@link Translate#y}, fraction of the height. */
    TRANSLATE_Y(-0.1, 0.1, true),
    /** {@link Posterize}, bits ({@code int(m)}). */
    POSTERIZE(4, 8, false),
    /** {@link Shear#y}, factor. */
    SHEAR_Y(-0.1, 0.1, true);

    private final double min;
    private final double max;
    private final boolean mirrored;

    StrongOp(double min, double max, boolean mirrored) {
        this.min = min;
        this.max = max;
        this.mirrored = mirrored;
    }

    /** Smallest magnitude TCL draws. */
    public double min() {
        return min;
    }

    /** Upper end (exclusive) of the magnitudes TCL draws. */
    public double max() {
        return max;
    }

    /** Whether the sign of the magnitude is flipped with p 0.5 after drawing. */
    public boolean mirrored() {
        return mirrored;
    }

    /** The name users type: lower case with '-', e.g. {@code shear-x}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses a label, ignoring case, '-' and '_' (e.g. {@code shearx}, {@code Shear_X}).
     *
     * @throws InvalidInputException naming the unknown name and listing the known ones
     */
    public static StrongOp parse(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (StrongOp op : values()) {
            if (op.name().toLowerCase(Locale.ROOT).replace("_", "").equals(key)) {
                return op;
            }
        }
        throw new InvalidInputException("unknown strong augmentation '" + name + "'; known: "
                + Arrays.stream(values()).map(StrongOp::label).collect(Collectors.joining(", ")));
    }

    /**
     * Applies the op with a magnitude already drawn (sign included), in place.
     *
     * @param img planes from {@code off}
     * @param off first value
     * @param channels 1 or 3
     * @param height rows
     * @param width columns
     * @param magnitude the op's parameter, see each constant
     * @param ws scratch buffers of the calling thread
     */
    public void apply(float[] img, int off, int channels, int height, int width, double magnitude, Workspace ws) {
        int plane = height * width;
        switch (this) {
            case IDENTITY -> {
            }
            case AUTO_CONTRAST -> AutoContrast.apply(img, off, channels, plane);
            case EQUALIZE -> Equalize.apply(img, off, channels, plane);
            case ROTATE -> Rotate.apply(img, off, channels, height, width, magnitude, ws);
            case SOLARIZE -> Solarize.apply(img, off, channels * plane, magnitude);
            case COLOR -> EnhanceColor.apply(img, off, channels, plane, magnitude);
            case CONTRAST -> EnhanceContrast.apply(img, off, channels, plane, magnitude);
            case BRIGHTNESS -> EnhanceBrightness.apply(img, off, channels * plane, magnitude);
            case SHARPNESS -> EnhanceSharpness.apply(img, off, channels, height, width, magnitude, ws);
            case SHEAR_X -> Shear.x(img, off, channels, height, width, magnitude, ws);
            case TRANSLATE_X -> Translate.x(img, off, channels, height, width, magnitude, ws);
            case TRANSLATE_Y -> Translate.y(img, off, channels, height, width, magnitude, ws);
            case POSTERIZE -> Posterize.apply(img, off, channels * plane, (int) magnitude);
            case SHEAR_Y -> Shear.y(img, off, channels, height, width, magnitude, ws);
            default -> throw new IllegalStateException("unknown strong op " + this);
        }
    }
}
