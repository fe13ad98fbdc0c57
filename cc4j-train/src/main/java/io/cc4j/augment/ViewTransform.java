package io.cc4j.augment;

import io.cc4j.transform.Workspace;
import java.util.random.RandomGenerator;

/**
 * Makes one augmented view of an image: what {@link PairBuilder} runs for each of the two views of a pair
 * ({@link TrainTransform} for both of CC's views; {@link TrainTransform} and {@link StrongTransform} for
 * the weak and strong views of TCL's boost stage). Implementations are immutable and thread-safe; all
 * scratch memory comes from the caller's {@link Workspace} and all randomness from {@code rng}.
 */
public interface ViewTransform {
    /** Output edge in pixels: views are {@code 3 x size x size}. */
    int size();

    /**
     * Makes one view.
     *
     * @param src source planes {@code channels x height x width} in [0,1] from offset 0
     * @param channels 1 or 3
     * @param height source rows
     * @param width source columns
     * @param dst receives {@code 3 x size x size} from {@code dstOff}
     * @param dstOff first destination value
     * @param rng the view's own source of randomness
     * @param ws scratch buffers of the calling thread
     */
    void apply(float[] src, int channels, int height, int width, float[] dst, int dstOff, RandomGenerator rng,
            Workspace ws);
}
