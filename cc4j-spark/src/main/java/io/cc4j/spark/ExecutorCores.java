package io.cc4j.spark;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;

/**
 * How many cores the JVM running a task was given by Spark: what an executor's libtorch threads and image workers
 * default to, so that an executor of 4 cores on a 64-core machine runs 4 threads, not 64.
 *
 * <p>In order: the {@code --cores N} Spark's cluster managers (standalone, YARN, Kubernetes, local-cluster) start
 * every executor with; {@code spark.executor.cores}; N of a {@code local[N]} master when the driver runs the tasks
 * itself ({@code local[*]}: the machine's cores); and when none of these is known, {@code spark.task.cpus} (the
 * share Spark reserves for one task, 1 by default), never the machine's cores. The tasks of one executor share
 * one predictor, whose forward passes take turns, so the executor's cores, not a task's, is the right count for
 * libtorch.
 */
public final class ExecutorCores {
    private static final Pattern CORES_ARGUMENT = Pattern.compile("(?:^|\\s)--cores[= ](\\d+)(?:\\s|$)");
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\s*\\d+)?])?");

    private ExecutorCores() {
    }

    /** @return the cores of this JVM's executor, by the rules of the class comment; at least 1 */
    public static int get() {
        SparkEnv env = SparkEnv.get();
        SparkConf conf = env == null ? null : env.conf();
        return resolve(System.getProperty("sun.java.command", ""), conf == null ? null : conf.get("spark.executor.cores", null),
                conf == null ? null : conf.get("spark.master", null), conf == null ? null : conf.get("spark.task.cpus", null),
                Runtime.getRuntime().availableProcessors());
    }

    /**
     * The rules, on plain values (tests).
     *
     * @param javaCommand the JVM's main class and arguments ({@code sun.java.command})
     * @param executorCores {@code spark.executor.cores}, or null
     * @param master {@code spark.master}, or null
     * @param taskCpus {@code spark.task.cpus}, or null
     * @param machineCores the machine's cores (for {@code local[*]} only)
     * @return the cores, at least 1
     */
    static int resolve(String javaCommand, String executorCores, String master, String taskCpus, int machineCores) {
        if (javaCommand.contains("ExecutorBackend")) {
            Matcher m = CORES_ARGUMENT.matcher(javaCommand);
            if (m.find()) {
                return Math.max(1, Integer.parseInt(m.group(1)));
            }
        }
        OptionalInt configured = positive(executorCores);
        if (configured.isPresent()) {
            return configured.getAsInt();
        }
        Matcher local = master == null ? null : LOCAL.matcher(master.trim().toLowerCase(Locale.ROOT));
        if (local != null && local.matches()) {
            String n = local.group(1);
            return n == null ? 1 : n.equals("*") ? Math.max(1, machineCores) : Math.max(1, Integer.parseInt(n));
        }
        return positive(taskCpus).orElse(1);
    }

    private static OptionalInt positive(String value) {
        if (value == null) {
            return OptionalInt.empty();
        }
        try {
            int n = Integer.parseInt(value.trim());
            return n > 0 ? OptionalInt.of(n) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
