package io.cc4j.spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cc4j.data.ImageDataset;
import io.cc4j.inference.Assignments;
import io.cc4j.inference.ClusterPredictor;
import io.cc4j.spark.SparkTestSupport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code cc4j spark assign} and {@code kmeans} end to end in local mode, in the test's Spark session. */
class SparkCommandTest {
    static final int N = 300;
    static SparkSession spark;
    static String model;
    static String data;
    static Assignments reference;

    @BeforeAll
    static void setUp() {
        spark = SparkTestSupport.spark();
        model = SparkTestSupport.tinyModel().toString();
        data = "fashion-mnist-test";
        try (ImageDataset d = SparkTestSupport.fashionTest();
                ClusterPredictor p = ClusterPredictor.load(SparkTestSupport.tinyModel())) {
            reference = p.predict(d, IntStream.range(0, N).toArray(), true, null, null);
        }
    }

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = SparkCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void theHelpListsEachCommandWithAWholeSentenceAndNoHandWrappedDescription() {
        assertThat(io.cc4j.cli.common.HelpTexts.cutSummaries(SparkCommand.commandLine())).isEmpty();
        assertThat(io.cc4j.cli.common.HelpTexts.wrappedParagraphs(SparkCommand.commandLine())).isEmpty();
    }

    static String fresh(String name) {
        return SparkTestSupport.scratch().resolve("cli-" + name).toString();
    }

    @Test
    void assignWritesEveryImagesClusterAndKMeansClustersTheWrittenFeatures() {
        String out = fresh("assign-parquet");
        Run r = run("assign", "--master", "local[2]", "--model", model, "--data", data, "--limit", "" + N,
                "--probabilities", "--features", "--evaluate", "--out", out);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains(N + " rows, 0 errors").contains("NMI ");
        List<Row> rows = spark.read().parquet(out).orderBy("index").collectAsList();
        assertThat(rows).hasSize(N);
        assertThat(rows.get(0).schema().fieldNames()).containsExactly("index", "id", "label", "cluster", "confidence",
                "error", "probabilities", "features");
        assertThat(rows.stream().mapToInt(x -> x.<Integer>getAs("cluster")).toArray()).containsExactly(
                Arrays.copyOf(reference.clusters(), N));

        String km = fresh("kmeans");
        Run k = run("kmeans", "--master", "local[2]", "--input", out, "--k", "10", "--sweep", "5,10",
                "--restarts", "1", "--max-iter", "10", "--out", km);
        assertThat(k.exit()).as(k.err()).isZero();
        assertThat(k.out()).containsPattern("(?m)^10 .*<- written$").containsPattern("(?m)^5 ").contains("K = 10: NMI");
        List<Row> clusters = spark.read().parquet(km).collectAsList();
        assertThat(clusters).hasSize(N);
        assertThat(clusters).allSatisfy(c -> assertThat(c.<Integer>getAs("cluster")).isBetween(0, 9));
    }

    @Test
    void aClassFilteredSpecKeepsOnlyThoseClasses() {
        String out = fresh("assign-classes");
        Run r = run("assign", "--model", model, "--data", data + "@classes=5-9", "--limit", "40", "--format", "csv",
                "--out", out);
        assertThat(r.exit()).as(r.err()).isZero();
        List<Row> rows = spark.read().option("header", "true").csv(out).collectAsList();
        assertThat(rows).hasSize(40);
        assertThat(rows).allSatisfy(row -> assertThat(Integer.parseInt(row.getAs("label"))).isBetween(5, 9));
    }

    @Test
    void csvSpreadsTheProbabilitiesOverNumberedColumns() throws Exception {
        String out = fresh("assign-csv");
        Run r = run("assign", "--model", model, "--data", data, "--limit", "50", "--probabilities", "--format",
                "csv", "--out", out);
        assertThat(r.exit()).as(r.err()).isZero();
        List<Row> rows = spark.read().option("header", "true").csv(out).orderBy("index").collectAsList();
        assertThat(rows).hasSize(50);
        assertThat(rows.get(0).schema().fieldNames()).containsExactly("index", "id", "label", "cluster",
                "confidence", "error", "p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9");
        Row first = rows.stream().filter(x -> x.<String>getAs("index").equals("0")).findFirst().orElseThrow();
        assertThat(Float.parseFloat(first.getAs("p3"))).isCloseTo(reference.probabilities()[3],
                org.assertj.core.data.Offset.offset(1e-5f));
    }

    @Test
    void aMissingModelOrAnExistingOutputIsBadInput() throws Exception {
        Run missing = run("assign", "--model", fresh("no-such-run"), "--data", data, "--out", fresh("unused"));
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("cc4j spark: error:").contains("no-such-run");
        Path exists = Files.createDirectories(Path.of(fresh("exists")));
        Files.writeString(exists.resolve("keep.txt"), "mine");
        Run clash = run("assign", "--model", model, "--data", data, "--limit", "10", "--out", exists.toString());
        assertThat(clash.exit()).as(clash.out() + clash.err()).isEqualTo(2);
        assertThat(exists.resolve("keep.txt")).hasContent("mine");
        Run neither = run("kmeans", "--k", "3");
        assertThat(neither.exit()).isEqualTo(2);
        assertThat(neither.err()).contains("--input");
    }

    @Test
    void overwriteNeverDeletesTheModelOrTheData() throws java.io.IOException {
        Path copy = SparkTestSupport.scratch().resolve("cli-protected");
        Path run = copy.resolve("run");
        Files.createDirectories(run.getParent());
        Path from = SparkTestSupport.tinyModel();
        try (java.util.stream.Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, run.resolve(from.relativize(f).toString()));
            }
        }
        Run r = run("assign", "--master", "local[2]", "--model", run.toString(), "--data", data, "--limit", "10",
                "--out", copy.toString(), "--overwrite");
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("--overwrite would delete " + run);
        assertThat(run.resolve("config.json")).exists();
        Run same = run("assign", "--master", "local[2]", "--model", run.toString(), "--data", data, "--limit", "10",
                "--out", run.toString(), "--overwrite");
        assertThat(same.exit()).as(same.err()).isEqualTo(2);
        assertThat(run.resolve("checkpoints")).isDirectory();
    }

    @Test
    void tasksFollowTheImagesNotTheExecutors() throws java.io.IOException {
        Run spec = run("assign", "--master", "local[2]", "--model", model, "--data", data, "--limit", "250",
                "--images-per-task", "100", "--format", "csv", "--out", fresh("tasks-spec"));
        assertThat(spec.exit()).as(spec.err()).isZero();
        assertThat(spec.out()).contains("250 images of").contains(" in 3 tasks");
        Path folder = Files.createDirectories(SparkTestSupport.scratch().resolve("cli-png-folder"));
        try (ImageDataset d = SparkTestSupport.fashionTest()) {
            for (int i = 0; i < 120; i++) {
                Files.write(folder.resolve(String.format("img-%03d.png", i)), io.cc4j.spark.TestImages.png(d.image(i)));
            }
        }
        Run files = run("assign", "--master", "local[2]", "--model", model, "--data", folder.toString(),
                "--images-per-task", "50", "--format", "csv", "--out", fresh("tasks-folder"));
        assertThat(files.exit()).as(files.err()).isZero();
        assertThat(files.out()).contains("120 image files under").contains(" in 3 tasks").contains("120 rows, 0 errors");
        Run forced = run("assign", "--master", "local[2]", "--model", model, "--data", data, "--limit", "250",
                "--partitions", "7", "--format", "csv", "--out", fresh("tasks-forced"));
        assertThat(forced.out()).contains(" in 7 tasks");
    }
}
