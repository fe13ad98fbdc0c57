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
    void noDescriptionIsWrappedByHand() {
        assertThat(HelpTexts.wrappedParagraphs(Cc4jCommand.commandLine())).isEmpty();
    }
}
