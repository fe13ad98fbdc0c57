package io.cc4j.augment;

import io.cc4j.transform.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The random operations of TCL's strong view (its class {@code AutoAugment(n)}, RandAugment-style): draws
 * {@code n} operations uniformly with replacement from the enabled {@link StrongOp}s, then for each in turn a
 * magnitude uniform in the op's range and, for mirrored ops, a sign; applies them in that order.
 *
 * <p>Switching ops off removes them from the draw, so every image still gets {@code n} operations from
 * those left (switch {@link StrongOp#IDENTITY} off too for that to mean n real changes). With no op
 * enabled, or {@code n = 0}, nothing is drawn.
 */
public final class RandAugment {
    private final StrongOp[] ops;
    private final int n;

    /**
     * @param ops the enabled operations (drawn in {@link StrongOp} order)
     * @param n operations per image, at least 0
     */
    public RandAugment(Set<StrongOp> ops, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("operations per image " + n + " must not be negative");
        }
        this.ops = ops.stream().sorted().toArray(StrongOp[]::new);
        this.n = n;
    }

    /**
     * One drawn operation.
     *
     * @param op the operation
     * @param magnitude its parameter, sign included
     */
    public record Draw(StrongOp op, double magnitude) {
    }

    /** Draws the operations of one image: all choices first, then magnitude and sign per op, as TCL. */
    public List<Draw> sample(RandomGenerator rng) {
        if (ops.length == 0 || n == 0) {
            return List.of();
        }
        StrongOp[] chosen = new StrongOp[n];
        for (int i = 0; i < n; i++) {
            chosen[i] = ops[rng.nextInt(ops.length)];
        }
        List<Draw> draws = new ArrayList<>(n);
        for (StrongOp op : chosen) {
            double m = rng.nextDouble() * (op.max() - op.min()) + op.min();
            if (op.mirrored() && rng.nextDouble() > 0.5) {
                m = -m;
            }
            draws.add(new Draw(op, m));
        }
        return draws;
    }

    /**
     * Draws and applies the operations of one image in place.
     *
     * @param img planes from {@code off}
     * @param off first value
     * @param channels 1 or 3
     * @param height rows
     * @param width columns
     * @param rng source of randomness
     * @param ws scratch buffers of the calling thread
     * @return what was applied, in order
     */
    public List<Draw> apply(float[] img, int off, int channels, int height, int width, RandomGenerator rng,
            Workspace ws) {
        List<Draw> draws = sample(rng);
        for (Draw d : draws) {
            d.op().apply(img, off, channels, height, width, d.magnitude(), ws);
        }
        return draws;
    }
}
