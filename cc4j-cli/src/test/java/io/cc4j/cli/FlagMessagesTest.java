package io.cc4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cc4j.option.FieldMessage;
import io.cc4j.option.InvalidSettingException;
import io.cc4j.train.TrainingDivergedException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Library messages name fields; the command line shows them with its flags: what a command throws reaches stderr
 * rewritten by the error handler, with exit code 2.
 */
class FlagMessagesTest {
    @Test
    void aFieldInAJobsMessageIsShownAsItsFlag() {
        assertThat(thrown(InvalidSettingException.naming("probabilities", n -> "assigning these images needs too many"
                + " values; assign the data in parts or leave out " + n)))
                .isEqualTo("cc4j: error: assigning these images needs too many values; assign the data in parts or"
                        + " leave out --probabilities");
        assertThat(thrown(InvalidSettingException.naming(java.util.List.of("features", "kmeansOn"),
                n -> "the kind of " + n.get(0) + " must match " + n.get(1))))
                .isEqualTo("cc4j: error: the kind of --features must match --on");
    }

    @Test
    void theAdviceOfADivergedRunNamesTheFlag() {
        assertThat(thrown(new TrainingDivergedException(TrainingDivergedException.Reason.LOSS,
                FieldMessage.of("learningRate", n -> "loss is not finite; try a lower " + n + "."))))
                .isEqualTo("cc4j: error: loss is not finite; try a lower --lr.");
    }

    @Test
    void theServeBenchmarksLimitsNameTheirFlags() {
        CliRun.Result r = CliRun.once("bench", "serve", "--model", Path.of("no-such-run").toString(), "--concurrency",
                "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("cc4j: error: --concurrency needs values from 1 to 1024, got [0]");
    }

    @Test
    void anExistingRunIsContinuedWithTheCommandThatFailed() {
        Path run = Path.of("runs", "fm-boost");
        for (String command : new String[] {"train", "boost"}) {
            picocli.CommandLine cl = new picocli.CommandLine(new Named(new io.cc4j.train.RunExistsException(run,
                    "a run")));
            cl.setCommandName(command);
            cl.setExecutionExceptionHandler(Cc4jCommand.commandLine().getExecutionExceptionHandler());
            java.io.StringWriter err = new java.io.StringWriter();
            cl.setErr(new java.io.PrintWriter(err, true));
            assertThat(cl.execute()).isEqualTo(2);
            assertThat(err.toString().trim()).isEqualTo("cc4j: error: " + run + " already holds a run: resume it, or"
                    + " choose another run directory; continue it with: cc4j " + command + " --resume " + run);
        }
    }

    /** A command that throws, under any name. */
    @picocli.CommandLine.Command(name = "named")
    static final class Named implements Runnable {
        private final RuntimeException e;

        Named(RuntimeException e) {
            this.e = e;
        }

        @Override
        public void run() {
            throw e;
        }
    }

    /** What stderr says when the library throws {@code e} from a command. */
    private static String thrown(RuntimeException e) {
        io.cc4j.cli.common.Thrown.Outcome o = io.cc4j.cli.common.Thrown.by(e,
                io.cc4j.cli.common.ErrorHandler.builder("cc4j").build());
        assertThat(o.code()).isEqualTo(2);
        return o.err();
    }
}
