package io.cc4j.spark.cli;

import io.cc4j.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;
import scala.Tuple2;

/**
 * The Spark options every {@code cc4j spark} command shares, and the session they make. Without {@code --master}
 * and without a master from {@code spark-submit} or spark-defaults.conf, Spark runs in local mode on all cores.
 * With a cluster master the driver adds what executors need to run cc4j ({@link ClusterSettings}); with
 * {@code --deploy-mode cluster} the command submits itself ({@link ClusterSubmission}).
 */
final class SparkRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(SparkRuntime.class);

    @Option(names = "--master", paramLabel = "URL", description = "Spark master: local[N] (N cores in this JVM),"
            + " local[*], spark://HOST:PORT, yarn, k8s://... Default: spark-submit's, else spark-defaults.conf's,"
            + " else local[*].")
    String master;

    @Option(names = "--deploy-mode", paramLabel = "MODE", description = "client (the driver runs here, the default)"
            + " or cluster (submitted to run on the cluster; this command waits for it).")
    String deployMode;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting (repeatable).")
    Map<String, String> conf;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N", description = "libtorch threads and image"
            + " workers per executor (0: the executor's cores: N of local[N], --cores of a cluster's executors or"
            + " spark.executor.cores, else spark.task.cpus).")
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

    /** @return whether this command is to submit itself in cluster deploy mode rather than run the driver here */
    boolean submitsItself() {
        if (launchedBySparkSubmit()) {
            return false; // the driver that was submitted, or spark-submit's own --deploy-mode
        }
        String mode = deployMode != null ? deployMode : given().get("spark.submit.deployMode");
        if (mode == null || mode.equalsIgnoreCase("client")) {
            return false;
        }
        if (!mode.equalsIgnoreCase("cluster")) {
            throw new InvalidInputException("--deploy-mode is client or cluster, got '" + mode + "'");
        }
        if (ClusterSettings.isLocal(effectiveMaster())) {
            throw new InvalidInputException("--deploy-mode cluster needs a cluster --master (spark://HOST:PORT, yarn,"
                    + " k8s://...), got " + effectiveMaster());
        }
        return true;
    }

    Session open(String appName) {
        long start = System.nanoTime();
        boolean existing = SparkSession.getActiveSession().isDefined() || SparkSession.getDefaultSession().isDefined();
        String m = effectiveMaster();
        requireClusterManager(m);
        SparkSession.Builder b = SparkSession.builder().appName(appName);
        if (master != null) {
            b.master(master);
        } else if (m != null && !launchedBySparkSubmit()) {
            b.master(m);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        if (!launchedBySparkSubmit()) {
            settings.putAll(ClusterSettings.defaultsFile(System.getenv()));
        }
        if (conf != null) {
            settings.putAll(conf);
        }
        if (ClusterSettings.isLocal(m)) {
            // One JVM on this machine: no web UI to serve, no network interface to guess.
            settings.putIfAbsent("spark.ui.enabled", "false");
            settings.putIfAbsent("spark.driver.host", "127.0.0.1");
            settings.putIfAbsent("spark.driver.bindAddress", "127.0.0.1");
        } else if (!existing) {
            Map<String, String> cluster = ClusterSettings.forCluster(given(), ClusterSettings.cc4jJar(),
                    ClusterSettings.javaOptions());
            settings.putAll(cluster);
            String jars = cluster.getOrDefault(ClusterSettings.JARS, given().get(ClusterSettings.JARS));
            if (jars == null) {
                LOG.warn("cc4j's classes are not in a jar here, and spark.jars is not set: the executors will not find"
                        + " them unless they are on spark.executor.extraClassPath");
            } else {
                LOG.info("executors get cc4j from spark.jars = {}", jars);
            }
        }
        settings.forEach(b::config);
        return new Session(b.getOrCreate(), !existing, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Spark's jars from the Maven build hold no YARN or Kubernetes support; without this check the user gets
     * Spark's "Could not parse Master URL" and no hint.
     */
    static void requireClusterManager(String master) {
        String m = master == null ? "" : master.toLowerCase(Locale.ROOT);
        String manager = m.startsWith("yarn") ? "org.apache.spark.scheduler.cluster.YarnClusterManager"
                : m.startsWith("k8s://") ? "org.apache.spark.scheduler.cluster.k8s.KubernetesClusterManager" : null;
        if (manager == null) {
            return;
        }
        try {
            Class.forName(manager, false, SparkRuntime.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new InvalidInputException("--master " + master + " needs Spark's " + (m.startsWith("yarn") ? "YARN"
                    : "Kubernetes") + " support, which is not on the class path: set SPARK_HOME to a Spark 3.5"
                    + " installation built with it (./cc4j spark then uses its jars), or submit cc4j-spark-all.jar"
                    + " with that installation's spark-submit");
        }
    }

    /** @return --master, else spark-submit's (null: leave it to Spark), else --conf's or spark-defaults.conf's, else local[*] */
    String effectiveMaster() {
        if (master != null) {
            return master;
        }
        if (launchedBySparkSubmit()) {
            return new SparkConf().get("spark.master");
        }
        return given().getOrDefault("spark.master", "local[*]");
    }

    /** @return the settings made before this command adds its own: spark-defaults.conf < spark-submit's < --conf */
    Map<String, String> given() {
        Map<String, String> given = new LinkedHashMap<>();
        if (!launchedBySparkSubmit()) {
            given.putAll(ClusterSettings.defaultsFile(System.getenv()));
        }
        for (Tuple2<String, String> t : new SparkConf().getAll()) {
            given.put(t._1(), t._2());
        }
        if (conf != null) {
            given.putAll(conf);
        }
        return given;
    }

    /** @return whether spark-submit started this JVM (it passes its settings, the master among them, as properties) */
    static boolean launchedBySparkSubmit() {
        return System.getProperty("spark.master") != null;
    }

    /** @return libtorch threads and image workers per executor: --threads, else 0 (the executor's cores) */
    int threadsPerExecutor() {
        if (threads < 0) {
            throw new InvalidInputException("--threads must be 0 (the executor's cores) or a positive count, got "
                    + threads);
        }
        return threads;
    }
}
