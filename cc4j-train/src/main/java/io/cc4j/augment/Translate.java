package io.cc4j.augment;

import io.cc4j.transform.Workspace;

/**
 * TCL's TranslateX and TranslateY: PIL's {@code transform(size, AFFINE, (1, 0, t, 0, 1, 0))} and
 * {@code (1, 0, 0, 0, 1, t)} with {@code t = v * width} (or {@code v * height}) pixels, not rounded, nearest
 * sampling and black fill ({@code PilAffine}). Output pixel {@code x} reads input {@code x + t}, so a
 * positive {@code v} moves the content left (or up). TCL draws {@code v} in [-0.1, 0.1) and negates it with
 * p 0.5. Exact for any input (pixels are only moved).
 */
public final class Translate {
    private Translate() {
    }

    /**
     * TranslateX in place.
     *
     * @param img planes from {@code off}
     * @param off first value
     * @param channels planes
     * @param height rows
     * @param width columns
     * @param v shift as a fraction of the width
     * @param ws scratch buffers of the calling thread
     */
    public static void x(float[] img, int off, int channels, int height, int width, double v, Workspace ws) {
        PilAffine.transform(img, off, channels, height, width, new double[] {1, 0, v * width, 0, 1, 0}, ws);
    }

    /**
     * TranslateY in place.
     *
     * @param img planes from {@code off}
     * @param off first value
     * @param channels planes
     * @param height rows
     * @param width columns
     * @param v shift as a fraction of the height
     * @param ws scratch buffers of the calling thread
     */
    public static void y(float[] img, int off, int channels, int height, int width, double v, Workspace ws) {
        PilAffine.transform(img, off, channels, height, width, new double[] {1, 0, 0, 0, 1, v * height}, ws);
    }
}
