package com.practicescheduler.api.patient;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A patient was registered. Carries PHI: never log it, and keep {@link #toString()} free of it. */
@Revision("1")
public record PatientRegisteredEvent(String patientId, String practiceId, String firstName, String lastName,
                                     LocalDate dateOfBirth, String email, String phone) {

    @Override
    public String toString() {
        return "PatientRegisteredEvent[patientId=" + patientId + ", practiceId=" + practiceId + "]";
    }
}
