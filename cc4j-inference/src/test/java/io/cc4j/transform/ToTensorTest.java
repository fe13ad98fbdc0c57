package io.cc4j.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.cc4j.data.RawImage;
import org.junit.jupiter.api.Test;

class ToTensorTest {
    @Test
    void dividesUnsignedBytesBy255() {
        float[] f = ToTensor.apply(new RawImage(1, 1, 3, new byte[] {0, (byte) 128, (byte) 255}));
        assertThat(f).containsExactly(0f, 128f / 255f, 1f);
    }

    @Test
    void replicatesTheFirstPlane() {
        float[] f = {0.1f, 0.2f, 0, 0, 0, 0};
        ToTensor.replicateToRgb(f, 0, 2);
        assertThat(f).containsExactly(0.1f, 0.2f, 0.1f, 0.2f, 0.1f, 0.2f);
    }
}
