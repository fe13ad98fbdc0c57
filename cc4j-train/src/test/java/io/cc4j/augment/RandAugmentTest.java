package io.cc4j.augment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandAugmentTest {
    @Test
    void drawsNOperationsWithMagnitudesInTclsRangesAndBothSignsForMirroredOps() {
        RandAugment ra = new RandAugment(EnumSet.allOf(StrongOp.class), 4);
        SplittableRandom rng = new SplittableRandom(1);
        EnumSet<StrongOp> seen = EnumSet.noneOf(StrongOp.class);
        EnumSet<StrongOp> negative = EnumSet.noneOf(StrongOp.class);
        EnumSet<StrongOp> positive = EnumSet.noneOf(StrongOp.class);
        for (int k = 0; k < 2000; k++) {
            List<RandAugment.Draw> draws = ra.sample(rng);
            assertThat(draws).hasSize(4);
            for (RandAugment.Draw d : draws) {
                StrongOp op = d.op();
                seen.add(op);
                double m = d.magnitude();
                if (op.mirrored()) {
                    assertThat(Math.abs(m)).as(op.label()).isLessThanOrEqualTo(op.max());
                    (m < 0 ? negative : positive).add(op);
                } else {
                    assertThat(m).as(op.label()).isGreaterThanOrEqualTo(op.min()).isLessThan(op.max());
                }
            }
        }
        assertThat(seen).isEqualTo(EnumSet.allOf(StrongOp.class));
        EnumSet<StrongOp> mirrored = EnumSet.of(StrongOp.ROTATE, StrongOp.SHEAR_X, StrongOp.SHEAR_Y,
                StrongOp.TRANSLATE_X, StrongOp.TRANSLATE_Y);
        assertThat(negative).isEqualTo(mirrored);
        assertThat(positive).isEqualTo(mirrored);
    }

    @Test
    void switchedOffOperationsAreNeverDrawn() {
        Set<StrongOp> some = EnumSet.of(StrongOp.ROTATE, StrongOp.POSTERIZE);
        RandAugment ra = new RandAugment(some, 4);
        SplittableRandom rng = new SplittableRandom(2);
        EnumSet<StrongOp> seen = EnumSet.noneOf(StrongOp.class);
        for (int k = 0; k < 200; k++) {
            ra.sample(rng).forEach(d -> seen.add(d.op()));
        }
        assertThat(seen).isEqualTo(some);
    }

    @Test
    void noOperationsOrNZeroDrawsNothingAndConsumesNoRandomness() {
        SplittableRandom a = new SplittableRandom(3);
        SplittableRandom b = new SplittableRandom(3);
        assertThat(new RandAugment(EnumSet.noneOf(StrongOp.class), 4).sample(a)).isEmpty();
        assertThat(new RandAugment(EnumSet.allOf(StrongOp.class), 0).sample(a)).isEmpty();
        assertThat(a.nextLong()).isEqualTo(b.nextLong());
    }

    @Test
    void posterizeKeepsFourToSevenBits() {
        RandAugment ra = new RandAugment(EnumSet.of(StrongOp.POSTERIZE), 1);
        SplittableRandom rng = new SplittableRandom(4);
        java.util.Set<Integer> bits = new java.util.TreeSet<>();
        for (int k = 0; k < 500; k++) {
            bits.add((int) ra.sample(rng).get(0).magnitude());
        }
        assertThat(bits).containsExactly(4, 5, 6, 7);
    }
}
