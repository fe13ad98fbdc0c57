package io.cc4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library names configuration fields, the command line names flags: no string literal in the main code of
 * cc4j-inference, cc4j-train, cc4j-serve or cc4j-spark (but Spark's own command line, {@code io.cc4j.spark.cli})
 * names a command-line flag or a {@code cc4j} command. A Java, Spark or server user cannot pass a flag; the CLI
 * adds its flags and hints to the library's messages itself. Comments and Javadoc may mention flags.
 */
class LibraryMessagesTest {
    private static final List<String> LIBRARY = List.of("cc4j-inference", "cc4j-train", "cc4j-serve", "cc4j-spark");
    private static final String SPARK_CLI = "io/cc4j/spark/cli/";
    /** A flag as a message would show it: two dashes at the start of a word, then a lower-case name. */
    private static final Pattern FLAG = Pattern.compile("(^|[\\s(\\[{'\"`,;:=])--[a-z][a-z0-9-]*");
    /** A cc4j command, as in "run 'cc4j cluster ...' first". */
    private static final Pattern COMMAND = Pattern.compile("cc4j (train|cluster|evaluate|report|export|import|demo"
            + "|augment|bench|info|boost|estimate-k|merge|serve|spark|data)(\\s|'|\"|`|$)");
    /**
     * Literals that are no message: arguments of another program's command line. Each entry is the file, a colon
     * and the literal.
     */
    private static final Set<String> NOT_MESSAGES = Set.of(
            "io/cc4j/model/store/TorchScriptExport.java:--out");

    @Test
    void noLibraryMessageNamesAFlagOrACommand() {
        List<String> offenders = new ArrayList<>();
        for (String module : LIBRARY) {
            Path root = Path.of("..", module, "src", "main", "java");
            for (Path file : javaFiles(root)) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                if (relative.startsWith(SPARK_CLI)) {
                    continue;
                }
                for (JavaLiterals.Literal l : JavaLiterals.of(read(file))) {
                    if (NOT_MESSAGES.contains(relative + ":" + l.text())) {
                        continue;
                    }
                    if (FLAG.matcher(l.text()).find() || COMMAND.matcher(l.text()).find()) {
                        offenders.add(module + "/" + relative + ":" + l.line() + ": \"" + l.text() + "\"");
                    }
                }
            }
        }
        assertThat(offenders).as("library string literals that name a command-line flag or a cc4j command")
                .isEmpty();
    }

    @Test
    void theScanSeesFlagsAndCommandsButNotCommentsOrOtherDashes() {
        String code = """
                /** Javadoc may say --lr. */
                class X { // and --epochs here
                    String a = "learningRate must be > 0 (--lr)";
                    String b = "run 'cc4j " + "cluster --model RUN' first";
                    String c = "rw-r--r--";
                    char d = '"'; String e = "x -- y";
                }
                """;
        List<String> hits = JavaLiterals.of(code).stream().map(JavaLiterals.Literal::text)
                .filter(t -> FLAG.matcher(t).find() || COMMAND.matcher(t).find()).toList();
        assertThat(hits).containsExactly("learningRate must be > 0 (--lr)", "run 'cc4j cluster --model RUN' first");
    }

    private static List<Path> javaFiles(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
