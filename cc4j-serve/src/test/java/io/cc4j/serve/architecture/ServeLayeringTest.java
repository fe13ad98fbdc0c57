package io.cc4j.serve.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * cc4j-serve is a thin layer over the library's inference (README, "Layout"): a server ships without the training
 * code, and knows nothing of the command line or of Spark.
 */
class ServeLayeringTest {
    private static JavaClasses serve;

    @BeforeAll
    static void importServe() {
        serve = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.cc4j.serve");
    }

    @Test
    void theServerUsesInferenceNotTraining() {
        noClasses().that().resideInAPackage("io.cc4j.serve..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cc4j.train..", "io.cc4j.loss..",
                        "io.cc4j.augment..", "io.cc4j.pipeline..", "io.cc4j.cluster..", "io.cc4j.report..",
                        "io.cc4j.bench..")
                .because("a served model needs the inference classes only")
                .check(serve);
    }

    @Test
    void theServerKnowsNothingAboveIt() {
        noClasses().that().resideInAPackage("io.cc4j.serve..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cc4j.cli..", "io.cc4j.spark..", "picocli..")
                .because("the command line and Spark are layers beside or above the server")
                .check(serve);
    }

    @Test
    void theBenchmarkIsNotPartOfTheServer() {
        noClasses().that().resideInAPackage("io.cc4j.serve").should().dependOnClassesThat()
                .resideInAPackage("io.cc4j.serve.bench..")
                .because("the load generator drives the server from outside")
                .check(serve);
    }
}
