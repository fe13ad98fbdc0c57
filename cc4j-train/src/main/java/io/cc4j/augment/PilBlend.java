package io.cc4j.augment;

/**
 * PIL's {@code Image.blend(degenerate, image, factor)}, the last step of every {@code ImageEnhance} class, on
 * bytes: {@code degenerate + factor * (image - degenerate)} computed in single precision (PIL passes the
 * factor as a C {@code float}), then truncated toward zero. Factors outside [0,1] extrapolate and clip to
 * 0..255, as PIL does. The truncation makes PIL's result up to one byte darker than a rounded blend; cc4j
 * reproduces it so the strong view equals PIL's.
 */
final class PilBlend {
    private PilBlend() {
    }

    /** One blended byte. */
    static int blend(int degenerate, int image, float factor) {
        float t = degenerate + factor * (image - degenerate);
        if (factor >= 0f && factor <= 1f) {
            return (int) t;
        }
        return t <= 0f ? 0 : (t >= 255f ? 255 : (int) t);
    }
}
