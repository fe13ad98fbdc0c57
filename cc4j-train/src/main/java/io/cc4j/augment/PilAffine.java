package io.cc4j.augment;

import io.cc4j.transform.Workspace;

/**
 * PIL's {@code Image.transform(size, AFFINE, (a, b, c, d, e, f))} with {@code NEAREST} resampling and the
 * default black fill, as TCL's Rotate, ShearX/Y and TranslateX/Y call it: output pixel {@code (x, y)} takes
 * the input pixel at {@code (a (x+0.5) + b (y+0.5) + c, d (x+0.5) + e (y+0.5) + f)}, and 0 where that lies
 * outside the image.
 *
 * <p>The coordinates are rounded exactly as PIL 9's {@code ImagingTransformAffine} does, so the same pixels
 * move: a pure scale/translation ({@code b = d = 0}) steps in double precision and truncates
 * ({@code ImagingScaleAffine}); any other matrix steps in 16.16 fixed point ({@code affine_fixed}) when the
 * corners fit in it, which they do for any image below 32768 pixels, and in double precision otherwise.
 * Pixels are only moved, never mixed, so the result is exact for any float input.
 */
final class PilAffine {
    private PilAffine() {
    }

    /**
     * Fills {@code index} with the input pixel ({@code y * width + x}) of every output pixel, or -1 for the
     * fill.
     *
     * @param a the six coefficients {@code (a, b, c, d, e, f)}, mapping output to input
     * @param height rows (input and output)
     * @param width columns (input and output)
     * @param index receives {@code height * width} entries
     */
    static void sourceIndex(double[] a, int height, int width, int[] index) {
        java.util.Arrays.fill(index, 0, height * width, -1);
        if (a[1] == 0 && a[3] == 0) {
            scale(a, height, width, index);
        } else if (fitsFixed(a, 0, 0) && fitsFixed(a, width, height) && fitsFixed(a, 0, height)
                && fitsFixed(a, width, 0)) {
            fixed(a, height, width, index);
        } else {
            floating(a, height, width, index);
        }
    }

    /** Moves the pixels of every plane in place by a table from {@link #sourceIndex}. */
    static void apply(float[] img, int off, int channels, int plane, int[] index, Workspace ws) {
        float[] copy = ws.copy(plane);
        for (int c = 0; c < channels; c++) {
            int base = off + c * plane;
            System.arraycopy(img, base, copy, 0, plane);
            for (int i = 0; i < plane; i++) {
                int s = index[i];
                img[base + i] = s < 0 ? 0f : copy[s];
            }
        }
    }

    /** Transforms every plane in place by the affine map {@code a}. */
    static void transform(float[] img, int off, int channels, int height, int width, double[] a, Workspace ws) {
        int plane = height * width;
        int[] index = ws.sourceIndex(plane);
        sourceIndex(a, height, width, index);
        apply(img, off, channels, plane, index, ws);
    }

    private static void scale(double[] a, int height, int width, int[] index) {
        int[] xin = new int[width];
        double xo = a[2] + a[0] * 0.5;
        double yo = a[5] + a[4] * 0.5;
        for (int x = 0; x < width; x++) {
            xin[x] = coord(xo);
            xo += a[0];
        }
        for (int y = 0; y < height; y++) {
            int yi = coord(yo);
            if (yi >= 0 && yi < height) {
                for (int x = 0; x < width; x++) {
                    if (xin[x] >= 0 && xin[x] < width) {
                        index[y * width + x] = yi * width + xin[x];
                    }
                }
            }
            yo += a[4];
        }
    }

    private static void fixed(double[] a, int height, int width, int[] index) {
        int a0 = fix(a[0]);
        int a1 = fix(a[1]);
        int a3 = fix(a[3]);
        int a4 = fix(a[4]);
        int a2 = fix(a[2] + a[0] * 0.5 + a[1] * 0.5);
        int a5 = fix(a[5] + a[3] * 0.5 + a[4] * 0.5);
        for (int y = 0; y < height; y++) {
            int xx = a2;
            int yy = a5;
            for (int x = 0; x < width; x++) {
                int xi = xx >> 16;
                if (xi >= 0 && xi < width) {
                    int yi = yy >> 16;
                    if (yi >= 0 && yi < height) {
                        index[y * width + x] = yi * width + xi;
                    }
                }
                xx += a0;
                yy += a3;
            }
            a2 += a1;
            a5 += a4;
        }
    }

    private static void floating(double[] a, int height, int width, int[] index) {
        double xo = a[2] + a[1] * 0.5 + a[0] * 0.5;
        double yo = a[5] + a[4] * 0.5 + a[3] * 0.5;
        for (int y = 0; y < height; y++) {
            double xx = xo;
            double yy = yo;
            for (int x = 0; x < width; x++) {
                int xi = coord(xx);
                if (xi >= 0 && xi < width) {
                    int yi = coord(yy);
                    if (yi >= 0 && yi < height) {
                        index[y * width + x] = yi * width + xi;
                    }
                }
                xx += a[0];
                yy += a[3];
            }
            xo += a[1];
            yo += a[4];
        }
    }

    private static boolean fitsFixed(double[] a, int x, int y) {
        return Math.abs(x * a[0] + y * a[1] + a[2]) < 32768.0 && Math.abs(x * a[3] + y * a[4] + a[5]) < 32768.0;
    }

    /** PIL's {@code FIX}: 16.16 fixed point, rounded half up. */
    private static int fix(double v) {
        return (int) Math.floor(v * 65536.0 + 0.5);
    }

    /** PIL's {@code COORD}: truncation, with every negative coordinate outside. */
    private static int coord(double v) {
        return v < 0.0 ? -1 : (int) v;
    }
}
