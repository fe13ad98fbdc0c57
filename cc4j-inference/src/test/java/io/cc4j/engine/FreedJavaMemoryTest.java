package io.cc4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/**
 * The control for the lifetime tests that use {@link FreedJavaMemory}: they prove something only if it really frees
 * and overwrites the memory a closed, borrowed array leaves behind. That stops being true with explicit collections
 * disabled ({@code -XX:+DisableExplicitGC}), with an allocator that leaves freed blocks untouched, or once DJL copies
 * Java data instead of borrowing it; this test then says so.
 */
class FreedJavaMemoryTest {
    @Test
    void memoryLeftBehindByAClosedBorrowedArrayIsFreedAndOverwritten() {
        try (NDManager m = EngineSupport.engine().newBaseManager()) {
            NDArray alias = aliasOfAClosedBorrowedArray(m);
            try (FreedJavaMemory poison = FreedJavaMemory.collectAndPoison()) {
                assertThat(alias.toFloatArray())
                        .as("the block under a closed borrowed array, after FreedJavaMemory; if still 2.0 the lifetime"
                                + " tests prove nothing here")
                        .isNotEqualTo(new float[] {2f, 2f, 2f, 2f});
            }
        }
    }

    /** A view sharing the storage of an array made from Java data, which is then closed and left unreachable. */
    private static NDArray aliasOfAClosedBorrowedArray(NDManager m) {
        NDArray borrowed = m.create(new float[] {2f, 2f, 2f, 2f});
        NDArray alias = borrowed.reshape(2, 2);
        borrowed.close();
        return alias;
    }
}
