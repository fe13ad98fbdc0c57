package io.cc4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.cc4j.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the network expects its input images, after they are resized and scaled to [0, 1]: unchanged ({@link #NONE},
 * what Contrastive Clustering's own networks are trained on), or per channel {@code (x - mean) / std} as
 * torchvision's {@code Normalize(mean, std)} computes it ({@link #IMAGENET} for weights trained on ImageNet, or
 * explicit values). It is part of the model ({@link ModelSpec}): the network applies it to every input itself, first
 * thing in its forward pass, so training, assignment, serving and Spark all see the same input.
 *
 * <p>Text form (configurations, the command line, checkpoints): {@code none}, {@code imagenet}, or
 * {@code mean=M1,M2,M3,std=S1,S2,S3} (one value stands for all three channels).
 */
public final class InputNormalization {
    /** No normalisation: the network sees the [0, 1] pixels. */
    public static final InputNormalization NONE = new InputNormalization("none", null, null);
    /** torchvision's ImageNet normalisation: mean (0.485, 0.456, 0.406), std (0.229, 0.224, 0.225). */
    public static final InputNormalization IMAGENET = new InputNormalization("imagenet",
            new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225});

    private static final int CHANNELS = ModelSpec.INPUT_CHANNELS;

    private final String name;
    private final double[] mean;
    private final double[] std;

    private InputNormalization(String name, double[] mean, double[] std) {
        this.name = name;
        this.mean = mean;
        this.std = std;
    }

    /**
     * @param mean per-channel mean, 3 values (or 1 for all channels)
     * @param std per-channel standard deviation, 3 values (or 1), each finite and above 0
     * @return the normalisation ({@link #IMAGENET} when the values are ImageNet's)
     * @throws InvalidInputException naming the value at fault
     */
    public static InputNormalization of(double[] mean, double[] std) {
        double[] m = channels(mean, "mean");
        double[] s = channels(std, "std");
        for (double v : m) {
            if (!Double.isFinite(v)) {
                throw new InvalidInputException("normalisation mean must be finite, got " + format(m));
            }
        }
        for (double v : s) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new InvalidInputException("normalisation std must be finite and above 0, got " + format(s));
            }
        }
        if (Arrays.equals(m, IMAGENET.mean) && Arrays.equals(s, IMAGENET.std)) {
            return IMAGENET;
        }
        return new InputNormalization(null, m, s);
    }

    private static double[] channels(double[] values, String what) {
        if (values == null || (values.length != 1 && values.length != CHANNELS)) {
            throw new InvalidInputException("normalisation " + what + " needs 1 or " + CHANNELS + " values, got "
                    + (values == null ? "none" : values.length));
        }
        if (values.length == 1) {
            double[] all = new double[CHANNELS];
            Arrays.fill(all, values[0]);
            return all;
        }
        return values.clone();
    }

    /**
     * Reads the text form: {@code none}, {@code imagenet} or {@code mean=M1,M2,M3,std=S1,S2,S3} (any case).
     *
     * @param text the text
     * @return the normalisation
     * @throws InvalidInputException naming the text when it is none of these
     */
    @JsonCreator
    public static InputNormalization parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.equals(NONE.name)) {
            return NONE;
        }
        if (t.equals(IMAGENET.name)) {
            return IMAGENET;
        }
        int std = t.indexOf("std=");
        if (!t.startsWith("mean=") || std < 0) {
            throw new InvalidInputException("unknown input normalisation '" + text + "' (expected none, imagenet or"
                    + " mean=M1,M2,M3,std=S1,S2,S3)");
        }
        String meanText = t.substring("mean=".length(), std).replaceAll(",\\s*$", "");
        return of(numbers(meanText, text), numbers(t.substring(std + "std=".length()), text));
    }

    private static double[] numbers(String list, String text) {
        try {
            return Arrays.stream(list.split(",")).map(String::strip).mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            throw new InvalidInputException("input normalisation '" + text + "' holds something that is not a number"
                    + " (expected mean=M1,M2,M3,std=S1,S2,S3)", e);
        }
    }

    /** @return the text form: none, imagenet, or mean=M1,M2,M3,std=S1,S2,S3 */
    @JsonValue
    public String id() {
        return name != null ? name : "mean=" + format(mean) + ",std=" + format(std);
    }

    /** @return true when the network sees the [0, 1] pixels unchanged */
    public boolean isNone() {
        return this == NONE;
    }

    /** @return the per-channel means (3 values), or null for {@link #NONE} */
    public double[] mean() {
        return mean == null ? null : mean.clone();
    }

    /** @return the per-channel standard deviations (3 values), or null for {@link #NONE} */
    public double[] std() {
        return std == null ? null : std.clone();
    }

    /**
     * @return the same in torchvision's terms, e.g. {@code transforms.Normalize(mean=[0.485, 0.456, 0.406],
     *     std=[0.229, 0.224, 0.225])}, or null for {@link #NONE}
     */
    public String torchvision() {
        return isNone() ? null : "transforms.Normalize(mean=" + list(mean) + ", std=" + list(std) + ")";
    }

    /**
     * Applies the normalisation as torchvision's {@code Normalize} does on float32 tensors: the values are rounded
     * to float32, then {@code x.sub(mean).div(std)} per channel; {@link #NONE} returns {@code x} itself.
     *
     * @param x images (B, 3, H, W)
     * @return a new array in {@code x}'s manager, or {@code x} for {@link #NONE}
     */
    public NDArray apply(NDArray x) {
        if (isNone()) {
            return x;
        }
        NDManager m = x.getManager();
        Shape perChannel = new Shape(1, CHANNELS, 1, 1);
        try (NDArray mu = m.create(floats(mean), perChannel);
                NDArray sigma = m.create(floats(std), perChannel);
                NDArray centred = x.sub(mu)) {
            return centred.div(sigma);
        }
    }

    private static float[] floats(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    private static String format(double[] values) {
        return Arrays.stream(values).mapToObj(Double::toString).collect(Collectors.joining(","));
    }

    private static String list(double[] values) {
        return Arrays.stream(values).mapToObj(Double::toString).collect(Collectors.joining(", ", "[", "]"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputNormalization n && java.util.Objects.equals(n.name, name)
                && Arrays.equals(n.mean, mean) && Arrays.equals(n.std, std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return id();
    }
}
