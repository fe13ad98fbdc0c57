package io.cc4j.augment;

import static org.assertj.core.api.Assertions.assertThat;

import io.cc4j.testing.TestImages;
import io.cc4j.transform.Workspace;
import org.junit.jupiter.api.Test;

class RotateTest {
    @Test
    void theAngleIsTakenModulo360AsPythonDoes() {
        assertThat(Rotate.pythonMod360(-20)).isEqualTo(340);
        assertThat(Rotate.pythonMod360(380)).isEqualTo(20);
        assertThat(Rotate.pythonMod360(-360)).isEqualTo(0.0);
        assertThat(Rotate.pythonMod360(-0.0)).isEqualTo(0.0);
    }

    @Test
    void cosineAndSineAreRoundedTo15DecimalsAsPythonsRound() {
        assertThat(Rotate.round15(Math.cos(Math.toRadians(90)))).isEqualTo(0.0);
        assertThat(Rotate.round15(0.1234567890123456789)).isEqualTo(0.123456789012346);
        assertThat(Rotate.round15(-0.5)).isEqualTo(-0.5);
    }

    @Test
    void zeroAndFullTurnsChangeNothingAndAQuarterTurnIsCounterClockwise() {
        int n = 5;
        float[] img = TestImages.randomFloats(3 * n * n, 1);
        float[] before = img.clone();
        Workspace ws = new Workspace();
        Rotate.apply(img, 0, 3, n, n, 360, ws);
        assertThat(img).isEqualTo(before);
        Rotate.apply(img, 0, 3, n, n, 90, ws);
        // Counter-clockwise: the top-right pixel goes to the top-left.
        for (int c = 0; c < 3; c++) {
            assertThat(img[c * n * n]).isEqualTo(before[c * n * n + n - 1]);
        }
        Rotate.apply(img, 0, 3, n, n, -90, ws);
        assertThat(img).isEqualTo(before);
    }

    @Test
    void cornersRotatedOutOfTheImageAreBlack() {
        int h = 20;
        int w = 20;
        float[] img = new float[h * w];
        java.util.Arrays.fill(img, 0.7f);
        Rotate.apply(img, 0, 1, h, w, 30, new Workspace());
        assertThat(img[0]).isZero();
        assertThat(img[h * w - 1]).isZero();
        assertThat(img[(h / 2) * w + w / 2]).isEqualTo(0.7f);
    }
}
