package io.cc4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cc4j.data.FashionMnist;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cc4j serve} as its own process, as a user or a service manager runs it: it prints the URL, answers, and on
 * SIGTERM or SIGINT stops cleanly with exit code 0. Options out of range exit 2 with a message.
 */
class ServeCommandTest {
    private static final Pattern URL = Pattern.compile("cc4j serve: (http://127\\.0\\.0\\.1:\\d+/)");

    @TempDir
    static Path tmp;
    static Path run;

    @BeforeAll
    static void train() {
        Path dir = FashionMnist.defaultDirectory().orElse(null);
        assumeTrue(dir != null, "Fashion-MNIST not installed: run scripts/install-fashion-mnist.sh (CI does)");
        run = tmp.resolve("run");
        CliRun.Result r = CliRun.once("train", "--data", "fashion-mnist-test:" + dir, "--limit", "64", "--clusters", "4",
                "--out", run.toString(), "--width", "4", "--size", "16", "--batch-size", "32", "--epochs", "1",
                "--threads", "1", "--eval-subset", "64", "--no-finish");
        assertThat(r.code()).as(r.err()).isZero();
    }

    @Test
    void sigtermStopsTheServerCleanlyWithExitCodeZero() throws Exception {
        String err = servesThenStopsOn("TERM", "--default-signal=INT");
        assertThat(err).doesNotContain("ignored when this process started");
    }

    @Test
    void sigintStopsTheServerCleanlyWithExitCodeZero() throws Exception {
        String err = servesThenStopsOn("INT", "--default-signal=INT");
        assertThat(err).doesNotContain("ignored when this process started");
    }

    /**
     * A shell without job control starts background commands with SIGINT ignored, and the JVM then cannot handle it:
     * the server says so at start, and SIGTERM still stops it cleanly.
     */
    @Test
    void sigintIgnoredAtStartIsReportedAndSigtermStillStops() throws Exception {
        String err = servesThenStopsOn("TERM", "--ignore-signal=INT");
        assertThat(err).contains("SIGINT was ignored when this process started")
                .contains("SIGTERM still stops the server").contains("env --default-signal=INT cc4j serve");
    }

    @Test
    void theNoticeNamesWhatStillStopsTheServer() {
        assertThat(ServeCommand.ignoredSignalsNotice(List.of("SIGTERM"))).contains("SIGTERM was ignored")
                .contains("SIGINT still stops the server").contains("env --default-signal=TERM cc4j serve");
        assertThat(ServeCommand.ignoredSignalsNotice(List.of("SIGINT", "SIGTERM")))
                .contains("SIGINT and SIGTERM were ignored").contains("no signal but SIGKILL stops the server")
                .contains("env --default-signal=INT --default-signal=TERM cc4j serve");
    }

    /**
     * Starts {@code cc4j serve} under {@code env} with the given SIGINT disposition (so that how the test suite itself
     * was started, e.g. in the background by a script, does not decide it), checks it answers, sends the signal and
     * checks the clean stop.
     *
     * @return the server's stderr
     */
    private String servesThenStopsOn(String signal, String sigintDisposition) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("env", sigintDisposition,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                "io.cc4j.cli.Cc4jCommand", "serve", "--model", run.toString(), "--port", "0", "--threads", "1"));
        Path log = tmp.resolve("serve-" + signal + sigintDisposition + ".err");
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            assertThat(first).as("first line; stderr:\n%s", read(log)).isNotNull();
            Matcher m = URL.matcher(first);
            assertThat(m.find()).as(first).isTrue();
            URI base = URI.create(m.group(1));
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(base.resolve("/healthz"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            HttpResponse<String> model = client.send(HttpRequest.newBuilder(base.resolve("/v1/model"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(model.body()).contains("\"clusters\":4");

            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exited after SIG%s; stderr:\n%s", signal, read(log))
                    .isTrue();
            assertThat(p.exitValue()).as("exit code; stderr:\n%s", read(log)).isZero();
            String rest = out.lines().reduce("", (a, b) -> a + b + "\n");
            assertThat(rest).contains("SIG" + signal + " received").contains("stopped");
            return read(log);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void optionsOutOfRangeExitWithCodeTwo() {
        CliRun.Result r = CliRun.once("serve", "--model", run.toString(), "--max-images", "10", "--queue", "5");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("cc4j: error: --queue (5) must hold at least --max-images (10) images");
        CliRun.Result missing = CliRun.once("serve", "--model", run.toString(), "--token-file",
                tmp.resolve("no-such-token").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no-such-token");
    }

    @Test
    void aTakenPortIsNamedByItsFlag() throws IOException {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliRun.Result r = CliRun.once("serve", "--model", run.toString(), "--port",
                    Integer.toString(taken.getLocalPort()), "--threads", "1");
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains(Integer.toString(taken.getLocalPort()))
                    .contains("choose another --port or --host");
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
