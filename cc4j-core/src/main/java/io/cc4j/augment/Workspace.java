package io.cc4j.augment;

/**
 * Scratch buffers of one worker thread, grown on demand and reused, so the augmentation loops allocate
 * nothing per pixel or per image once warm.
 */
final class Workspace {
    private float[] source = new float[0];
    private float[] scratch = new float[0];

    /** A buffer of at least {@code n} floats for the decoded source image. */
    float[] source(int n) {
        if (source.length < n) {
            source = new float[n];
        }
        return source;
    }

    /** A scratch buffer of at least {@code n} floats. */
    float[] scratch(int n) {
        if (scratch.length < n) {
            scratch = new float[n];
        }
        return scratch;
    }
}
