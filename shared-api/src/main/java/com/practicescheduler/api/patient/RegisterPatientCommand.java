package com.practicescheduler.api.patient;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Registers a patient. Carries PHI: never log it, and keep {@link #toString()} free of it. */
public record RegisterPatientCommand(@TargetAggregateIdentifier String patientId, String practiceId,
                                     String firstName, String lastName, LocalDate dateOfBirth, String email,
                                     String phone) {

    @Override
    public String toString() {
        return "RegisterPatientCommand[patientId=" + patientId + ", practiceId=" + practiceId + "]";
    }
}
