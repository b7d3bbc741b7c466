package com.practicescheduler.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.practicescheduler.platform.testing.FeatureModules;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The command side's shape: its features, what it may depend on, and whose tables it reads. */
class ArchitectureTest {

    private static final FeatureModules FEATURES = FeatureModules.of("com.practicescheduler.command", "app", "common");
    private static final Path QUERY_MIGRATIONS = Path.of("../query-side/src/main/resources/db/migration/query");
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = FeatureModules.productionClasses();
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

    @Test
    void featuresUseEachOtherOnlyThroughPorts() {
        FEATURES.featuresUseEachOtherOnlyThroughPorts().check(classes);
    }

    @Test
    void featuresFormNoCycle() {
        FEATURES.featuresFormNoCycle().check(classes);
    }

    @Test
    void theCommandSideNeverReadsTheQuerySidesTables() {
        Set<String> queryTables = FeatureModules.tablesCreatedIn(List.of(QUERY_MIGRATIONS));
        assertThat(queryTables).as("the query side's migrations were found").contains("appointment_view");

        Set<String> named = new TreeSet<>();
        FEATURES.tablesNamedByFeature(Path.of("src/main/java")).values().forEach(named::addAll);

        assertThat(named).as("tables the command side's SQL names").contains("matcher_entry")
                .doesNotContainAnyElementsOf(queryTables);
    }
}
