package io.cc4j.inference;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import org.junit.jupiter.api.Test;

class DatasetPassTest {
    @Test
    void arraysBeyondTheLargestJavaArrayAreRefusedBeforeAnyWork() {
        // 100 million images x 32 clusters: 3.2 billion probabilities, counted in long.
        long n = 100_000_000L;
        assertThatThrownBy(() -> DatasetPass.requireArray(n * 32, true, "the 32 cluster probabilities",
                "probabilities")).isInstanceOf(InvalidInputException.class).hasMessageContaining("3200000000 values")
                .hasMessageContaining("leave out probabilities");
        assertThatCode(() -> DatasetPass.requireArray(n * 32, false, "unused", "x")).doesNotThrowAnyException();
        assertThatCode(() -> DatasetPass.requireArray(DatasetPass.MAX_ARRAY, true, "exactly the limit", "x"))
                .doesNotThrowAnyException();
    }
}
