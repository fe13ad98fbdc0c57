package io.cc4j.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.internal.NDArrayEx;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import org.junit.jupiter.api.Test;

/**
 * Code that builds a training graph keeps no array whose memory libtorch borrows from Java: DJL's {@code Number}
 * overloads and {@code NDManager.create} make such arrays, and autograd may read them after a garbage collection
 * freed them (issue 8; {@code io.cc4j.engine.GraphConstants} makes the safe kind).
 */
class GraphMemoryRuleTest {
    @Test
    void graphCodeUsesNoNumberOverloads() {
        noClasses().that().resideInAnyPackage("io.cc4j.loss..", "io.cc4j.model", "io.cc4j.train..")
                // Adam's update runs after backward, with no graph recorded
                .and().doNotHaveFullyQualifiedName("io.cc4j.train.AdamSlot")
                .and().doNotHaveFullyQualifiedName("io.cc4j.train.AdamOptimizer")
                .should().callMethodWhere(numberOverloadOfNdArray())
                .because("the 0-d array DJL makes for the number borrows Java memory that autograd may keep")
                .check(CoreClasses.get());
    }

    @Test
    void lossesCreateNoArraysFromJavaMemory() {
        noClasses().that().resideInAPackage("io.cc4j.loss..")
                .should().callMethodWhere(createOnNdManager())
                .because("a loss's constants end up in the graph; GraphConstants copies them into libtorch's memory")
                .check(CoreClasses.get());
    }

    private static DescribedPredicate<JavaMethodCall> numberOverloadOfNdArray() {
        return DescribedPredicate.describe("an NDArray, NDArrays or NDArrayEx method taking a Number", call ->
                (call.getTarget().getOwner().isAssignableTo(NDArray.class)
                        || call.getTarget().getOwner().isAssignableTo(NDArrays.class)
                        || call.getTarget().getOwner().isAssignableTo(NDArrayEx.class))
                        && call.getTarget().getRawParameterTypes().stream()
                                .anyMatch(t -> t.isAssignableTo(Number.class)));
    }

    private static DescribedPredicate<JavaMethodCall> createOnNdManager() {
        return DescribedPredicate.describe("NDManager.create", call ->
                call.getTarget().getOwner().isAssignableTo(NDManager.class)
                        && call.getTarget().getName().equals("create"));
    }
}
