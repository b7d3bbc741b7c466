package com.practicescheduler.query.patient;

import com.practicescheduler.api.Nullable;
import com.practicescheduler.api.patient.PatientRegisteredEvent;
import com.practicescheduler.query.readmodel.BatchedWrites;
import com.practicescheduler.query.readmodel.ReadModels;
import java.time.LocalDate;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;

/** Patients per practice. */
@Component
@ProcessingGroup(ReadModels.SCHEDULING)
class PatientProjection {

    private final JdbcTemplate jdbc;
    private final BatchedWrites writes;

    PatientProjection(JdbcTemplate jdbc, BatchedWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(PatientRegisteredEvent event) {
        writes.update("""
                insert into patient_view (patient_id, practice_id, first_name, last_name, date_of_birth, email, phone)
                values (:id, :practice, :first, :last, :born, :email, :phone)
                on conflict (patient_id) do nothing
                """, new MapSqlParameterSource("id", event.patientId())
                .addValue("practice", event.practiceId())
                .addValue("first", event.firstName())
                .addValue("last", event.lastName())
                .addValue("born", event.dateOfBirth())
                .addValue("email", event.email())
                .addValue("phone", event.phone()), "patient_view:" + event.patientId());
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
