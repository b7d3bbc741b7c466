package com.practicescheduler.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** The modularity rules both sides apply catch what they promise to, on small fixture "sides". */
class FeatureModulesTest {

    private static final String FIXTURE = "com.practicescheduler.platform.testing.fixture";

    private static JavaClasses side(String name) {
        return new ClassFileImporter().importPackages(FIXTURE + "." + name);
    }

    private static FeatureModules rules(String name) {
        return FeatureModules.of(FIXTURE + "." + name, "app");
    }

    @Test
    void aFeatureUsingAnotherThroughItsPortAndThePortsNestedTypesPasses() {
        rules("ported").featuresUseEachOtherOnlyThroughPorts().check(side("ported"));
        rules("ported").featuresFormNoCycle().check(side("ported"));
    }

    @Test
    void aFeatureUsingAPublicTypeOfAnotherThatIsNoPortFails() {
        assertThatThrownBy(() -> rules("leaky").featuresUseEachOtherOnlyThroughPorts().check(side("leaky")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("feature booking")
                .hasMessageContaining("Ledger");
    }

    @Test
    void twoFeaturesNeedingEachOtherFailEvenThroughPorts() {
        rules("cyclic").featuresUseEachOtherOnlyThroughPorts().check(side("cyclic"));
        assertThatThrownBy(() -> rules("cyclic").featuresFormNoCycle().check(side("cyclic")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected");
    }

    @Test
    void tablesAreFoundInSqlStringsOnlyNotInProseOrCode() {
        String java = """
                class Example {
                    String detail = "Cancelled from the front desk";
                    String read = \"""
                            select a.*, p.name from appointment_view a
                            left join patient_view p on p.id = a.patient_id
                            \""";
                    String write = "insert into audit_entry (id) values (?)";
                    String change = "update matcher_entry set status = 'OFFERED' where offer_id = :offer";
                    String gone = "delete from report_offer where practice_id = ?";
                    // select * from comment_table is not a string
                }
                """;

        assertThat(FeatureModules.tablesNamedIn(java)).containsExactlyInAnyOrder("appointment_view",
                "patient_view", "audit_entry", "matcher_entry", "report_offer");
    }
}
