package io.cc4j.spark.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The Spark settings {@code cc4j spark} adds when its driver works with a cluster (any master but
 * {@code local[...]}), so that {@code --master spark://...}, {@code yarn} or {@code k8s://...} works as it is:
 *
 * <ul>
 *   <li>{@code spark.jars}: the jar cc4j runs from ({@code cc4j-spark-all.jar}), which Spark then ships to every
 *       executor; appended to the user's {@code spark.jars} unless a cc4j jar is listed there, and left out when
 *       the user set it empty (the jar then reaches the executors another way, e.g.
 *       {@code spark.executor.extraClassPath}).</li>
 *   <li>{@code spark.driver.extraJavaOptions} and {@code spark.executor.extraJavaOptions}: the JVM options Spark
 *       needs on Java 17 ({@code spark-java17.options}, the launcher's), before the user's own. The driver's count
 *       in cluster deploy mode, where a worker starts the driver.</li>
 *   <li>{@code spark.executorEnv.DJL_OFFLINE=true} (the natives come in the jar; nothing is downloaded),
 *       {@code OMP_WAIT_POLICY=PASSIVE} and {@code TORCH_CPP_LOG_LEVEL=ERROR}, as the launcher sets for itself;
 *       unless set.</li>
 * </ul>
 */
final class ClusterSettings {
    static final String JARS = "spark.jars";
    static final String DRIVER_OPTIONS = "spark.driver.extraJavaOptions";
    static final String EXECUTOR_OPTIONS = "spark.executor.extraJavaOptions";
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\s*\\d+)?])?");
    private static final Map<String, String> EXECUTOR_ENV = Map.of("DJL_OFFLINE", "true", "OMP_WAIT_POLICY",
            "PASSIVE", "TORCH_CPP_LOG_LEVEL", "ERROR");

    private ClusterSettings() {
    }

    /**
     * A user who lists other jars (a file system connector, say) still needs cc4j's on the executors, so it is
     * appended unless a cc4j jar (a name starting with {@code cc4j}, or the running jar's name) is listed already; an empty value is the user's way to say none (cc4j then comes
     * from {@code spark.executor.extraClassPath}).
     *
     * @param given {@code spark.jars} as set before, or null
     * @param cc4jJar the jar cc4j runs from, or null
     * @return the value {@code spark.jars} should have, or null for none
     */
    static String withCc4jJar(String given, String cc4jJar) {
        if (given == null) {
            return cc4jJar;
        }
        if (given.isBlank() || cc4jJar == null) {
            return given;
        }
        String running = cc4jJar.substring(cc4jJar.lastIndexOf('/') + 1);
        boolean listed = Arrays.stream(given.split(",")).map(String::trim)
                .map(j -> j.substring(j.lastIndexOf('/') + 1))
                .anyMatch(name -> name.equals(running) || name.startsWith("cc4j") && name.endsWith(".jar"));
        return listed ? given : given + "," + cc4jJar;
    }

    /** @return whether the master runs everything in this JVM ({@code local}, {@code local[N]}, {@code local[*]}) */
    static boolean isLocal(String master) {
        return master != null && LOCAL.matcher(master.trim().toLowerCase(Locale.ROOT)).matches();
    }

    /**
     * @param given the settings already made (spark-defaults.conf, spark-submit's, {@code --conf})
     * @param cc4jJar the jar cc4j runs from, or null when it runs from class directories (development)
     * @param javaOptions the JVM options Spark needs on Java 17
     * @return the settings to add, or to replace with a merged value
     */
    static Map<String, String> forCluster(Map<String, String> given, String cc4jJar, List<String> javaOptions) {
        Map<String, String> add = new LinkedHashMap<>();
        String jars = withCc4jJar(given.get(JARS), cc4jJar);
        if (jars != null && !jars.equals(given.get(JARS))) {
            add.put(JARS, jars);
        }
        for (String key : List.of(DRIVER_OPTIONS, EXECUTOR_OPTIONS)) {
            String merged = mergeJavaOptions(javaOptions, given.get(key));
            if (!merged.equals(given.get(key))) {
                add.put(key, merged);
            }
        }
        EXECUTOR_ENV.keySet().stream().sorted().forEach(name -> {
            if (!given.containsKey("spark.executorEnv." + name)) {
                add.put("spark.executorEnv." + name, EXECUTOR_ENV.get(name));
            }
        });
        return add;
    }

    /**
     * @param options the options Spark needs
     * @param user the user's own value, or null
     * @return the options the user's value lacks, then the user's value (whose later options win)
     */
    static String mergeJavaOptions(List<String> options, String user) {
        List<String> tokens = user == null || user.isBlank() ? List.of() : Arrays.asList(user.trim().split("\\s+"));
        List<String> merged = new ArrayList<>();
        for (String o : options) {
            if (!tokens.contains(o)) {
                merged.add(o);
            }
        }
        if (!tokens.isEmpty()) {
            merged.add(user.trim());
        }
        return String.join(" ", merged);
    }

    /** @return the JVM options Spark needs on Java 17: the lines of {@code spark-java17.options} */
    static List<String> javaOptions() {
        try (InputStream in = ClusterSettings.class.getResourceAsStream("/io/cc4j/spark/spark-java17.options")) {
            if (in == null) {
                throw new IllegalStateException("spark-java17.options is missing from cc4j's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Spark's defaults file, which spark-submit reads and a driver started without it does not:
     * {@code $SPARK_CONF_DIR/spark-defaults.conf}, else {@code $SPARK_HOME/conf/spark-defaults.conf}.
     *
     * @param env the environment
     * @return its {@code spark.*} settings, empty when there is no such file
     */
    static Map<String, String> defaultsFile(Map<String, String> env) {
        Path dir = env.get("SPARK_CONF_DIR") != null ? Path.of(env.get("SPARK_CONF_DIR"))
                : env.get("SPARK_HOME") != null ? Path.of(env.get("SPARK_HOME"), "conf") : null;
        Map<String, String> settings = new LinkedHashMap<>();
        if (dir == null || !Files.isRegularFile(dir.resolve("spark-defaults.conf"))) {
            return settings;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve("spark-defaults.conf"), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        p.stringPropertyNames().stream().filter(k -> k.startsWith("spark.")).sorted()
                .forEach(k -> settings.put(k, p.getProperty(k).trim()));
        return settings;
    }

    /** @return the jar this JVM loaded cc4j's Spark classes from, or null when they come from a directory */
    static String cc4jJar() {
        CodeSource source = ClusterSettings.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            Path p = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(p) ? p.toString() : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
