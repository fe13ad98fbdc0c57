package io.cc4j.spark.cli;

import io.cc4j.InvalidInputException;
import io.cc4j.data.DatasetSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --deploy-mode cluster}: the command submits itself with Spark's own {@code SparkSubmit}, run in a child
 * JVM on this command's class path, so that a worker (standalone), the application master (YARN) or a pod
 * (Kubernetes) runs the driver; this command waits for it and ends with its outcome. The driver is the same
 * program with the same arguments but {@code --deploy-mode}; it gets the Java 17 options in
 * {@code spark.driver.extraJavaOptions} (without them its JVM cannot start Spark) and cc4j's jar as the
 * application jar, which Spark hands to its executors.
 *
 * <p>The driver's own output (the summary line, its messages) stays where the cluster keeps a driver's output: the
 * worker's work directory ({@code driver-...}/stdout and stderr) on a standalone cluster, {@code yarn logs} on
 * YARN, the driver pod's log on Kubernetes. A standalone cluster reports whether the driver finished or failed,
 * not its exit code, so a failed driver ends this command with 1 whatever its cause.
 */
final class ClusterSubmission {
    private static final Pattern SUBMITTED = Pattern.compile("Driver successfully submitted as (\\S+)");
    private static final Pattern RUNNING_ON = Pattern.compile("Driver running on (\\S+) \\((\\S+)\\)");
    private static final Pattern STATE = Pattern.compile("State of (?:driver )?(\\S+) is (\\w+)");
    private static final Pattern LEVEL = Pattern.compile("^(?:\\S+ ){1,2}(WARN|ERROR) ");

    private ClusterSubmission() {
    }

    /**
     * @param runtime the command's Spark options
     * @param appName the application's name
     * @param args the command's arguments as typed, after {@code spark}
     * @param out where the command's output goes
     * @param err where its messages go
     * @return the exit code: 0 when the driver finished, 1 when it failed or could not be submitted
     */
    static int run(SparkRuntime runtime, String appName, List<String> args, PrintWriter out, PrintWriter err) {
        String jar = ClusterSettings.cc4jJar();
        if (jar == null) {
            throw new InvalidInputException("--deploy-mode cluster submits cc4j's jar, but cc4j runs from class"
                    + " directories here; build cc4j-spark-all.jar (mvn package) and run it");
        }
        SparkRuntime.requireClusterManager(runtime.effectiveMaster());
        List<String> relative = relativePaths(args);
        if (!relative.isEmpty()) {
            throw new InvalidInputException("--deploy-mode cluster runs the driver on a node of the cluster, in a"
                    + " directory of its own, where relative paths mean something else: give " + relative
                    + " as absolute paths (on storage every node reads) or URIs");
        }
        List<String> command = command(runtime, appName, args, jar);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Process child;
        try {
            child = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start SparkSubmit", e);
        }
        Thread stop = new Thread(child::destroy, "cc4j-stop-spark-submit");
        Runtime.getRuntime().addShutdownHook(stop);
        String driver = null;
        String worker = null;
        String state = null;
        List<String> lastLines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                Matcher m;
                if ((m = SUBMITTED.matcher(line)).find()) {
                    driver = m.group(1);
                    out.println("submitted the driver as " + driver + " (" + runtime.effectiveMaster() + ", cluster"
                            + " deploy mode); waiting for it");
                    out.flush();
                } else if ((m = RUNNING_ON.matcher(line)).find()) {
                    worker = m.group(1) + " (" + m.group(2) + ")";
                } else if ((m = STATE.matcher(line)).find() && m.group(1).startsWith("driver")) {
                    state = m.group(2);
                } else if (LEVEL.matcher(line).find() || line.startsWith("Exception") || line.startsWith("Error")) {
                    err.println(line);
                    err.flush();
                }
                lastLines.add(line);
                if (lastLines.size() > 20) {
                    lastLines.remove(0);
                }
            }
            int exit = child.waitFor();
            boolean finished = state == null ? exit == 0 : state.equals("FINISHED");
            if (finished) {
                out.println("the driver " + (driver == null ? "" : driver + " ") + "finished" + (worker == null ? ""
                        : " on " + worker) + "; its output is with the driver's log"
                        + (driver == null ? "" : " (standalone: the worker's work directory, " + driver + "/stdout)"));
                out.flush();
                return 0;
            }
            err.println("cc4j spark: error: the driver " + (driver == null ? "" : driver + " ")
                    + (state == null ? "was not submitted or failed (SparkSubmit exited with " + exit + ")"
                            : "ended " + state) + (worker == null ? "" : " on " + worker) + "; its messages are in"
                    + " the driver's log" + (driver == null ? "" : " (standalone: the worker's work directory, "
                            + driver + "/stderr)"));
            if (state == null) {
                lastLines.forEach(err::println);
            }
            err.flush();
            return 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroy();
            return 1;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException e) {
                // shutting down: the hook stops SparkSubmit
            }
        }
    }

    /** The SparkSubmit command line. */
    static List<String> command(SparkRuntime runtime, String appName, List<String> args, String jar) {
        Map<String, String> conf = new LinkedHashMap<>(runtime.conf == null ? Map.of() : runtime.conf);
        conf.putAll(ClusterSettings.forCluster(runtime.given(), jar, ClusterSettings.javaOptions()));
        conf.remove(ClusterSettings.JARS); // the application jar goes to the executors anyway
        conf.putIfAbsent("spark.standalone.submit.waitAppCompletion", "true");
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.addAll(ClusterSettings.javaOptions());
        c.add("-Xmx512m");
        java.net.URL logging = ClusterSubmission.class.getResource(QuietLogging.RESOURCE);
        if (logging != null) {
            // Quiet, but for the client's reports of the driver's state, which this command reads.
            c.add("-Dlog4j2.configurationFile=" + logging);
            c.add("-Dcc4j.submit.log.level=info");
        }
        c.add("-cp");
        c.add(System.getProperty("java.class.path"));
        c.add("org.apache.spark.deploy.SparkSubmit");
        c.add("--master");
        c.add(runtime.effectiveMaster());
        c.add("--deploy-mode");
        c.add("cluster");
        c.add("--class");
        c.add(SparkCommand.class.getName());
        c.add("--name");
        c.add(appName);
        conf.forEach((k, v) -> {
            c.add("--conf");
            c.add(k + "=" + v);
        });
        c.add(jar);
        c.addAll(withoutDeployMode(args));
        return c;
    }

    /**
     * @param args the command's arguments as typed
     * @return the values of the path options ({@code --model}, {@code --out}, {@code --input}, and the files and
     *     folders a {@code --data} spec names) that are relative local paths
     */
    static List<String> relativePaths(List<String> args) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name;
            String value;
            if (a.startsWith("--") && a.contains("=")) {
                name = a.substring(0, a.indexOf('='));
                value = a.substring(a.indexOf('=') + 1);
            } else if (a.length() > 2 && a.charAt(0) == '-' && a.charAt(1) != '-') {
                name = a.substring(0, 2); // picocli's attached short form, -mRUN
                value = a.substring(2);
            } else {
                name = a;
                value = i + 1 < args.size() ? args.get(i + 1) : null;
            }
            if (value == null || value.isBlank() || value.contains("://")) {
                continue;
            }
            switch (name) {
                case "-m", "--model", "-o", "--out", "--input" -> {
                    if (!Path.of(value).isAbsolute()) {
                        found.add(value);
                    }
                }
                case "-d", "--data" -> {
                    if (specPaths(value).stream().anyMatch(p -> !p.isAbsolute() && Files.exists(p))) {
                        found.add(value);
                    }
                }
                default -> { }
            }
        }
        return found;
    }

    /** @return the files and folders a {@code --data} value names: a spec's arguments, or the value as a folder */
    private static List<Path> specPaths(String data) {
        int filter = data.lastIndexOf(DatasetSpec.CLASSES);
        String spec = filter < 0 ? data : data.substring(0, filter);
        int colon = spec.indexOf(':');
        boolean kind = colon > 0 && DatasetSpec.knownKinds().containsKey(spec.substring(0, colon).toLowerCase(Locale.ROOT));
        if (!kind) {
            // A dataset name (fashion-mnist) names no path; anything else is a folder.
            return DatasetSpec.knownKinds().containsKey(spec.toLowerCase(Locale.ROOT)) ? List.of()
                    : List.of(Path.of(spec));
        }
        List<Path> paths = new ArrayList<>();
        for (String part : spec.substring(colon + 1).split(",")) {
            if (!part.isBlank()) {
                paths.add(Path.of(part.strip()));
            }
        }
        return paths;
    }

    /** @return the arguments without {@code --deploy-mode MODE} (the driver runs in client mode where it is) */
    static List<String> withoutDeployMode(List<String> args) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--deploy-mode")) {
                i++;
            } else if (!a.startsWith("--deploy-mode=")) {
                kept.add(a);
            }
        }
        return kept;
    }
}
