package io.cc4j.transform;

/**
 * The interpolation kernels of PIL's {@code resize}, as torchvision passes them through: the triangle of
 * {@code BILINEAR} (support 1) and the cubic convolution of {@code BICUBIC} with {@code a = -0.5}
 * (support 2). Both are widened by the downscale factor, as PIL does (see {@link BilinearResampler}).
 */
public enum ResampleFilter {
    /** Triangle filter: CC's crops and the test transform. */
    BILINEAR(1.0) {
        @Override
        double weight(double x) {
            double d = Math.abs(x);
            return d < 1.0 ? 1.0 - d : 0.0;
        }
    },
    /** Keys' cubic convolution with {@code a = -0.5}, PIL's {@code bicubic_filter}: TCL's views. */
    BICUBIC(2.0) {
        @Override
        double weight(double x) {
            double d = Math.abs(x);
            if (d < 1.0) {
                return ((A + 2.0) * d - (A + 3.0)) * d * d + 1.0;
            }
            if (d < 2.0) {
                return (((d - 5.0) * d + 8.0) * d - 4.0) * A;
            }
            return 0.0;
        }
    };

    private static final double A = -0.5;

    private final double support;

    ResampleFilter(double support) {
        this.support = support;
    }

    /** Half-width of the kernel at scale 1, in source pixels. */
    public double support() {
        return support;
    }

    /** Whether some weights are negative, so results can leave [0,1] and must be clamped as PIL clips bytes. */
    public boolean overshoots() {
        return this == BICUBIC;
    }

    /** The kernel at distance {@code x} (in source pixels divided by the filter scale). */
    abstract double weight(double x);
}
