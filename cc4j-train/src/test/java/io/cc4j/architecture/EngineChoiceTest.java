package io.cc4j.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

/** Every array comes from the PyTorch engine, named explicitly: never from whatever DJL's default engine is. */
class EngineChoiceTest {
    @Test
    void noCodeAsksDjlForItsDefaultEngine() {
        noClasses().should().callMethod(ai.djl.ndarray.NDManager.class, "newBaseManager")
                .orShould().callMethod(ai.djl.ndarray.NDManager.class, "newBaseManager", ai.djl.Device.class)
                .orShould().callMethod(ai.djl.engine.Engine.class, "getInstance")
                .orShould().callMethod(ai.djl.Model.class, "newInstance", String.class)
                .orShould().callMethod(ai.djl.Model.class, "newInstance", String.class, ai.djl.Device.class)
                .because("a host program may have made another engine DJL's default; cc4j asks EngineSupport")
                .check(CoreClasses.get());
    }
}
