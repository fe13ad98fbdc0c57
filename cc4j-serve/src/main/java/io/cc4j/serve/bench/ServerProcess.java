package io.cc4j.serve.bench;

import io.cc4j.engine.EngineSupport;
import io.cc4j.engine.ResidentMemory;
import io.cc4j.serve.ClusterServer;
import io.cc4j.serve.ServerOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's server in a process of its own, so that its CPU time is the server's alone: on a small machine
 * the load generator shares the cores, and in one process its CPU could not be told from the server's (libtorch's
 * OpenMP threads are native, so per-Java-thread accounting would miss them). The parent starts a JVM with the same
 * class path and JVM options, running {@link #main}, and talks to it over its standard input and output, never over
 * HTTP, so that asking costs the server nothing it would not otherwise do:
 *
 * <ul>
 *   <li>the child prints {@code cc4j-bench ready URL THREADS} once the server is warmed up;</li>
 *   <li>{@code stats} answers the process's CPU time (all threads, native ones included), the forward passes and
 *       their images so far, the passes by their number of images, the resident memory, the Java heap committed,
 *       and the CPU time per thread group since the previous {@code stats};</li>
 *   <li>{@code memory} answers the resident memory and the heap committed;</li>
 *   <li>{@code quit}, or the end of its input (the parent ended), stops the server and the process.</li>
 * </ul>
 */
final class ServerProcess implements AutoCloseable {
    private static final String PREFIX = "cc4j-bench ";

    /**
     * The server's counters at one moment.
     *
     * @param cpuNanos CPU time of the whole server process since it started
     * @param passes forward passes so far
     * @param images images in them
     * @param rssBytes resident memory
     * @param heapCommittedBytes Java heap committed
     * @param threadNanos CPU nanoseconds by thread group since the previous sample
     * @param passSizes forward passes so far by their number of images (element n: passes of n images)
     */
    record Stats(long cpuNanos, long passes, long images, long rssBytes, long heapCommittedBytes,
            Map<String, Long> threadNanos, long[] passSizes) {
    }

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private final URI url;
    private final int threads;
    private final int maxBatch;

    private ServerProcess(Process process, BufferedReader out, URI url, int threads, int maxBatch) {
        this.maxBatch = maxBatch;
        this.process = process;
        this.out = out;
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.url = url;
        this.threads = threads;
    }

    /**
     * Starts the server in a child JVM and waits until it is ready.
     *
     * @param runDir the run to serve
     * @param options batching and limits (the host is loopback, the port any free one)
     * @param extraJvmOptions added after the JVM options of this process (e.g. a profiler for the server alone)
     * @param timeout the longest wait for readiness
     * @return the ready server
     */
    static ServerProcess start(Path runDir, ServerOptions options, List<String> extraJvmOptions, Duration timeout)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(inheritedJvmOptions());
        command.addAll(extraJvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ServerProcess.class.getName());
        command.add(runDir.toAbsolutePath().toString());
        command.add(Integer.toString(options.threads()));
        command.add(Integer.toString(options.maxBatch()));
        command.add(Long.toString(options.maxDelay().toNanos()));
        command.add(Long.toString(options.maxBodyBytes()));
        command.add(Long.toString(options.maxPixels()));
        command.add(Integer.toString(options.maxImages()));
        command.add(Integer.toString(options.queue()));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String[] ready = new String[1];
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith(PREFIX + "ready ")) {
                        ready[0] = line;
                        return;
                    }
                }
            } catch (IOException e) {
                // The process ended; reported below.
            }
        }, "cc4j-bench-server-start");
        reader.setDaemon(true);
        reader.start();
        reader.join(timeout.toMillis());
        if (ready[0] == null) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException(p.isAlive() ? "the server process did not become ready in " + timeout
                    : "the server process ended with exit code " + p.exitValue() + " before it was ready (its"
                    + " messages are above)");
        }
        String[] f = ready[0].substring(PREFIX.length()).split(" ");
        return new ServerProcess(p, out, URI.create(f[1]), Integer.parseInt(f[2]), options.maxBatch());
    }

    /**
     * This JVM's options, less agents, debuggers and flight recordings (which a second process would fight over
     * or double).
     */
    static List<String> inheritedJvmOptions() {
        List<String> out = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-agentlib") || a.startsWith("-agentpath") || a.startsWith("-javaagent")
                    || a.startsWith("-Xdebug") || a.startsWith("-Xrunjdwp")
                    || a.startsWith("-XX:StartFlightRecording") || a.startsWith("-XX:FlightRecorderOptions")) {
                continue;
            }
            out.add(a);
        }
        return out;
    }

    /** @return the server's address */
    URI url() {
        return url;
    }

    /** @return the server's libtorch intra-op threads */
    int engineThreads() {
        return threads;
    }

    /** @return the process id */
    long pid() {
        return process.pid();
    }

    /** @return the server's counters now */
    synchronized Stats stats() {
        Map<String, Long> f = ask("stats");
        Map<String, Long> groups = new LinkedHashMap<>();
        for (String g : ThreadCpu.GROUPS) {
            groups.put(g, f.getOrDefault("t." + g, 0L));
        }
        long[] sizes = new long[maxBatch + 1];
        f.forEach((k, v) -> {
            if (k.startsWith("s.")) {
                sizes[Integer.parseInt(k.substring(2))] = v;
            }
        });
        return new Stats(f.get("cpu"), f.get("passes"), f.get("images"), f.get("rss"), f.get("heap"), groups, sizes);
    }

    /** @return the resident memory and the heap committed, in bytes */
    synchronized long[] memory() {
        Map<String, Long> f = ask("memory");
        return new long[] {f.get("rss"), f.get("heap")};
    }

    private Map<String, Long> ask(String what) {
        in.println(what);
        try {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith(PREFIX + what + " ")) {
                    Map<String, Long> fields = new HashMap<>();
                    for (String kv : line.substring(PREFIX.length() + what.length() + 1).split(" ")) {
                        int eq = kv.indexOf('=');
                        fields.put(kv.substring(0, eq), Long.parseLong(kv.substring(eq + 1)));
                    }
                    return fields;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the server process stopped answering", e);
        }
        throw new IllegalStateException("the server process ended (exit code "
                + (process.isAlive() ? "unknown" : process.exitValue()) + ")");
    }

    /** Stops the server and waits for the process (at most a minute, then it is killed). */
    @Override
    public void close() throws InterruptedException {
        in.println("quit");
        in.close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * The child: {@code RUN THREADS MAX_BATCH MAX_DELAY_NANOS MAX_BODY_BYTES MAX_PIXELS MAX_IMAGES QUEUE}.
     *
     * @param args as above
     */
    public static void main(String[] args) throws Exception {
        PrintStream protocol = System.out;
        // Nothing else may write to the protocol's stream.
        System.setOut(System.err);
        ServerOptions options = ServerOptions.builder().optHost("127.0.0.1").optPort(0)
                .optThreads(Integer.parseInt(args[1])).optMaxBatch(Integer.parseInt(args[2]))
                .optMaxDelay(Duration.ofNanos(Long.parseLong(args[3]))).optMaxBodyBytes(Long.parseLong(args[4]))
                .optMaxPixels(Long.parseLong(args[5])).optMaxImages(Integer.parseInt(args[6]))
                .optQueue(Integer.parseInt(args[7])).build();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (ClusterServer server = ClusterServer.start(Path.of(args[0]), options)) {
            if (!server.awaitReady(Duration.ofMinutes(5))) {
                throw new IllegalStateException("the server did not become ready");
            }
            protocol.println(PREFIX + "ready " + server.url() + " " + EngineSupport.threads());
            protocol.flush();
            ThreadCpu.Snapshot previous = ThreadCpu.take();
            for (String line; (line = commands.readLine()) != null && !line.equals("quit"); ) {
                if (line.equals("stats")) {
                    ThreadCpu.Snapshot now = ThreadCpu.take();
                    long cpu = processCpuNanos();
                    long[] passes = server.passTotals();
                    StringBuilder s = new StringBuilder(PREFIX).append("stats cpu=").append(cpu)
                            .append(" passes=").append(passes[0]).append(" images=").append(passes[1])
                            .append(" rss=").append(ResidentMemory.currentBytes())
                            .append(" heap=").append(heapCommitted());
                    now.since(previous).forEach((g, n) -> s.append(" t.").append(g).append('=').append(n));
                    long[] sizes = server.passSizes();
                    for (int i = 1; i < sizes.length; i++) {
                        if (sizes[i] > 0) {
                            s.append(" s.").append(i).append('=').append(sizes[i]);
                        }
                    }
                    previous = now;
                    protocol.println(s);
                } else if (line.equals("memory")) {
                    protocol.println(String.format(Locale.ROOT, "%smemory rss=%d heap=%d", PREFIX,
                            ResidentMemory.currentBytes(), heapCommitted()));
                }
                protocol.flush();
            }
        }
        System.exit(0);
    }

    /** CPU time of this whole process: every thread, Java or native. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static long heapCommitted() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    }
}
