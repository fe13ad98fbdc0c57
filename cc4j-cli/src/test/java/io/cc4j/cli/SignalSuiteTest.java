package io.cc4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.cc4j.data.FashionMnist;
import io.cc4j.model.store.Checkpoint;
import io.cc4j.model.store.CheckpointStore;
import io.cc4j.run.RunLayout;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signals at seeded random moments of whole processes, as an orchestrator or a user sends them.
 *
 * <p>{@code cc4j serve}: SIGINT or SIGTERM, sometimes two back to back (microseconds apart, from this JVM through
 * the C library's {@code kill}), from the JVM's start through loading, warm-up, idle and under load (client threads
 * posting images to /v1/assign without pause). Every run must end with exit 0 within {@link #BOUND} of the signal;
 * every request the server had taken on (it names them at debug level) gets its answer, 200; the others get 503,
 * a refused connection or a connection closed before any byte of an answer; nothing gets a 500, an answer cut short
 * or no answer at all. A signal sent before the server installed its handlers (the server logs the moment on the
 * monotonic clock every JVM here shares) may instead get the JVM's own handling: such runs are counted apart and
 * must end promptly with 0 or 128 + the signal's number.
 *
 * <p>{@code cc4j train}: two identical signals within microseconds at a random moment: exit 130 / 143, no JVM
 * crash (no hs_err file), every checkpoint left intact, and the newest one resumes.
 *
 * <p>Both are deterministic in their seed ({@code -Dcc4j.signals.seed}); CI runs a few of each
 * ({@code -Dcc4j.signals.serveRuns}, {@code -Dcc4j.signals.trainRuns}), scripts/signal-suite.sh the full count.
 * On a timeout the failure carries a thread dump of the process ({@code jcmd PID Thread.print}).
 */
class SignalSuiteTest {
    /** The longest a process may take to exit after the (first) signal. */
    static final Duration BOUND = Duration.ofSeconds(20);
    private static final long SEED = Long.getLong("cc4j.signals.seed", 20261206L);
    private static final int SERVE_RUNS = Integer.getInteger("cc4j.signals.serveRuns", 5);
    private static final int TRAIN_RUNS = Integer.getInteger("cc4j.signals.trainRuns", 3);
    private static final int BOOST_RUNS = Integer.getInteger("cc4j.signals.boostRuns", 2);
    private static final Pattern URL = Pattern.compile("cc4j serve: (http://127\\.0\\.0\\.1:(\\d+)/)");
    private static final Pattern HANDLED_FROM = Pattern.compile("handled from monotonic time (\\d+) ns on");
    private static final Pattern BEGUN = Pattern.compile("begun POST /v1/assign id=(\\S+)");
    private static final int SIGINT = 2;
    private static final int SIGTERM = 15;

    @TempDir
    static Path tempDir;
    /** Where the runs' files go: -Dcc4j.signals.keep=DIR keeps them, else a temporary directory. */
    static Path tmp;
    static Path run;
    static Path data;
    static byte[] png;

    /** The C library's kill: two signals microseconds apart, and no process started per signal. */
    interface CLibrary extends Library {
        int kill(int pid, int sig);
    }

    static final CLibrary LIBC = Native.load("c", CLibrary.class);

    @BeforeAll
    static void train() throws IOException {
        String keep = System.getProperty("cc4j.signals.keep");
        tmp = keep == null || keep.isBlank() ? tempDir : Files.createDirectories(Path.of(keep));
        data = FashionMnist.defaultDirectory().orElse(null);
        assumeTrue(data != null, "Fashion-MNIST not installed: run scripts/install-fashion-mnist.sh (CI does)");
        run = tmp.resolve("run");
        deleteRecursively(run);
        CliRun.Result r = CliRun.once("train", "--data", "fashion-mnist-test:" + data, "--limit", "64", "--clusters",
                "4", "--out", run.toString(), "--width", "4", "--size", "16", "--batch-size", "32", "--epochs", "1",
                "--threads", "1", "--eval-subset", "64", "--no-finish");
        assertThat(r.code()).as(r.err()).isZero();
        png = grayPng(28, 7);
    }

    /** Where in the life of {@code cc4j serve} a run aims its signal. */
    enum Aim {
        /** The JVM's first moments: a random delay of 0 to 0.3 s after the process starts. */
        START,
        /**
         * Parsing the command line and loading the model: 0.3 to 2.5 s after the start (or whatever the process is
         * doing by then).
         */
        LOADING,
        /** Warm-up (of a 256-image batch): 0 to 60 ms after the address is printed. */
        WARM_UP,
        /** Ready, no requests: 0 to 0.5 s after /readyz answers 200. */
        IDLE,
        /** Ready, clients posting images without pause: 0.3 to 2 s after they start. */
        LOAD
    }

    @Test
    void serveExitsZeroWithinTheBoundAtAnyMomentAndAnswersEveryRequestItTookOn() throws Exception {
        List<String> lines = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Map<String, Integer> byPhase = new TreeMap<>();
        int early = 0;
        int doubles = 0;
        long inFlight = 0;
        long worstMs = 0;
        for (int i = 0; i < SERVE_RUNS; i++) {
            SplittableRandom random = new SplittableRandom(SEED * 31 + i);
            Aim aim = Aim.values()[i % Aim.values().length];
            ServeRun r = new ServeRun(i, aim, random);
            String outcome;
            try {
                outcome = r.execute();
            } catch (AssertionError e) {
                failures.add("serve run " + i + " (" + aim + "): " + e.getMessage());
                outcome = "FAILED";
            }
            lines.add(r.describe() + "  " + outcome);
            System.out.println("signal-suite " + lines.get(lines.size() - 1));
            byPhase.merge(r.phase, 1, Integer::sum);
            early += r.beforeHandlers ? 1 : 0;
            doubles += r.second != 0 ? 1 : 0;
            inFlight += r.answeredAfterSignal;
            worstMs = Math.max(worstMs, r.exitMs);
        }
        String summary = String.format(Locale.ROOT, "serve: %d runs (seed %d), %d with two signals, %d before the"
                + " server's handlers; phases %s; %d requests answered 200 after the signal; slowest exit %d ms"
                + " after the signal (bound %d s); %d failed", SERVE_RUNS, SEED, doubles, early, byPhase, inFlight,
                worstMs, BOUND.toSeconds(), failures.size());
        report("serve", lines, summary);
        assertThat(failures).as(summary).isEmpty();
    }

    @Test
    void trainStopsAtOnceOnTwoSignalsWithoutACrashAndItsNewestCheckpointResumes() throws Exception {
        doubleSignals("train", TRAIN_RUNS, 37);
    }

    @Test
    void boostStopsAtOnceOnTwoSignalsWithoutACrashAndItsNewestCheckpointResumes() throws Exception {
        doubleSignals("boost", BOOST_RUNS, 41);
    }

    private void doubleSignals(String command, int runs, int salt) throws Exception {
        List<String> lines = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        long worstMs = 0;
        Map<String, Integer> byPhase = new TreeMap<>();
        Map<String, Integer> byHandling = new TreeMap<>();
        for (int i = 0; i < runs; i++) {
            SplittableRandom random = new SplittableRandom(SEED * salt + i);
            TrainRun r = new TrainRun(command, i, random);
            String outcome;
            try {
                outcome = r.execute();
            } catch (AssertionError e) {
                failures.add(command + " run " + i + ": " + e.getMessage());
                outcome = "FAILED";
            }
            lines.add(r.describe() + "  " + outcome);
            System.out.println("signal-suite " + lines.get(lines.size() - 1));
            byPhase.merge(r.phase, 1, Integer::sum);
            byHandling.merge(r.handling(), 1, Integer::sum);
            worstMs = Math.max(worstMs, r.exitMs);
        }
        String summary = String.format(Locale.ROOT, "%s: %d runs (seed %d) of two identical signals; phases %s;"
                + " handled %s; slowest exit %d ms after the signals (bound %d s); %d failed", command, runs, SEED,
                byPhase, byHandling, worstMs, BOUND.toSeconds(), failures.size());
        report(command, lines, summary);
        assertThat(failures).as(summary).isEmpty();
    }

    /** Prints the runs and the summary, and keeps them in target/signal-suite/ for scripts/signal-suite.sh. */
    private static void report(String what, List<String> lines, String summary) throws IOException {
        System.out.println("signal-suite " + summary);
        Path dir = Path.of("target", "signal-suite");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(what + ".txt"), String.join("\n", lines) + "\n" + summary + "\n");
    }

    /** A JVM running {@code cc4j} with the given arguments, its output in files. */
    static Process start(Path dir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("env", "--default-signal=INT", "--default-signal=TERM",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"), "-Dai.djl.offline=true",
                "-Dorg.slf4j.simpleLogger.log.io.cc4j.serve.ShutdownSignals=debug",
                "-Dorg.slf4j.simpleLogger.log.io.cc4j.cli.GracefulStop=debug",
                "-Dorg.slf4j.simpleLogger.log.io.cc4j.serve.requests=debug",
                "-cp", System.getProperty("java.class.path"), "io.cc4j.cli.Cc4jCommand"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Path jemalloc = Path.of("/usr/lib/x86_64-linux-gnu/libjemalloc.so.2");
        if (Files.exists(jemalloc) && System.getenv("LD_PRELOAD") == null) {
            // The launcher's allocator, as users run it.
            pb.environment().put("LD_PRELOAD", jemalloc.toString());
            pb.environment().put("MALLOC_CONF", "dirty_decay_ms:-1,muzzy_decay_ms:-1");
        }
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        return pb.start();
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    /** The moment on the monotonic clock the process began handling signals, or -1 while it has not said so. */
    static long handledFrom(Path err) {
        Matcher m = HANDLED_FROM.matcher(read(err));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    static String signalName(int sig) {
        return sig == SIGINT ? "SIGINT" : "SIGTERM";
    }

    /**
     * Waits for the process to exit within the bound; on a timeout puts a thread dump in the failure and kills it.
     *
     * @return the exit code
     */
    static int awaitExit(Process p, Path dir, String what) throws InterruptedException {
        if (p.waitFor(BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
            return p.exitValue();
        }
        String dump = threadDump(p.pid());
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError(what + ": still running " + BOUND.toSeconds() + " s after the signal; thread dump:\n"
                + dump + "\nstdout:\n" + read(dir.resolve("out")) + "\nstderr:\n" + tail(read(dir.resolve("err"))));
    }

    static String threadDump(long pid) {
        StringBuilder all = new StringBuilder();
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        for (List<String> cmd : List.of(List.of(bin.resolve("jcmd").toString(), Long.toString(pid), "Thread.print"),
                List.of(bin.resolve("jstack").toString(), Long.toString(pid)))) {
            try {
                Process d = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                byte[] out = d.getInputStream().readAllBytes();
                d.waitFor(30, TimeUnit.SECONDS);
                all.append("$ ").append(String.join(" ", cmd)).append('\n')
                        .append(new String(out, StandardCharsets.UTF_8));
                if (d.exitValue() == 0) {
                    break;
                }
            } catch (IOException | InterruptedException e) {
                all.append(cmd.get(0)).append(" failed: ").append(e).append('\n');
            }
        }
        return all.toString();
    }

    static String tail(String text) {
        String[] l = text.split("\n");
        return String.join("\n", java.util.Arrays.asList(l).subList(Math.max(0, l.length - 40), l.length));
    }

    /** The crash reports a JVM left in its directory (-XX:ErrorFile), or a note that it crashed. */
    static String crashes(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            String hs = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("hs_err"))
                    .collect(Collectors.joining(", "));
            String err = read(dir.resolve("err"));
            if (err.contains("A fatal error has been detected")) {
                hs += " (stderr: a fatal error)";
            }
            return hs;
        }
    }

    /** One {@code cc4j serve} process, its signal(s) and its clients. */
    final class ServeRun {
        final int index;
        final Aim aim;
        final SplittableRandom random;
        final Path dir;
        final int first;
        final int second;
        final Gap gap;
        int received = -1;
        String phase = "?";
        boolean beforeHandlers;
        long answeredAfterSignal;
        long exitMs = -1;
        long delayMs;
        long handlersMs = -1;
        int exit = -1;
        LoadClients clients;

        ServeRun(int index, Aim aim, SplittableRandom random) throws IOException {
            this.index = index;
            this.aim = aim;
            this.random = random;
            deleteRecursively(tmp.resolve("serve-" + index));
            this.dir = Files.createDirectories(tmp.resolve("serve-" + index));
            this.first = random.nextBoolean() ? SIGINT : SIGTERM;
            this.second = index % 3 == 1 ? (random.nextBoolean() ? SIGINT : SIGTERM) : 0;
            this.gap = Gap.values()[random.nextInt(Gap.values().length)];
        }

        String describe() {
            return String.format(Locale.ROOT, "serve %3d  aim %-8s %-7s%-22s at %5d ms (handlers at %4d ms)  phase %-9s%s %d seen  exit %3d after %5d ms%s",
                    index, aim, signalName(first), second == 0 ? "" : "+" + signalName(second) + " " + gap, delayMs,
                    handlersMs, phase, beforeHandlers ? " (before the handlers)" : "", Math.max(received, 0), exit, exitMs,
                    clients == null ? "" : "  " + clients.summary());
        }

        String execute() throws Exception {
            long t0 = System.nanoTime();
            Process p = start(dir, "serve", "--model", run.toString(), "--port", "0", "--threads", "1",
                    "--max-batch", "256");
            try {
                long at = waitForAim(p, t0);
                if (p.isAlive()) {
                    phase = phaseNow();
                    delayMs = (at - t0) / 1_000_000;
                    long sent = signal(p, first, second, gap, random, dir.resolve("err"), "received");
                    exit = awaitExit(p, dir, describe());
                    exitMs = (System.nanoTime() - sent) / 1_000_000;
                    // The server logs when its handlers were in place: a signal sent before may get the JVM's handling.
                    long handled = handledFrom(dir.resolve("err"));
                    beforeHandlers = handled < 0 || handled > at;
                    handlersMs = handled < 0 ? -1 : (handled - t0) / 1_000_000;
                    received = (int) Pattern.compile("ShutdownSignals - SIG(INT|TERM) received")
                            .matcher(read(dir.resolve("err"))).results().count();
                    if (clients != null) {
                        clients.stopAndJoin(sent);
                    }
                    check(sent);
                } else {
                    throw new AssertionError("the server exited with " + p.exitValue() + " before the signal:\n"
                            + tail(read(dir.resolve("err"))));
                }
                return "ok";
            } finally {
                if (clients != null) {
                    clients.stopAndJoin(System.nanoTime());
                }
                p.destroyForcibly();
            }
        }

        /** Waits for the moment this run aims at; returns it on the monotonic clock, just before the signal. */
        private long waitForAim(Process p, long t0) throws Exception {
            switch (aim) {
                case START -> sleepUntil(t0 + ms(random.nextInt(0, 300)));
                case LOADING -> sleepUntil(t0 + ms(random.nextInt(300, 2500)));
                case WARM_UP -> {
                    awaitUrl(p);
                    Thread.sleep(random.nextInt(0, 60));
                }
                case IDLE -> {
                    awaitReady(p);
                    Thread.sleep(random.nextInt(0, 500));
                }
                case LOAD -> {
                    int port = awaitReady(p);
                    clients = new LoadClients(port, 3, random.split());
                    Thread.sleep(random.nextInt(300, 2000));
                }
                default -> throw new IllegalStateException();
            }
            return System.nanoTime();
        }

        private String phaseNow() {
            String err = read(dir.resolve("err"));
            String out = read(dir.resolve("out"));
            if (!HANDLED_FROM.matcher(err).find()) {
                return "jvm-start";
            }
            if (!URL.matcher(out).find()) {
                return "loading";
            }
            if (!err.contains("warmed up in")) {
                return "warm-up";
            }
            return clients == null ? "idle" : "load";
        }

        private int awaitUrl(Process p) throws Exception {
            long deadline = System.nanoTime() + ms(60_000);
            while (System.nanoTime() < deadline && p.isAlive()) {
                Matcher m = URL.matcher(read(dir.resolve("out")));
                if (m.find()) {
                    return Integer.parseInt(m.group(2));
                }
                Thread.sleep(5);
            }
            throw new AssertionError("no address printed in 60 s; exit " + (p.isAlive() ? "-" : p.exitValue())
                    + "; stderr:\n" + tail(read(dir.resolve("err"))));
        }

        private int awaitReady(Process p) throws Exception {
            int port = awaitUrl(p);
            long deadline = System.nanoTime() + ms(60_000);
            while (System.nanoTime() < deadline) {
                RawHttp.Answer a = RawHttp.get(port, "/readyz");
                if (a.status() == 200) {
                    return port;
                }
                Thread.sleep(10);
            }
            throw new AssertionError("not ready in 60 s:\n" + tail(read(dir.resolve("err"))));
        }

        private void check(long sent) throws IOException {
            String out = read(dir.resolve("out"));
            String err = read(dir.resolve("err"));
            String context = describe() + "\nstdout:\n" + out + "\nstderr:\n" + tail(err);
            assertThat(crashes(dir)).as("crash reports; %s", context).isEmpty();
            int firstCode = 128 + first;
            int secondCode = second == 0 ? firstCode : 128 + second;
            if (beforeHandlers && exit != 0) {
                // The JVM's own handling (or, before it handles signals at all, the signal's default action).
                assertThat(exit).as("exit of a signal sent before the server's handlers; %s", context)
                        .isIn(firstCode, secondCode);
            } else {
                assertThat(exit).as("exit code; %s", context).isZero();
                // Stopped, or (a signal while the command started) never started: no port was opened.
                assertThat(out).as(context).containsPattern("SIG(INT|TERM) received")
                        .containsPattern("cc4j serve: stopped|received before the server started; not starting");
            }
            assertThat(err).as(context).doesNotContain("Exception in thread").doesNotContain(" ERROR ");
            if (clients != null) {
                answeredAfterSignal = clients.answeredAfter(sent);
                java.util.Set<String> begun = new java.util.HashSet<>();
                Matcher m = BEGUN.matcher(err);
                while (m.find()) {
                    begun.add(m.group(1));
                }
                List<String> wrong = clients.violations(begun);
                assertThat(wrong).as("requests answered wrongly; %s", context).isEmpty();
            }
        }
    }

    /** One {@code cc4j train} or {@code cc4j boost} process stopped by two identical signals. */
    final class TrainRun {
        final String command;
        final int index;
        final SplittableRandom random;
        final Path dir;
        final int sig;
        final Gap gap;
        int seen;
        String phase = "?";
        long exitMs = -1;
        int exit = -1;
        String checkpoint = "-";
        long delayMs;
        long handlersMs = -1;

        TrainRun(String command, int index, SplittableRandom random) throws IOException {
            this.command = command;
            this.index = index;
            this.random = random;
            deleteRecursively(tmp.resolve(command + "-" + index));
            this.dir = Files.createDirectories(tmp.resolve(command + "-" + index));
            this.sig = random.nextBoolean() ? SIGINT : SIGTERM;
            this.gap = Gap.values()[random.nextInt(Gap.values().length)];
        }

        String describe() {
            return String.format(Locale.ROOT, "%s %3d  2x%-7s %-12s at %5d ms (handlers at %4d ms)  phase %-13s %s  exit %3d after %5d ms  newest %s",
                    command, index, signalName(sig), gap, delayMs, handlersMs, phase, handling(), exit, exitMs,
                    checkpoint);
        }

        String handling() {
            return seen >= 2 ? "stopped at once" : seen == 1 ? "one seen, graceful" : "JVM's handling";
        }

        String execute() throws Exception {
            Path runDir = dir.resolve("run");
            long t0 = System.nanoTime();
            Process p = command.equals("train")
                    ? start(dir, "train", "--data", "fashion-mnist-test:" + data, "--limit", "512", "--clusters", "4",
                            "--out", runDir.toString(), "--width", "4", "--size", "16", "--batch-size", "32", "--epochs",
                            "100", "--threads", "2", "--workers", "1", "--eval-every", "0", "--checkpoint-every", "1",
                            "--checkpoint-minutes", "0.003", "--keep-checkpoints", "2", "--no-finish")
                    : start(dir, "boost", "--model", run.toString(), "--out", runDir.toString(), "--epochs", "200",
                            "--eval-every", "0", "--checkpoint-minutes", "0.003", "--no-finish");
            try {
                // boost starts later (the CC run's model, then its first epoch's labelling pass)
                delayMs = command.equals("train") ? random.nextInt(200, 7000) : random.nextInt(1000, 12000);
                sleepUntil(t0 + ms(delayMs));
                assertThat(p.isAlive()).as(command + " ended before the signal: %s", tail(read(dir.resolve("err"))))
                        .isTrue();
                phase = phaseNow(runDir);
                long sent = signal(p, sig, sig, gap, random, dir.resolve("err"), "cc4j: SIG");
                exit = awaitExit(p, dir, describe());
                exitMs = (System.nanoTime() - sent) / 1_000_000;
                long handled = handledFrom(dir.resolve("err"));
                handlersMs = handled < 0 ? -1 : (handled - t0) / 1_000_000;
                seen = count(read(dir.resolve("err")), "cc4j: SIG");
            } finally {
                p.destroyForcibly();
            }
            String err = read(dir.resolve("err"));
            String context = describe() + "\nstderr:\n" + tail(err);
            assertThat(crashes(dir)).as("crash reports; %s", context).isEmpty();
            assertThat(exit).as("exit code; %s", context).isEqualTo(128 + sig);
            CheckpointStore store = RunLayout.of(runDir).checkpoints();
            List<Path> all = store.list();
            if (all.isEmpty()) {
                return "no checkpoint yet";
            }
            for (Path file : all) {
                Checkpoint.open(file); // every checkpoint left is complete (its checksum holds)
            }
            Path newest = all.get(all.size() - 1);
            checkpoint = newest.getFileName().toString();
            int epoch = Checkpoint.open(newest).header().epoch();
            // One more epoch (boost takes at least 2 in all).
            CliRun.Result resumed = CliRun.once(command, "--resume", runDir.toString(), "--epochs",
                    Integer.toString(command.equals("boost") ? Math.max(2, epoch + 1) : epoch + 1), "--no-finish");
            assertThat(resumed.code()).as("resumed from %s: %s; %s", checkpoint, resumed.err(), context).isZero();
            return "ok, resumed from " + checkpoint;
        }

        private String phaseNow(Path runDir) throws IOException {
            String err = read(dir.resolve("err"));
            if (!HANDLED_FROM.matcher(err).find()) {
                return "start";
            }
            Path ckpts = runDir.resolve("checkpoints");
            if (Files.isDirectory(ckpts)) {
                try (var files = Files.list(ckpts)) {
                    if (files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp"))) {
                        return "checkpointing";
                    }
                }
            }
            return err.contains(" batch ") || Files.isDirectory(ckpts) ? "training" : "loading";
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    /** How the second of two signals follows the first. */
    enum Gap {
        /** Right after it: the system often merges the two while the first is still pending. */
        BACK_TO_BACK,
        /** 20 to 2000 microseconds after it (busy-waited). */
        MICROSECONDS,
        /** As soon as the process has said it received the first (its output is polled every millisecond). */
        AFTER_NOTICE
    }

    /**
     * Sends {@code first} and, unless {@code second} is 0, {@code second} after {@code gap}.
     *
     * @param notice the file and text that show the first was received (for {@link Gap#AFTER_NOTICE})
     * @return the moment of the first signal on the monotonic clock
     */
    static long signal(Process p, int first, int second, Gap gap, SplittableRandom random, Path noticeFile,
            String notice) throws InterruptedException {
        int pid = (int) p.pid();
        long sent = System.nanoTime();
        LIBC.kill(pid, first);
        if (second == 0) {
            return sent;
        }
        switch (gap) {
            case BACK_TO_BACK -> { }
            case MICROSECONDS -> {
                long until = System.nanoTime() + random.nextInt(20, 2000) * 1000L;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }
            case AFTER_NOTICE -> {
                long deadline = System.nanoTime() + ms(5000);
                while (System.nanoTime() < deadline && p.isAlive() && !read(noticeFile).contains(notice)) {
                    Thread.sleep(1);
                }
            }
            default -> throw new IllegalStateException();
        }
        LIBC.kill(pid, second);
        return sent;
    }

    static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, ms(5)));
        }
    }

    /** A grey PNG of random pixels. */
    static byte[] grayPng(int size, long seed) throws IOException {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        SplittableRandom r = new SplittableRandom(seed);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int v = r.nextInt(256);
                img.getRaster().setSample(x, y, 0, v);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
