package io.cc4j.augment;

import io.cc4j.transform.Workspace;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * PIL's {@code Image.rotate(angle)} as TCL calls it: counter-clockwise about the image centre
 * {@code (w/2, h/2)}, same size, nearest-neighbour sampling and black fill. TCL draws the angle in
 * [-30, 30) degrees and negates it with p 0.5.
 *
 * <p>The matrix is built as PIL 9 builds it (angle taken modulo 360, cosine and sine rounded to 15
 * decimals, the centre folded into the offsets) and applied by {@code PilAffine}; angles of 0 and 180, and
 * 90 and 270 on square images, are PIL's exact transposes. Exact for any input (pixels are only moved).
 */
public final class Rotate {
    private Rotate() {
    }

    /**
     * Rotates in place.
     *
     * @param img planes from {@code off}
     * @param off first value
     * @param channels planes
     * @param height rows
     * @param width columns
     * @param degrees counter-clockwise angle
     * @param ws scratch buffers of the calling thread
     */
    public static void apply(float[] img, int off, int channels, int height, int width, double degrees,
            Workspace ws) {
        int plane = height * width;
        int[] index = ws.sourceIndex(plane);
        if (!sourceIndex(degrees, height, width, index)) {
            return;
        }
        PilAffine.apply(img, off, channels, plane, index, ws);
    }

    /**
     * The input pixel of every output pixel, -1 for the fill.
     *
     * @return false when the rotation is the identity (nothing filled in)
     */
    static boolean sourceIndex(double degrees, int height, int width, int[] index) {
        double angle = pythonMod360(degrees);
        if (angle == 0) {
            return false;
        }
        if (angle == 180 || ((angle == 90 || angle == 270) && width == height)) {
            transpose(angle, height, width, index);
            return true;
        }
        double cx = width / 2.0;
        double cy = height / 2.0;
        double rad = -Math.toRadians(angle);
        double[] m = {round15(Math.cos(rad)), round15(Math.sin(rad)), 0.0, round15(-Math.sin(rad)),
            round15(Math.cos(rad)), 0.0};
        double c = m[0] * -cx + m[1] * -cy + m[2];
        double f = m[3] * -cx + m[4] * -cy + m[5];
        m[2] = c + cx;
        m[5] = f + cy;
        PilAffine.sourceIndex(m, height, width, index);
        return true;
    }

    /** PIL's ROTATE_180, ROTATE_90 and ROTATE_270 transposes (counter-clockwise). */
    private static void transpose(double angle, int height, int width, int[] index) {
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int src;
                if (angle == 180) {
                    src = (height - 1 - y) * width + (width - 1 - x);
                } else if (angle == 90) {
                    src = x * width + (width - 1 - y); // out[W-1-x'][y'] = in[y'][x']
                } else {
                    src = (height - 1 - x) * width + y; // out[x'][H-1-y'] = in[y'][x']
                }
                index[y * width + x] = src;
            }
        }
    }

    /** Python's {@code angle % 360.0}: the result takes the sign of 360. */
    static double pythonMod360(double v) {
        double m = v % 360.0;
        if (m != 0 && m < 0) {
            m += 360.0;
        }
        return m == 0 ? 0.0 : m;
    }

    /** Python's {@code round(v, 15)}: the exact binary value rounded half-even to 15 decimals. */
    static double round15(double v) {
        return new BigDecimal(v).setScale(15, RoundingMode.HALF_EVEN).doubleValue();
    }
}
