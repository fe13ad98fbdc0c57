package io.cc4j.augment;

import io.cc4j.transform.Workspace;

/**
 * TCL's ShearX and ShearY: PIL's {@code transform(size, AFFINE, (1, v, 0, 0, 1, 0))} and
 * {@code (1, 0, 0, v, 1, 0)} with nearest-neighbour sampling and black fill ({@code PilAffine}). The shear
 * is about the top-left corner, as PIL's matrix has no centring; TCL draws {@code v} in [-0.1, 0.1) and
 * negates it with p 0.5. Exact for any input (pixels are only moved).
 */
public final class Shear {
    private Shear() {
    }

    /**
     * ShearX in place: output {@code (x, y)} reads input {@code (x + v y, y)}.
     *
     * @param img planes from {@code off}
     * @param off first value
     * @param channels planes
     * @param height rows
     * @param width columns
     * @param v shear factor
     * @param ws scratch buffers of the calling thread
     */
    public static void x(float[] img, int off, int channels, int height, int width, double v, Workspace ws) {
        PilAffine.transform(img, off, channels, height, width, new double[] {1, v, 0, 0, 1, 0}, ws);
    }

    /**
     * ShearY in place: output {@code (x, y)} reads input {@code (x, y + v x)}.
     *
     * @param img planes from {@code off}
     * @param off first value
     * @param channels planes
     * @param height rows
     * @param width columns
     * @param v shear factor
     * @param ws scratch buffers of the calling thread
     */
    public static void y(float[] img, int off, int channels, int height, int width, double v, Workspace ws) {
        PilAffine.transform(img, off, channels, height, width, new double[] {1, 0, 0, v, 1, 0}, ws);
    }
}
