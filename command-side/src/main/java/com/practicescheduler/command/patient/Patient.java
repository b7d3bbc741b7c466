package com.practicescheduler.command.patient;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.practicescheduler.api.patient.PatientRegisteredEvent;
import com.practicescheduler.api.patient.RegisterPatientCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A patient of one practice. Holds no PHI in memory: nothing it decides depends on it. */
@Aggregate
public class Patient {

    @AggregateIdentifier
    private String patientId;

    protected Patient() {
        // for Axon
    }

    @CommandHandler
    Patient(RegisterPatientCommand command) {
        apply(new PatientRegisteredEvent(command.patientId(), command.practiceId(), command.firstName(),
                command.lastName(), command.dateOfBirth(), command.email(), command.phone()));
    }

    @EventSourcingHandler
    void on(PatientRegisteredEvent event) {
        patientId = event.patientId();
    }
}
