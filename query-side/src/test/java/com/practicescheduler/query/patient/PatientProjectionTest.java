package com.practicescheduler.query.patient;

import static org.assertj.core.api.Assertions.assertThat;

import com.practicescheduler.api.patient.PatientRegisteredEvent;
import com.practicescheduler.query.ReadModelDatabase;
import com.practicescheduler.query.readmodel.BatchedWrites;
import com.practicescheduler.query.patient.PatientProjection.PatientView;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The patient read model against a real PostgreSQL with the real migrations. */
class PatientProjectionTest {

    private static final String PRACTICE = "practice-1";
    private static final PatientRegisteredEvent ADA = new PatientRegisteredEvent("patient-1", PRACTICE, "Ada",
            "Lovelace", LocalDate.of(1815, 12, 10), "ada@example.org", "+44 20 7946 0000");

    @RegisterExtension
    static final ReadModelDatabase db = ReadModelDatabase.migrated();
    private static final PatientProjection patients = new PatientProjection(db.jdbc(), new BatchedWrites(db.named()));

    @Test
    void aRegisteredPatientReadsBackWithAllDetails() {
        patients.on(ADA);

        assertThat(patients.patient(PRACTICE, "patient-1")).contains(new PatientView("patient-1", "Ada", "Lovelace",
                LocalDate.of(1815, 12, 10), "ada@example.org", "+44 20 7946 0000"));
    }

    @Test
    void aPatientWithoutContactDetailsReadsBackWithoutThem() {
        patients.on(new PatientRegisteredEvent("patient-2", PRACTICE, "Alan", "Turing", LocalDate.of(1912, 6, 23),
                null, null));

        PatientView view = patients.patient(PRACTICE, "patient-2").orElseThrow();
        assertThat(view.email()).isNull();
        assertThat(view.phone()).isNull();
    }

    @Test
    void aRedeliveredRegistrationLeavesOnePatient() {
        patients.on(ADA);
        patients.on(ADA);

        assertThat(db.count("patient_view")).isEqualTo(1);
        assertThat(patients.patient(PRACTICE, "patient-1")).isPresent();
    }

    @Test
    void aPatientIsNotVisibleToAnotherPractice() {
        patients.on(ADA);

        assertThat(patients.patient("practice-2", "patient-1")).isEmpty();
    }

    @Test
    void aPatientBelongsToAProviderOnlyOnceTheyHadAnAppointmentWithThem() {
        patients.on(ADA);
        assertThat(patients.isPatientOf("patient-1", "dr-a")).isFalse();

        db.jdbc().update("""
                insert into appointment_view (appointment_id, practice_id, patient_id, provider_id, service_id,
                    start_at, end_at, blocked_until, status, source)
                values ('appt-1', ?, 'patient-1', 'dr-a', 'service-1', timestamptz '2027-06-07 13:00Z',
                    timestamptz '2027-06-07 13:50Z', timestamptz '2027-06-07 14:00Z', 'CANCELLED', 'DIRECT')
                """, PRACTICE);

        assertThat(patients.isPatientOf("patient-1", "dr-a")).isTrue();
        assertThat(patients.isPatientOf("patient-1", "dr-b")).isFalse();
    }

    @Test
    void resetForgetsPatientsAndReplayingBringsThemBack() {
        patients.on(ADA);

        patients.reset();

        assertThat(patients.patient(PRACTICE, "patient-1")).isEmpty();

        patients.on(ADA);

        assertThat(patients.patient(PRACTICE, "patient-1")).map(PatientView::lastName).contains("Lovelace");
    }
}
