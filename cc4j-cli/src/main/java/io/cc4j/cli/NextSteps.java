package io.cc4j.cli;

import io.cc4j.run.RunLayout;
import java.nio.file.Path;

/** The commands a finished or stopped run's message tells the user to run next; one wording for every command. */
final class NextSteps {
    private NextSteps() {
    }

    /** @return how to write a finished run's assignments and report */
    static String writeAssignmentsAndReport(Path runDir) {
        return "write the assignments and the report with: cc4j cluster --model " + runDir + " --out "
                + RunLayout.of(runDir).assignments() + " && cc4j report " + runDir;
    }
}
