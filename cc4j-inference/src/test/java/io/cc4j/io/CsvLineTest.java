package io.cc4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CsvLineTest {
    @Test
    void quotedFieldsKeepCommasAndDoubledQuotes() {
        assertThat(CsvLine.split("0,\"imgs/a,b.png\",1")).containsExactly("0", "imgs/a,b.png", "1");
        assertThat(CsvLine.split("\"say \"\"hi\"\"\",x")).containsExactly("say \"hi\"", "x");
        assertThat(CsvLine.split("a,,")).containsExactly("a", "", "");
        assertThat(CsvLine.split("")).containsExactly("");
    }

    @Test
    void anUnclosedQuoteIsRefused() {
        assertThatThrownBy(() -> CsvLine.split("0,\"open,1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unterminated");
    }
}
