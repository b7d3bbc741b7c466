package com.practicescheduler.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.practicescheduler.platform.testing.FeatureModules;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The query side's shape: its features, what it may depend on, and which feature owns each table. */
class ArchitectureTest {

    private static final FeatureModules FEATURES =
            FeatureModules.of("com.practicescheduler.query", "app", "readmodel");
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration/query");
    /**
     * Tables a feature reads although another owns them, each for a reason. Everything else a feature's SQL names
     * is its own.
     */
    private static final Map<String, Set<String>> DECLARED_READS = Map.of(
            // the calendar shows each appointment's patient name, joined in the same query
            "appointment", Set.of("patient_view"),
            // a clinician may read a patient only with an appointment between them
            "patient", Set.of("appointment_view"),
            // a cancellation message goes to the cancelled appointment's patient (the event does not name them)
            "notification", Set.of("appointment_view"));

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = FeatureModules.productionClasses();
    }

    @Test
    void querySideDoesNotDependOnCommandSide() {
        noClasses().that().resideInAPackage("com.practicescheduler.query..")
                .should().dependOnClassesThat().resideInAPackage("com.practicescheduler.command..")
                .because("the sides share only the contract in shared-api")
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
    void everyTableIsNamedByTheSqlOfOneFeatureOnlyBesidesTheDeclaredReads() {
        Set<String> tables = FeatureModules.tablesCreatedIn(List.of(MIGRATIONS));
        Map<String, Set<String>> featuresNaming = new TreeMap<>();
        FEATURES.tablesNamedByFeature(Path.of("src/main/java")).forEach((feature, named) -> named.stream()
                .filter(tables::contains)
                .filter(table -> !DECLARED_READS.getOrDefault(feature, Set.of()).contains(table))
                .forEach(table -> featuresNaming.computeIfAbsent(table, k -> new TreeSet<>()).add(feature)));

        assertThat(featuresNaming).as("features whose SQL names each table").containsKeys("appointment_view",
                "waitlist_offer_view", "audit_entry");
        assertThat(featuresNaming).allSatisfy((table, features) ->
                assertThat(features).as("features naming " + table).hasSize(1));
    }
}
