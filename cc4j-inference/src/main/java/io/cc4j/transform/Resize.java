package io.cc4j.transform;

/**
 * The test transform, torchvision's {@code Resize((size, size))}: the whole image resampled bilinearly
 * to {@code size x size}, ignoring the aspect ratio (see {@link BilinearResampler} for the weights).
 */
public final class Resize {
    private final int size;

    /** @param size output edge in pixels */
    public Resize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("resize size " + size + " must be positive");
        }
        this.size = size;
    }

    /** Output edge in pixels. */
    public int size() {
        return size;
    }

    /**
     * Resizes one image.
     *
     * @param src source planes {@code channels x height x width} from offset 0
     * @param channels planes
     * @param height source rows
     * @param width source columns
     * @param dst receives {@code channels x size x size} from {@code dstOff}
     * @param dstOff first destination value
     * @param ws scratch buffers of the calling thread
     */
    public void apply(float[] src, int channels, int height, int width, float[] dst, int dstOff, Workspace ws) {
        BilinearResampler.resize(src, 0, channels, height, width, CropBox.whole(height, width), dst, dstOff,
                size, size, ws);
    }
}
