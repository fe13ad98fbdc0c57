package io.cc4j.spark.cli;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * The Spark options every {@code cc4j spark} command shares, and the session they make. Without {@code --master}
 * and without a master from {@code spark-submit}, Spark runs in local mode on all cores.
 */
final class SparkRuntime {
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\s*\\d+)?])?");

    @Option(names = "--master", paramLabel = "URL", description = "Spark master: local[N] (N cores in this JVM),"
            + " local[*], spark://HOST:PORT, yarn, ... Default: spark-submit's, else local[*].")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting (repeatable).")
    Map<String, String> conf;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N", description = "libtorch threads and image"
            + " workers per executor (0: N of local[N]; on a cluster, each executor's own default).")
    int threads;

    /** A session, and whether this command started it (and so stops it). */
    record Session(SparkSession spark, boolean owned, double startSeconds) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) {
                spark.stop();
            }
        }
    }

    Session open(String appName) {
        long start = System.nanoTime();
        boolean existing = SparkSession.getActiveSession().isDefined() || SparkSession.getDefaultSession().isDefined();
        String m = effectiveMaster();
        SparkSession.Builder b = SparkSession.builder().appName(appName);
        if (m != null) {
            b.master(m);
        }
        if (m != null && LOCAL.matcher(m).matches()) {
            // One JVM on this machine: no web UI to serve, no network interface to guess.
            b.config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1");
        }
        if (conf != null) {
            conf.forEach(b::config);
        }
        return new Session(b.getOrCreate(), !existing, (System.nanoTime() - start) / 1e9);
    }

    /** @return --master, else spark-submit's (null: leave it to Spark), else local[*] */
    String effectiveMaster() {
        if (master != null) {
            return master;
        }
        return new SparkConf().contains("spark.master") ? null : "local[*]";
    }

    /** @return libtorch threads and workers per executor: --threads, else N of a local master, else 0 */
    int threadsPerExecutor() {
        if (threads > 0) {
            return threads;
        }
        String m = effectiveMaster();
        Matcher local = m == null ? null : LOCAL.matcher(m.toLowerCase(Locale.ROOT));
        if (local == null || !local.matches()) {
            return 0;
        }
        String n = local.group(1);
        return n == null ? 1 : n.equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(n);
    }
}
