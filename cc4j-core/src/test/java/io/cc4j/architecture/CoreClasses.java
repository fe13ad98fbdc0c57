package io.cc4j.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** cc4j-core's production classes, imported once for all the architecture rules of this module. */
final class CoreClasses {
    private static JavaClasses imported;

    private CoreClasses() {
    }

    /** @return the classes of {@code io.cc4j} without the tests */
    static synchronized JavaClasses get() {
        if (imported == null) {
            imported = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("io.cc4j");
        }
        return imported;
    }
}
