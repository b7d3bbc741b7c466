package com.practicescheduler.command.patient;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.patient.ContactPreferencesSetEvent;
import com.practicescheduler.api.patient.PatientRegisteredEvent;
import com.practicescheduler.api.patient.RegisterPatientCommand;
import com.practicescheduler.api.patient.SetContactPreferencesCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A patient of one practice. Holds no PHI in memory: nothing it decides depends on it. */
@Aggregate
public class Patient {

    @AggregateIdentifier
    private String patientId;
    private String practiceId;

    protected Patient() {
        // for Axon
    }

    @CommandHandler
    Patient(RegisterPatientCommand command, PatientDirectory directory) {
        apply(new PatientRegisteredEvent(command.patientId(), command.practiceId(), command.firstName(),
                command.lastName(), command.dateOfBirth(), command.email(), command.phone()));
        directory.registering(command.patientId(), command.practiceId());
    }

    /** Consent is an event of its own: who recorded it and when stay in the patient's history. */
    @CommandHandler
    void handle(SetContactPreferencesCommand command) {
        if (!practiceId.equals(command.practiceId())) {
            throw Refusal.notFound("Patient " + command.patientId());
        }
        apply(new ContactPreferencesSetEvent(patientId, practiceId, command.preferences(), command.setBy(),
                command.setAt()));
    }

    @EventSourcingHandler
    void on(PatientRegisteredEvent event) {
        patientId = event.patientId();
        practiceId = event.practiceId();
    }
}
