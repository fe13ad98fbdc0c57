package io.cc4j.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The production classes of cc4j-inference and cc4j-train, imported once for all the architecture rules of this
 * module; test classes are left out, also those the inference module's test jar brings.
 */
final class CoreClasses {
    private static JavaClasses imported;

    private CoreClasses() {
    }

    /** @return the classes of {@code io.cc4j} without the tests */
    static synchronized JavaClasses get() {
        if (imported == null) {
            imported = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .withImportOption(location -> !location.contains("-tests.jar"))
                    .importPackages("io.cc4j");
        }
        return imported;
    }
}
