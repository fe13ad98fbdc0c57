package io.cc4j.spark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import io.cc4j.spark.SparkTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the driver adds for a cluster: cc4j's jar for the executors, the Java 17 options, the executors' env. */
class ClusterSettingsTest {
    static final List<String> OPTIONS = ClusterSettings.javaOptions();

    @Test
    void theJavaOptionsAreSparksOwnForJava17() {
        assertThat(OPTIONS).containsExactlyElementsOf(Arrays.asList(JavaModuleOptions.defaultModuleOptions().split(" ")));
    }

    @Test
    void cc4jsJarJoinsSparkJarsUnlessListedOrEmptied() {
        Map<String, String> added = ClusterSettings.forCluster(Map.of(), "/opt/cc4j/cc4j-spark-all.jar", OPTIONS);
        assertThat(added).containsEntry("spark.jars", "/opt/cc4j/cc4j-spark-all.jar")
                .containsEntry("spark.executorEnv.DJL_OFFLINE", "true")
                .containsEntry("spark.executorEnv.OMP_WAIT_POLICY", "PASSIVE");
        assertThat(added.get("spark.driver.extraJavaOptions")).isEqualTo(String.join(" ", OPTIONS));
        assertThat(added.get("spark.executor.extraJavaOptions")).isEqualTo(String.join(" ", OPTIONS));
        assertThat(ClusterSettings.forCluster(Map.of("spark.jars", ""), "/a.jar", OPTIONS)).doesNotContainKey("spark.jars");
        assertThat(ClusterSettings.forCluster(Map.of("spark.jars", "hdfs:///lib/cc4j-spark-all.jar"), "/a.jar",
                OPTIONS)).doesNotContainKey("spark.jars");
        assertThat(ClusterSettings.forCluster(Map.of("spark.jars", "/opt/hadoop-aws.jar"), "/a/cc4j-spark-all.jar",
                OPTIONS)).containsEntry("spark.jars", "/opt/hadoop-aws.jar,/a/cc4j-spark-all.jar");
        assertThat(ClusterSettings.forCluster(Map.of(), null, OPTIONS)).doesNotContainKey("spark.jars");
        assertThat(ClusterSettings.forCluster(Map.of("spark.executorEnv.OMP_WAIT_POLICY", "ACTIVE"), null, OPTIONS))
                .doesNotContainKey("spark.executorEnv.OMP_WAIT_POLICY");
    }

    @Test
    void theUsersJavaOptionsAreKeptAfterTheMissingOnes() {
        String user = "-XX:+UseG1GC --add-opens=java.base/java.lang=ALL-UNNAMED -Dx=1";
        String merged = ClusterSettings.mergeJavaOptions(OPTIONS, user);
        assertThat(merged).endsWith(user);
        assertThat(merged.split("--add-opens=java.base/java.lang=ALL-UNNAMED", -1)).hasSize(2);
        for (String o : OPTIONS) {
            assertThat(merged).contains(o);
        }
        String all = String.join(" ", OPTIONS);
        assertThat(ClusterSettings.mergeJavaOptions(OPTIONS, all)).isEqualTo(all);
        assertThat(ClusterSettings.forCluster(Map.of("spark.driver.extraJavaOptions", all), null, OPTIONS))
                .doesNotContainKey("spark.driver.extraJavaOptions").containsKey("spark.executor.extraJavaOptions");
    }

    @Test
    void sparkDefaultsConfIsReadFromSparkConfDirElseSparkHome() throws IOException {
        Path home = Files.createDirectories(SparkTestSupport.scratch().resolve("spark-home/conf"));
        Files.writeString(home.resolve("spark-defaults.conf"), "# a comment\nspark.master   spark://h:7077\n"
                + "spark.executor.memory 4g\nother.key x\n");
        assertThat(ClusterSettings.defaultsFile(Map.of("SPARK_HOME", home.getParent().toString())))
                .containsExactly(Map.entry("spark.executor.memory", "4g"), Map.entry("spark.master", "spark://h:7077"));
        assertThat(ClusterSettings.defaultsFile(Map.of("SPARK_CONF_DIR", home.getParent().toString()))).isEmpty();
        assertThat(ClusterSettings.defaultsFile(Map.of())).isEmpty();
    }

    @Test
    void localMastersAreToldApart() {
        assertThat(List.of("local", "local[2]", "local[*]", "local[2,3]", "LOCAL[4]"))
                .allSatisfy(m -> assertThat(ClusterSettings.isLocal(m)).as(m).isTrue());
        assertThat(List.of("spark://h:7077", "yarn", "k8s://https://h:6443", "local-cluster[2,1,1024]"))
                .allSatisfy(m -> assertThat(ClusterSettings.isLocal(m)).as(m).isFalse());
    }

    @Test
    void yarnWithoutSparksYarnSupportSaysWhereToGetIt() {
        assertThatThrownBy(() -> SparkRuntime.requireClusterManager("yarn"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("YARN").hasMessageContaining("SPARK_HOME");
        assertThatThrownBy(() -> SparkRuntime.requireClusterManager("k8s://https://h:6443"))
                .hasMessageContaining("Kubernetes");
        SparkRuntime.requireClusterManager("spark://h:7077");
        SparkRuntime.requireClusterManager(null);
    }

    @Test
    void clusterDeployModeNamesRelativePathsBecauseTheDriverRunsElsewhere(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(Path.of("target", "relative-images"));
        assertThat(ClusterSubmission.relativePaths(List.of("assign", "--model", "runs/demo", "--data", "fashion-mnist",
                "--out=out", "--master", "spark://h:7077"))).containsExactly("runs/demo", "out");
        assertThat(ClusterSubmission.relativePaths(List.of("assign", "-m", "/runs/demo", "-d", folder.toString(),
                "-o", "hdfs:///out"))).containsExactly(folder.toString());
        assertThat(ClusterSubmission.relativePaths(List.of("kmeans", "--input", dir.toString(), "--out",
                "s3a://b/o"))).isEmpty();
        Path images = Files.createFile(dir.resolve("images.idx"));
        assertThat(ClusterSubmission.relativePaths(List.of("assign", "--data", "idx:" + images + "," + images)))
                .isEmpty();
        assertThat(ClusterSubmission.relativePaths(List.of("assign", "-mruns/demo", "--data", "fashion-mnist:",
                "--data=fashion-mnist@classes=5-9", "--out", "/o"))).containsExactly("runs/demo");
        assertThat(ClusterSubmission.relativePaths(List.of("assign", "--data", "folder:" + folder + "@classes=cat",
                "-d", "IDX:" + images + "," + folder))).containsExactly("folder:" + folder + "@classes=cat",
                        "IDX:" + images + "," + folder);
    }

    @Test
    void theSubmittedDriverGetsTheSameArgumentsButTheDeployMode() {
        assertThat(ClusterSubmission.withoutDeployMode(List.of("assign", "--deploy-mode", "cluster", "--master",
                "spark://h:7077", "--deploy-mode=cluster", "--out", "o"))).containsExactly("assign", "--master",
                        "spark://h:7077", "--out", "o");
        SparkRuntime r = new SparkRuntime();
        r.master = "spark://h:7077";
        r.conf = Map.of("spark.executor.memory", "3g");
        List<String> c = ClusterSubmission.command(r, "cc4j spark assign", List.of("assign", "--deploy-mode",
                "cluster", "--out", "/data/o"), "/opt/cc4j-spark-all.jar");
        String line = String.join(" ", c);
        assertThat(line).contains("org.apache.spark.deploy.SparkSubmit --master spark://h:7077 --deploy-mode cluster"
                + " --class io.cc4j.spark.cli.SparkCommand").contains("--conf spark.executor.memory=3g")
                .contains("--conf spark.driver.extraJavaOptions=" + String.join(" ", OPTIONS))
                .contains("--conf spark.standalone.submit.waitAppCompletion=true")
                .endsWith("/opt/cc4j-spark-all.jar assign --out /data/o").doesNotContain("spark.jars=");
    }
}
