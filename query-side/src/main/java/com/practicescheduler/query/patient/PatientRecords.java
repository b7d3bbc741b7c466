package com.practicescheduler.query.patient;

import com.practicescheduler.api.Nullable;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.platform.Port;
import com.practicescheduler.platform.security.Actor;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Who may read what about a patient, and where a patient can be reached. PHI: never log what it answers. */
@Port("notifications reach patients at their contact details; reads about a patient follow the patient's rules")
@Component
public class PatientRecords {

    private final PatientProjection patients;

    PatientRecords(PatientProjection patients) {
        this.patients = patients;
    }

    /**
     * Refuses unless {@code actor} may read about {@code patientId}: {@code not-found} for another practice's
     * patient (or none), {@code forbidden} for a clinician who never saw the patient.
     */
    public void requireReadable(Actor actor, String patientId) {
        if (patients.patient(actor.practiceId(), patientId).isEmpty()) {
            throw Refusal.notFound("Patient " + patientId);
        }
        if (actor.limitedToOwnProvider()
                && (actor.providerId() == null || !patients.isPatientOf(patientId, actor.providerId()))) {
            throw new Refusal(ErrorCode.FORBIDDEN, "Not a patient of yours");
        }
    }

    /** The patient's email address and phone number, if the patient is registered in {@code practiceId}. */
    public Optional<Contact> contact(String practiceId, String patientId) {
        return patients.patient(practiceId, patientId).map(p -> new Contact(p.email(), p.phone()));
    }

    /** Where a patient can be reached. PHI. */
    public record Contact(@Nullable String email, @Nullable String phone) {

        @Override
        public String toString() {
            return "Contact[PHI omitted]";
        }
    }
}
