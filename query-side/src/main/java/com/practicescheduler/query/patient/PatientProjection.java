package com.practicescheduler.query.patient;

import com.practicescheduler.api.Nullable;
import com.practicescheduler.api.patient.PatientRegisteredEvent;
import com.practicescheduler.query.readmodel.ReadModels;
import java.time.LocalDate;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Patients per practice. */
@Component
@ProcessingGroup(ReadModels.SCHEDULING)
class PatientProjection {

    private final JdbcTemplate jdbc;

    PatientProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PatientRegisteredEvent event) {
        jdbc.update("""
                insert into patient_view (patient_id, practice_id, first_name, last_name, date_of_birth, email, phone)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (patient_id) do nothing
                """, event.patientId(), event.practiceId(), event.firstName(), event.lastName(),
                event.dateOfBirth(), event.email(), event.phone());
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from patient_view");
    }

    Optional<PatientView> patient(String practiceId, String patientId) {
        return jdbc.query("select * from patient_view where practice_id = ? and patient_id = ?",
                (rs, row) -> new PatientView(rs.getString("patient_id"), rs.getString("first_name"),
                        rs.getString("last_name"), rs.getObject("date_of_birth", LocalDate.class),
                        rs.getString("email"), rs.getString("phone")),
                practiceId, patientId).stream().findFirst();
    }

    /** Whether the patient has (or had) any appointment with the provider: a clinician's "own patient". */
    boolean isPatientOf(String patientId, String providerId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from appointment_view where patient_id = ? and provider_id = ?)",
                Boolean.class, patientId, providerId));
    }

    /** A patient as clients see it. PHI. */
    record PatientView(String id, String firstName, String lastName, LocalDate dateOfBirth, @Nullable String email,
                       @Nullable String phone) {

        @Override
        public String toString() {
            return "PatientView[id=" + id + ", PHI omitted]";
        }
    }
}
