package io.cc4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cc4j.cli.common.HelpTexts;
import org.junit.jupiter.api.Test;

/** {@code cc4j --help} lists every command with a whole sentence on one line; no description is wrapped by hand. */
class HelpTextTest {
    @Test
    void everyCommandsSummaryIsAWholeSentenceOnOneLine() {
        assertThat(HelpTexts.cutSummaries(Cc4jCommand.commandLine())).isEmpty();
    }

    @Test
    void aSharedOptionSaysWhatItMeansInTheCommand() {
        CliRun.Result imp = CliRun.once("import", "--help");
        assertThat(imp.out()).contains("Input size the model was").doesNotContain("Default: 32")
                .contains("The data the model was").doesNotContain("Where a run is given");
        CliRun.Result augment = CliRun.once("augment", "--help");
        assertThat(augment.out()).contains("Default: the dataset's image").doesNotContain("Default: 32.");
        CliRun.Result step = CliRun.once("bench", "step", "--help");
        assertThat(step.out()).as("elsewhere the shared text stays").contains("Default: 32.");
        CliRun.Result boost = CliRun.once("boost", "--help");
        assertThat(boost.out().replaceAll("\\s+", " ")).contains("Default: the CC run's layout.")
                .doesNotContain("measured faster for the stem");
        CliRun.Result train = CliRun.once("train", "--help");
        assertThat(train.out().replaceAll("\\s+", " ")).contains("measured faster for the stem and size");
    }

    @Test
    void noDescriptionIsWrappedByHand() {
        assertThat(HelpTexts.wrappedParagraphs(Cc4jCommand.commandLine())).isEmpty();
    }
}
