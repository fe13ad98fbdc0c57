package io.cc4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Pointer;
import org.junit.jupiter.api.Test;

/**
 * Asking ATen whether NNPACK runs here, quietly, leaves c10's logging threshold as the host had it. (That the
 * warning itself stays off stderr where NNPACK cannot initialise is checked by scripts/test.sh, which hides the
 * CPU caches from libtorch to make it fail.)
 */
class AtenSwitchesTest {
    @Test
    void theQuietNnpackQuestionPutsC10sLogLevelBackAndAnswersAsTheLoudOne() {
        EngineSupport.engine();
        LoadedLibrary torch = LoadedLibrary.find(OneDnnCaches.LIBRARY).orElseThrow();
        Pointer level = AtenSwitches.logLevel(torch);
        assertThat(level).as("libc10's FLAGS_caffe2_log_level").isNotNull();
        int original = level.getInt(0);
        try {
            for (int hostLevel : new int[] {0, 1, 2, 3}) {
                level.setInt(0, hostLevel);
                boolean quiet = AtenSwitches.nnpackAvailableQuietly(torch, false);
                assertThat(level.getInt(0)).as("threshold after the question, host had %d", hostLevel).isEqualTo(hostLevel);
                assertThat(quiet).isEqualTo(AtenSwitches.nnpackAvailable(torch));
            }
        } finally {
            level.setInt(0, original);
        }
    }
}
