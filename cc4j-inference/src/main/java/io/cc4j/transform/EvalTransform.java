package io.cc4j.transform;

import io.cc4j.data.RawImage;

/**
 * What a trained model sees of an image: the official test transform, {@code Resize((size, size))} then
 * {@code ToTensor()}, with grayscale images replicated to three channels like in training. Thread-safe; each
 * thread passes its own {@link Workspace}.
 */
public final class EvalTransform {
    private final Resize resize;

    /** @param size edge of the network input in pixels */
    public EvalTransform(int size) {
        this.resize = new Resize(size);
    }

    /** @return the output edge in pixels */
    public int size() {
        return resize.size();
    }

    /** @return floats per transformed image: {@code 3 * size * size} */
    public int length() {
        return 3 * resize.size() * resize.size();
    }

    /**
     * Transforms one image.
     *
     * @param image a decoded image with 1 or 3 channels
     * @param out receives {@code 3 x size x size} floats in [0,1] from {@code offset}
     * @param offset first value written
     * @param ws scratch buffers of the calling thread
     * @throws IllegalArgumentException if the image has another channel count
     */
    public void apply(RawImage image, float[] out, int offset, Workspace ws) {
        if (image.channels() != 1 && image.channels() != 3) {
            throw new IllegalArgumentException("images must have 1 or 3 channels, got " + image.channels());
        }
        float[] src = ws.source(image.pixels().length);
        ToTensor.apply(image, src);
        resize.apply(src, image.channels(), image.height(), image.width(), out, offset, ws);
        if (image.channels() == 1) {
            ToTensor.replicateToRgb(out, offset, resize.size() * resize.size());
        }
    }
}
