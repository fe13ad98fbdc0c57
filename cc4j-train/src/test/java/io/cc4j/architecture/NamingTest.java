package io.cc4j.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

/** Names in the library's main code say what a thing does; none reads as a test. */
class NamingTest {
    @Test
    void noMainCodeTypeIsNamedLikeATest() {
        noClasses().should().haveSimpleNameEndingWith("Test").orShould().haveSimpleNameEndingWith("Tests")
                .because("a name ending in Test reads as a test class; main code names what it checks instead,"
                        + " as ConvolutionCheck does")
                .check(CoreClasses.get());
    }
}
