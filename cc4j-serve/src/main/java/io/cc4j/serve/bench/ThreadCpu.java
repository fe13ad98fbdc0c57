package io.cc4j.serve.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of this process's threads, native ones included (libtorch's OpenMP workers are not Java threads), summed
 * by what they do, from {@code /proc/self/task/TID/stat} (Linux; empty elsewhere). A native thread inherits the
 * name of the thread that started it, so OpenMP workers started by the batching thread count as the batcher's.
 */
final class ThreadCpu {
    /** The groups, in report order. */
    static final String BATCHER = "batcher";
    static final String JETTY = "jetty";
    static final String PREPARE = "prepare";
    static final String JIT = "jit";
    static final String GC = "gc";
    static final String OTHER = "other";

    /** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux's ABI). */
    private static final long TICK_NANOS = 10_000_000L;
    private static final Path TASKS = Path.of("/proc/self/task");

    private ThreadCpu() {
    }

    /** What each thread alive now has spent: its group and its CPU nanoseconds, by thread id. */
    record Snapshot(Map<Integer, String> groups, Map<Integer, Long> nanos) {
        /**
         * @param before an earlier snapshot
         * @return CPU nanoseconds by group between the two, of the threads alive at the end (a thread that ended
         *     in between is not counted)
         */
        Map<String, Long> since(Snapshot before) {
            Map<String, Long> out = new LinkedHashMap<>();
            for (String g : GROUPS) {
                out.put(g, 0L);
            }
            nanos.forEach((tid, n) -> out.merge(groups.get(tid), n - before.nanos.getOrDefault(tid, 0L), Long::sum));
            return out;
        }
    }

    static final String[] GROUPS = {BATCHER, JETTY, PREPARE, JIT, GC, OTHER};

    /** @return every live thread's group and CPU time (empty where /proc is not there) */
    static Snapshot take() {
        Map<Integer, String> groups = new LinkedHashMap<>();
        Map<Integer, Long> nanos = new LinkedHashMap<>();
        Snapshot out = new Snapshot(groups, nanos);
        if (!Files.isDirectory(TASKS)) {
            return out;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(open + 1, close);
                    // Fields after the name: state is field 3; utime and stime are fields 14 and 15.
                    String[] f = stat.substring(close + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    int tid = Integer.parseInt(task.getFileName().toString());
                    groups.put(tid, group(name));
                    nanos.put(tid, ticks * TICK_NANOS);
                } catch (IOException | RuntimeException e) {
                    // The thread ended while being read.
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** The group of a thread by its (15-character) name. */
    static String group(String name) {
        if (name.startsWith("cc4j-batcher")) {
            return BATCHER;
        }
        if (name.startsWith("JettyServerThr") || name.startsWith("qtp") || name.startsWith("Javalin")) {
            return JETTY;
        }
        if (name.startsWith("cc4j-predict")) {
            return PREPARE;
        }
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            return JIT;
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return GC;
        }
        return OTHER;
    }
}
