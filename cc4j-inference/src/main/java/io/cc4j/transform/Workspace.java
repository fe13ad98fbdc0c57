package io.cc4j.transform;

/**
 * Scratch buffers of one thread, grown on demand and reused, so the augmentation loops allocate nothing per
 * pixel or per image once warm. Not thread-safe: give each thread its own (the pair builder does).
 *
 * <p>Intermediate rows are separate zero-based arrays on purpose: HotSpot's auto-vectoriser (JDK 17) turns
 * {@code acc[x] += w * row[x]} into SIMD code, but not loops whose arrays are indexed at different offsets.
 *
 * <p>Buffers are bounded: after an image, {@link #trim()} drops any buffer larger than {@value #KEEP_LIMIT}
 * elements (an 8-megapixel RGB image's worth of floats, 32 MB), so one huge image does not keep a huge buffer per
 * thread for the rest of a run; images of usual sizes keep reusing theirs.
 */
public final class Workspace {
    /** Buffers up to this many elements are kept between images. */
    public static final int KEEP_LIMIT = 8 << 20;

    private float[] source = new float[0];
    private float[][] rows = new float[0][0];
    private float[] acc = new float[0];
    private float[] line = new float[0];
    private float[] shifted = new float[0];
    private float[] copy = new float[0];
    private int[] bytes = new int[0];
    private int[] smoothed = new int[0];
    private int[] sourceIndex = new int[0];

    /**
     * Drops every buffer larger than {@link #KEEP_LIMIT} elements; called after each image.
     */
    public void trim() {
        if (source.length > KEEP_LIMIT) {
            source = new float[0];
        }
        if ((long) rows.length * (rows.length == 0 ? 0 : rows[0].length) > KEEP_LIMIT) {
            rows = new float[0][0];
        }
        acc = acc.length > KEEP_LIMIT ? new float[0] : acc;
        line = line.length > KEEP_LIMIT ? new float[0] : line;
        shifted = shifted.length > KEEP_LIMIT ? new float[0] : shifted;
        copy = copy.length > KEEP_LIMIT ? new float[0] : copy;
        bytes = bytes.length > KEEP_LIMIT ? new int[0] : bytes;
        smoothed = smoothed.length > KEEP_LIMIT ? new int[0] : smoothed;
        sourceIndex = sourceIndex.length > KEEP_LIMIT ? new int[0] : sourceIndex;
    }

    /** Elements held by all buffers (for tests and memory estimates). */
    public long retainedElements() {
        long n = (long) source.length + acc.length + line.length + shifted.length + copy.length + bytes.length
                + smoothed.length + sourceIndex.length;
        for (float[] r : rows) {
            n += r.length;
        }
        return n;
    }

    /** A buffer of at least {@code n} floats for the decoded source image. */
    public float[] source(int n) {
        if (source.length < n) {
            source = new float[n];
        }
        return source;
    }

    /** At least {@code count} row arrays of at least {@code width} floats each. */
    public float[][] rows(int count, int width) {
        if (rows.length < count || (rows.length > 0 && rows[0].length < width)) {
            int w = Math.max(width, rows.length > 0 ? rows[0].length : 0);
            rows = new float[Math.max(count, rows.length)][w];
        }
        return rows;
    }

    /** A row accumulator of at least {@code width} floats. */
    public float[] acc(int width) {
        if (acc.length < width) {
            acc = new float[width];
        }
        return acc;
    }

    /** A padded-line buffer of at least {@code n} floats. */
    public float[] line(int n) {
        if (line.length < n) {
            line = new float[n];
        }
        return line;
    }

    /** A second line buffer of at least {@code n} floats. */
    public float[] shifted(int n) {
        if (shifted.length < n) {
            shifted = new float[n];
        }
        return shifted;
    }

    /** A copy buffer of at least {@code n} floats (the input of a geometric operation). */
    public float[] copy(int n) {
        if (copy.length < n) {
            copy = new float[n];
        }
        return copy;
    }

    /** At least {@code n} ints for an image quantised to PIL's bytes. */
    public int[] bytes(int n) {
        if (bytes.length < n) {
            bytes = new int[n];
        }
        return bytes;
    }

    /** A second byte image of at least {@code n} ints (a filtered copy). */
    public int[] smoothed(int n) {
        if (smoothed.length < n) {
            smoothed = new int[n];
        }
        return smoothed;
    }

    /** At least {@code n} ints for the source pixel of each output pixel of a geometric operation. */
    public int[] sourceIndex(int n) {
        if (sourceIndex.length < n) {
            sourceIndex = new int[n];
        }
        return sourceIndex;
    }
}
