package io.cc4j.spark.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.cc4j.data.ImageDataset;
import io.cc4j.inference.Assignments;
import io.cc4j.inference.ClusterPredictor;
import io.cc4j.spark.SparkTestSupport;
import io.cc4j.spark.TestImages;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code cc4j spark assign} on a real Spark cluster, as a user runs it: a standalone master and two workers of one
 * core each on loopback (separate JVMs, Spark's jars from the Maven build), the CLI started through the launcher
 * {@code ./cc4j spark} with {@code --master spark://...} and nothing else about the cluster, on a folder of PNG files
 * and on an IDX file. Every row must equal what {@link ClusterPredictor} (the code behind {@code cc4j cluster})
 * gives for the same image. Also: an executor killed with {@code kill -9} in the middle of a job (Spark retries its
 * tasks; the output is complete and equal again), executors without cc4j's jar (a message naming spark.jars, exit 2,
 * no output directory), and cluster deploy mode (the driver on a worker).
 *
 * <p>Runs after {@code package} (it needs {@code cc4j-spark-all.jar}), in the {@code integration-test} phase:
 * {@code mvn verify -pl cc4j-spark -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false}, as scripts/test.sh
 * does. Small on purpose: 1,200 28x28 images and a tiny model, so that the time goes to the JVMs and Spark.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {
    static final int N = 1_200;
    static final Path JAR = Path.of("target/cc4j-spark-all.jar").toAbsolutePath();
    static final Path SPARK_LIB = Path.of("target/spark-lib").toAbsolutePath();
    static final Path LAUNCHER = Path.of("../cc4j").toAbsolutePath().normalize();
    static final String LEAN_JVM = StandaloneCluster.LEAN_JVM;
    static final Pattern FILE_INDEX = Pattern.compile("img-(\\d+)\\.png$");

    static StandaloneCluster cluster;
    static Path dir;
    static String model;
    static Path folder;
    static String idx;
    static Assignments reference;

    @BeforeAll
    static void startClusterAndWriteData() throws IOException {
        assertThat(JAR).as("run after package: mvn verify -pl cc4j-spark -am").exists();
        assertThat(SPARK_LIB).isDirectory();
        assertThat(LAUNCHER).exists();
        model = SparkTestSupport.tinyModel().toString();
        dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "standalone-cluster-");
        folder = Files.createDirectories(dir.resolve("png"));
        try (ImageDataset d = SparkTestSupport.fashionTest();
                ClusterPredictor p = ClusterPredictor.load(SparkTestSupport.tinyModel())) {
            int[] indices = IntStream.range(0, N).toArray();
            reference = p.predict(d, indices, false, null, null);
            for (int i = 0; i < N; i++) {
                Files.write(folder.resolve(String.format("img-%05d.png", i)), TestImages.png(d.image(i)));
            }
            idx = writeIdx(d, dir.resolve("idx"));
        }
        long start = System.nanoTime();
        cluster = StandaloneCluster.start(dir.resolve("cluster"), SPARK_LIB, 2, "2g");
        System.out.printf("standalone cluster %s up in %.1f s (load %s)%n", cluster.masterUrl(),
                (System.nanoTime() - start) / 1e9, load());
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
            assertThat(cluster.alive()).as("JVMs left running").isEmpty();
        }
    }

    /** The CLI's run: its exit code and everything it printed. */
    record Run(int exit, String output, double seconds) {
    }

    static Run assign(String name, String... args) throws IOException {
        return finish(start(name, args), name);
    }

    static Process start(String name, String... args) throws IOException {
        // The user's own executor options, which cc4j's Java 17 options must join, not replace; both are cheap on
        // CPU (the C1 compiler only, the serial collector), since the JVMs share two cores with Maven.
        List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString(), "spark", "assign", "--master",
                cluster.masterUrl(), "--conf", "spark.executor.extraJavaOptions=" + LEAN_JVM));
        command.addAll(List.of(args));
        Map<String, String> env = new HashMap<>();
        env.put("CC4J_NO_BUILD", "1");
        env.put("CC4J_JAVA_OPTS", "-Xmx1g " + LEAN_JVM);
        return cluster.run(command, dir.resolve(name + ".log"), env);
    }

    static Run finish(Process p, String name) throws IOException {
        java.time.Instant start = p.info().startInstant().orElse(java.time.Instant.now());
        try {
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError(name + " did not end within 5 minutes:\n" + Files.readString(log(name)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        Run r = new Run(p.exitValue(), Files.readString(log(name)),
                java.time.Duration.between(start, java.time.Instant.now()).toMillis() / 1e3);
        System.out.printf("%s: exit %d after %.1f s (load %s)%n", name, r.exit(), r.seconds(), load());
        cluster.deleteFinishedWork();
        return r;
    }

    /** @return the 1-minute load average, for the timings printed */
    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    static Path log(String name) {
        return dir.resolve(name + ".log");
    }

    @Test
    @Order(1)
    void aFolderOfImagesGivesEveryImageTheClusterOfCc4jCluster() throws IOException {
        Path out = dir.resolve("out-folder");
        Run r = assign("folder", "--model", model, "--data", folder.toString(), "--images-per-task", "400",
                "--format", "csv", "--out", out.toString());
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains(N + " image files under").contains(" in 3 tasks")
                .contains(N + " rows, 0 errors").doesNotContain(" INFO Executor").doesNotContain(" INFO DAGScheduler");
        assertEqualToReference(readCsv(out), "path");
    }

    @Test
    @Order(2)
    void anIdxFileGivesEveryImageTheClusterOfCc4jCluster() throws IOException {
        Path out = dir.resolve("out-idx");
        Run r = assign("idx", "--model", model, "--data", idx, "--format", "csv", "--evaluate", "--out",
                out.toString());
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains(N + " images of").contains(" in 2 tasks").contains(N + " rows, 0 errors")
                .contains("NMI ");
        assertEqualToReference(readCsv(out), "index");
    }

    @Test
    @Order(3)
    void anExecutorKilledMidJobCostsARetryNotARow() throws IOException {
        Path out = dir.resolve("out-killed");
        int before = cluster.executorLogs().size();
        Process cli = start("killed", "--model", model, "--data", idx, "--images-per-task", "50", "--batch-size",
                "25", "--format", "csv", "--out", out.toString());
        // The victim: the first executor of this application to finish a task. Killed at once, with 20 or so of
        // the 24 tasks still to run; the job cannot have ended (its output is renamed into place at the end).
        Path victimLog = null;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (victimLog == null && System.nanoTime() < deadline && cli.isAlive()) {
            for (Path log : cluster.executorLogs().subList(Math.min(before, cluster.executorLogs().size()),
                    cluster.executorLogs().size())) {
                if (Files.readString(log).contains("Finished task")) {
                    victimLog = log;
                }
            }
            StandaloneCluster.sleep(20);
        }
        assertThat(victimLog).as("an executor finished a task:\n" + Files.readString(log("killed"))).isNotNull();
        String victimId = victimLog.getParent().getFileName().toString();
        String victimApp = victimLog.getParent().getParent().getFileName().toString();
        ProcessHandle victim = cluster.executors().stream().filter(e -> {
            String c = e.info().commandLine().orElse("");
            return c.contains("--executor-id " + victimId + " ") && c.contains(victimApp);
        }).findFirst().orElseThrow(() -> new AssertionError("no process of executor " + victimId));
        boolean midJob = !Files.exists(out);
        victim.destroyForcibly(); // SIGKILL
        assertThat(midJob).as("the job was still running when the executor was killed").isTrue();
        int finishedByVictim = count(Files.readString(victimLog), "Finished task");

        Run r = finish(cli, "killed");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains(N + " rows, 0 errors").containsPattern("(?i)lost executor|ExecutorLostFailure");
        System.out.printf("killed executor %s of %s after it had finished %d of 24 tasks%n", victimId, victimApp,
                finishedByVictim);
        assertEqualToReference(readCsv(out), "index");
    }

    @Test
    @Order(4)
    void executorsWithoutCc4jsJarAreToldWhatToSetAndLeaveNoOutput() throws IOException {
        Path out = dir.resolve("out-no-jar");
        Run r = assign("no-jar", "--model", model, "--data", idx, "--limit", "100", "--conf", "spark.jars=",
                "--format", "csv", "--out", out.toString());
        assertThat(r.exit()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("cc4j spark: error: the executors cannot load cc4j's classes")
                .contains("spark.jars").contains(JAR.toString()).doesNotContain("internal error");
        assertThat(out).doesNotExist();
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("out-no-jar"));
        }
    }

    @Test
    @Order(5)
    void inClusterDeployModeTheDriverRunsOnAWorkerWithTheJava17Options() throws IOException {
        Path out = dir.resolve("out-cluster-mode");
        // Without cc4j's Java 17 options joined to these, the driver's JVM could not start Spark.
        Run r = assign("cluster-mode", "--deploy-mode", "cluster", "--conf", "spark.driver.extraJavaOptions=" + LEAN_JVM,
                "--model", model, "--data", idx, "--format", "csv", "--out", out.toString());
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).containsPattern("submitted the driver as driver-\\S+")
                .containsPattern("the driver driver-\\S+ finished");
        assertEqualToReference(readCsv(out), "index");
    }

    static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    /** Every image exactly once, with the reference's cluster and confidence. */
    static void assertEqualToReference(List<Map<String, String>> rows, String key) {
        assertThat(rows).hasSize(N);
        boolean[] seen = new boolean[N];
        int differ = 0;
        for (Map<String, String> row : rows) {
            int i;
            if (key.equals("path")) {
                Matcher m = FILE_INDEX.matcher(row.get("path"));
                assertThat(m.find()).as(row.get("path")).isTrue();
                i = Integer.parseInt(m.group(1));
            } else {
                i = Integer.parseInt(row.get("index"));
            }
            assertThat(seen[i]).as("image %d twice", i).isFalse();
            seen[i] = true;
            assertThat(row.get("error")).as("error of image %d", i).isEmpty();
            if (Integer.parseInt(row.get("cluster")) != reference.clusters()[i]
                    || Math.abs(Float.parseFloat(row.get("confidence")) - reference.confidence()[i]) > 1e-6f) {
                differ++;
            }
        }
        assertThat(differ).as("rows that differ from ClusterPredictor's").isZero();
    }

    /** Spark's CSV part files (with a header each) as rows of column name to text; null is empty. */
    static List<Map<String, String>> readCsv(Path out) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Stream<Path> parts = Files.list(out)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList()) {
                List<String> lines = Files.readAllLines(part);
                if (lines.isEmpty()) {
                    continue;
                }
                String[] header = lines.get(0).split(",", -1);
                for (String line : lines.subList(1, lines.size())) {
                    String[] v = line.split(",", -1);
                    Map<String, String> row = new HashMap<>();
                    for (int c = 0; c < header.length; c++) {
                        row.put(header[c], v[c]);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** Writes the first {@link #N} images and labels as IDX files. @return the spec {@code idx:IMAGES,LABELS} */
    static String writeIdx(ImageDataset d, Path to) throws IOException {
        Files.createDirectories(to);
        Path images = to.resolve("images-idx3-ubyte");
        Path labels = to.resolve("labels-idx1-ubyte");
        try (DataOutputStream im = new DataOutputStream(buffered(images));
                DataOutputStream lb = new DataOutputStream(buffered(labels))) {
            im.writeInt(0x00000803);
            im.writeInt(N);
            im.writeInt(28);
            im.writeInt(28);
            lb.writeInt(0x00000801);
            lb.writeInt(N);
            for (int i = 0; i < N; i++) {
                im.write(d.image(i).pixels());
                lb.writeByte(d.label(i));
            }
        }
        return "idx:" + images + "," + labels;
    }

    private static OutputStream buffered(Path p) throws IOException {
        return new java.io.BufferedOutputStream(Files.newOutputStream(p));
    }
}
