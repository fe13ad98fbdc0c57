package io.cc4j.augment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteGridTest {
    @Test
    void everyByteSurvivesTheRoundTripExactly() {
        for (int b = 0; b < 256; b++) {
            float v = ByteGrid.toFloat(b);
            assertThat(v).isEqualTo(b / 255f);
            assertThat(ByteGrid.toByte(v)).isEqualTo(b);
        }
    }

    @Test
    void offGridValuesRoundHalfUpAndClamp() {
        assertThat(ByteGrid.toByte(127.5f / 255f)).isEqualTo(128);
        assertThat(ByteGrid.toByte(127.49f / 255f)).isEqualTo(127);
        assertThat(ByteGrid.toByte(-0.2f)).isZero();
        assertThat(ByteGrid.toByte(1.3f)).isEqualTo(255);
    }

    @Test
    void operationsOnOffGridFloatsActOnTheRoundedBytes() {
        // 0.5 is byte 127.5, rounded to 128; posterize to 4 bits keeps 128; solarize at 128 gives 127.
        float[] img = {0.5f};
        Posterize.apply(img, 0, 1, 4);
        assertThat(img[0]).isEqualTo(128 / 255f);
        Solarize.apply(img, 0, 1, 128);
        assertThat(img[0]).isEqualTo(127 / 255f);
    }
}
