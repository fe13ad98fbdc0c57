package io.cc4j.spark.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * cc4j-spark is a thin layer over the library's inference and k-means features (README, "Layout"): what executors
 * run needs no training code, and the Spark ML classes know nothing of the jobs and command line built on them.
 */
class SparkLayeringTest {
    private static JavaClasses spark;

    @BeforeAll
    static void importSpark() {
        spark = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.cc4j.spark");
    }

    @Test
    void executorsUseInferenceNotTraining() {
        noClasses().that().resideInAPackage("io.cc4j.spark..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cc4j.train..", "io.cc4j.loss..",
                        "io.cc4j.augment..", "io.cc4j.cluster..", "io.cc4j.report..", "io.cc4j.bench..",
                        "io.cc4j.pipeline..", "io.cc4j.serve..")
                .because("executors need the inference classes only")
                .check(spark);
    }

    @Test
    void theTransformerKnowsNothingOfTheJobsAndCommandLineAboveIt() {
        noClasses().that().resideInAnyPackage("io.cc4j.spark", "io.cc4j.spark.data..", "io.cc4j.spark.kmeans..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cc4j.spark.job..", "io.cc4j.spark.cli..",
                        "picocli..", "io.cc4j.cli..")
                .because("the jobs and the command line are thin layers over the Spark ML classes")
                .check(spark);
        noClasses().that().resideInAPackage("io.cc4j.spark.job..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cc4j.spark.cli..", "picocli..")
                .because("a job is usable from a program, without the command line")
                .check(spark);
    }
}
