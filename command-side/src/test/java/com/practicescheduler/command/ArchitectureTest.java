package com.practicescheduler.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // the command side, plus shared-api and platform from the test class path
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.practicescheduler");
    }

    @Test
    void commandSideDoesNotDependOnQuerySide() {
        noClasses().that().resideInAPackage("com.practicescheduler.command..")
                .should().dependOnClassesThat().resideInAPackage("com.practicescheduler.query..")
                .because("the sides share only the contract in shared-api")
                .check(classes);
    }

    @Test
    void sharedApiDependsOnNeitherSpringNorPersistence() {
        noClasses().that().resideInAPackage("com.practicescheduler.api..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..")
                .because("the contract holds plain records that every side can deserialize")
                .check(classes);
    }

    @Test
    void sharedApiDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("com.practicescheduler.api..")
                .should().dependOnClassesThat().resideInAnyPackage("com.practicescheduler.command..",
                        "com.practicescheduler.query..", "com.practicescheduler.platform..")
                .because("every other module depends on the contract, not the other way round")
                .check(classes);
    }

    @Test
    void aggregatesDoNotDependOnTheWebLayer() {
        noClasses().that().areAnnotatedWith(Aggregate.class)
                .should().dependOnClassesThat().resideInAPackage("org.springframework.web..")
                .because("aggregates own the rules; controllers turn requests into commands")
                .check(classes);
    }
}
