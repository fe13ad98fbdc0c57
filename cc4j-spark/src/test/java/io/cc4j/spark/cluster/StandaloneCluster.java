package io.cc4j.spark.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on loopback for tests: a master and workers, each a JVM of its own started from the
 * Maven build's Spark jars ({@code target/spark-lib}) with a {@code SPARK_HOME} that holds only {@code jars/}, as a
 * user without a Spark installation would run one. Every process it starts (and every process those start:
 * executors, drivers of cluster deploy mode) is stopped by {@link #close()}, and by a shutdown hook if the test JVM
 * ends first; {@link #run} starts further processes (the CLI) under the same guarantee.
 */
final class StandaloneCluster implements AutoCloseable {
    private static final Pattern MASTER_URL = Pattern.compile("Starting Spark master at (spark://\\S+)");
    private static final Duration START = Duration.ofSeconds(120);
    /** JVM options that spend little CPU on start-up: the C1 compiler only, the serial collector. */
    static final String LEAN_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

    private final Path dir;
    private final Path sparkLib;
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private final List<Process> workers = new ArrayList<>();
    private final Thread hook = new Thread(this::stopAll, "stop-standalone-cluster");
    private String masterUrl;
    private boolean stopping;

    private StandaloneCluster(Path dir, Path sparkLib) {
        this.dir = dir;
        this.sparkLib = sparkLib;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Starts a master and {@code workers} workers of one core each and waits until all are registered.
     *
     * @param dir an empty directory for logs, work directories and Spark's local directories
     * @param sparkLib Spark's jars
     * @param workers how many workers
     * @param workerMemory each worker's memory for executors, e.g. {@code 2g}
     * @return the running cluster; close it
     */
    static StandaloneCluster start(Path dir, Path sparkLib, int workers, String workerMemory) throws IOException {
        StandaloneCluster c = new StandaloneCluster(dir, sparkLib);
        try {
            Files.createDirectories(dir.resolve("home"));
            Files.createSymbolicLink(dir.resolve("home/jars"), sparkLib.toAbsolutePath());
            Path masterLog = dir.resolve("master.log");
            Process master = c.spark(List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                    "0", "--webui-port", "0"), masterLog);
            MatchResult url = waitFor(masterLog, MASTER_URL, 1, master);
            c.masterUrl = url.group(1);
            for (int i = 1; i <= workers; i++) {
                Path work = Files.createDirectories(dir.resolve("work" + i));
                Process w = c.spark(List.of("org.apache.spark.deploy.worker.Worker", c.masterUrl, "--host",
                        "127.0.0.1", "--port", "0", "--webui-port", "0", "--cores", "1", "--memory", workerMemory,
                        "--work-dir", work.toString()), dir.resolve("worker" + i + ".log"));
                c.workers.add(w);
            }
            waitFor(masterLog, Pattern.compile("Registering worker"), workers, master);
            return c;
        } catch (IOException | RuntimeException | Error e) {
            c.close();
            throw e;
        }
    }

    /** @return the master's URL, {@code spark://127.0.0.1:PORT} */
    String masterUrl() {
        return masterUrl;
    }

    /** @return the worker JVMs */
    List<Process> workers() {
        return workers;
    }

    /** @return the executor JVMs running now (children of the workers) */
    List<ProcessHandle> executors() {
        return workers.stream().flatMap(w -> w.toHandle().children())
                .filter(p -> p.info().commandLine().orElse("").contains("ExecutorBackend")).toList();
    }

    /** @return the executors' stderr files of every application so far */
    List<Path> executorLogs() throws IOException {
        List<Path> logs = new ArrayList<>();
        for (int i = 1; i <= workers.size(); i++) {
            try (Stream<Path> s = Files.walk(dir.resolve("work" + i), 3)) {
                s.filter(p -> p.getFileName().toString().equals("stderr") && p.getParent().getParent().getFileName()
                        .toString().startsWith("app-")).forEach(logs::add);
            }
        }
        return logs;
    }

    /** Deletes the work directories of finished applications (each executor holds a copy of the 115 MB jar). */
    void deleteFinishedWork() throws IOException {
        for (int i = 1; i <= workers.size(); i++) {
            try (Stream<Path> s = Files.list(dir.resolve("work" + i))) {
                for (Path app : s.toList()) {
                    deleteTree(app);
                }
            }
        }
    }

    /** The environment every process of the test cluster gets: loopback only, Spark's files under {@link #dir}. */
    Map<String, String> environment(Map<String, String> env) {
        env.remove("SPARK_HOME");
        env.remove("SPARK_CONF_DIR");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_LOCAL_DIRS", dir.resolve("local").toString());
        return env;
    }

    /**
     * Starts a process (the CLI) that this cluster stops with the rest if it is still running at the end.
     *
     * @param command the command
     * @param log where its stdout and stderr go (both, in order)
     * @param env extra environment
     * @return the process
     */
    synchronized Process run(List<String> command, Path log, Map<String, String> env) throws IOException {
        if (stopping) {
            throw new IllegalStateException("the cluster is stopping: " + command + " not started");
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        environment(pb.environment()).putAll(env);
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private synchronized Process spark(List<String> mainAndArgs, Path log) throws IOException {
        if (stopping) {
            throw new IllegalStateException("the cluster is stopping");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + Path.of("src/main/jvm/spark-java17.options").toAbsolutePath(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                sparkLib.toAbsolutePath() + "/*"));
        command.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = environment(pb.environment());
        env.put("SPARK_HOME", dir.resolve("home").toString());
        env.put("SPARK_SCALA_VERSION", "2.12"); // Spark's launcher library asks for it outside a Spark distribution
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    /** Waits until {@code log} holds {@code count} matches, or fails (also when the process has died). */
    static MatchResult waitFor(Path log, Pattern pattern, int count, Process process) throws IOException {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            List<MatchResult> found = pattern.matcher(text).results().toList();
            if (found.size() >= count) {
                return found.get(found.size() - 1);
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("process ended before '" + pattern + "' appeared " + count
                        + " times in " + log + ":\n" + text);
            }
            sleep(100);
        }
        throw new IllegalStateException("no '" + pattern + "' " + count + " times in " + log + " after " + START);
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway
        }
    }

    /**
     * Stops every process started here and their descendants: SIGTERM (workers stop their executors and drivers),
     * up to 15 s, then SIGKILL to whatever is left, and waits for each.
     */
    private synchronized void stopAll() {
        stopping = true; // from here run() starts nothing (a test thread may go on while the shutdown hook runs)
        List<ProcessHandle> all = new ArrayList<>();
        for (Process p : processes) {
            p.toHandle().descendants().forEach(all::add);
            all.add(p.toHandle());
        }
        String mark = dir.toAbsolutePath().toString();
        ProcessHandle.allProcesses().filter(h -> h.info().commandLine().orElse("").contains(mark))
                .filter(h -> !all.contains(h)).forEach(all::add);
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
        for (ProcessHandle h : all) {
            h.destroyForcibly();
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // reported by the test's check that nothing is left
            }
        }
    }

    /**
     * @return the processes started here, their descendants, and any process whose command line names this
     *     cluster's directory (executors, drivers), still alive: none after {@link #close()}
     */
    List<ProcessHandle> alive() {
        List<ProcessHandle> alive = new ArrayList<>();
        for (Process p : processes) {
            if (p.isAlive()) {
                alive.add(p.toHandle());
            }
            p.toHandle().descendants().filter(ProcessHandle::isAlive).forEach(alive::add);
        }
        String mark = dir.toAbsolutePath().toString();
        ProcessHandle.allProcesses().filter(h -> h.info().commandLine().orElse("").contains(mark))
                .filter(h -> !alive.contains(h)).forEach(alive::add);
        return alive;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
