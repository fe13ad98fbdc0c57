package io.cc4j.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import org.junit.jupiter.api.Test;

/**
 * The package layering of cc4j-inference and cc4j-train together (README, "Layout"): dependencies point downward
 * only, so that each layer can be used, and shipped, without the ones above it.
 */
class LayeringTest {
    private static final String[] ABOVE_INFERENCE = {"Train", "Cluster", "Report", "Bench", "Pipeline"};

    @Test
    void dependenciesPointDownwardOnly() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Base").definedBy("io.cc4j", "io.cc4j.io..", "io.cc4j.engine..", "io.cc4j.metrics..",
                        "io.cc4j.option..")
                .layer("Data").definedBy("io.cc4j.data..")
                .layer("Transform").definedBy("io.cc4j.transform..")
                .layer("Augment").definedBy("io.cc4j.augment..")
                .layer("Model").definedBy("io.cc4j.model")
                .layer("Store").definedBy("io.cc4j.model.store..")
                .layer("Run").definedBy("io.cc4j.run..")
                .layer("Loss").definedBy("io.cc4j.loss..")
                .layer("Inference").definedBy("io.cc4j.inference..")
                .layer("Train").definedBy("io.cc4j.train..")
                .layer("Cluster").definedBy("io.cc4j.cluster..")
                .layer("Report").definedBy("io.cc4j.report..")
                .layer("Bench").definedBy("io.cc4j.bench..")
                .layer("Pipeline").definedBy("io.cc4j.pipeline..")
                .whereLayer("Pipeline").mayNotBeAccessedByAnyLayer()
                .whereLayer("Bench").mayOnlyBeAccessedByLayers("Pipeline")
                .whereLayer("Report").mayOnlyBeAccessedByLayers("Bench", "Pipeline")
                .whereLayer("Cluster").mayOnlyBeAccessedByLayers("Report", "Bench", "Pipeline")
                .whereLayer("Train").mayOnlyBeAccessedByLayers("Cluster", "Report", "Bench", "Pipeline")
                .whereLayer("Inference").mayOnlyBeAccessedByLayers(ABOVE_INFERENCE)
                .whereLayer("Loss").mayOnlyBeAccessedByLayers("Train", "Bench", "Pipeline")
                .whereLayer("Run").mayOnlyBeAccessedByLayers(with("Inference"))
                .whereLayer("Store").mayOnlyBeAccessedByLayers(with("Run", "Inference"))
                .whereLayer("Model").mayOnlyBeAccessedByLayers(with("Store", "Run", "Inference", "Loss"))
                .whereLayer("Augment").mayOnlyBeAccessedByLayers(ABOVE_INFERENCE)
                .whereLayer("Transform").mayOnlyBeAccessedByLayers(with("Augment", "Model", "Store", "Run",
                        "Inference"))
                .whereLayer("Data").mayOnlyBeAccessedByLayers(with("Transform", "Augment", "Model", "Store", "Run",
                        "Inference"))
                .check(CoreClasses.get());
    }

    /** The layers above inference plus {@code more}. */
    private static String[] with(String... more) {
        String[] all = java.util.Arrays.copyOf(more, more.length + ABOVE_INFERENCE.length);
        System.arraycopy(ABOVE_INFERENCE, 0, all, more.length, ABOVE_INFERENCE.length);
        return all;
    }

    @Test
    void inferenceShipsWithoutTheTrainingCode() {
        noClasses().that().resideInAnyPackage("io.cc4j", "io.cc4j.inference..", "io.cc4j.run..", "io.cc4j.model..",
                        "io.cc4j.transform..", "io.cc4j.data..", "io.cc4j.engine..", "io.cc4j.io..",
                        "io.cc4j.metrics..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cc4j.train..", "io.cc4j.loss..",
                        "io.cc4j.augment..", "io.cc4j.cluster..", "io.cc4j.report..", "io.cc4j.bench..",
                        "io.cc4j.pipeline..")
                .because("a model must be usable (and deployable) with the inference classes alone")
                .check(CoreClasses.get());
    }

    @Test
    void theLibraryHasNoCommandLineOrLoggingBinding() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("picocli..", "org.slf4j.simple..")
                .because("the command line and the logging binding belong to cc4j-cli")
                .check(CoreClasses.get());
    }
}
