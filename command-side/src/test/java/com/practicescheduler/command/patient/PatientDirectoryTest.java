package com.practicescheduler.command.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.patient.PatientRegisteredEvent;
import com.practicescheduler.api.patient.RegisterPatientCommand;
import java.time.LocalDate;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Whom the directory knows as a practice's patient, on Axon's own event store and units of work. */
class PatientDirectoryTest {

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final PatientDirectory directory = new PatientDirectory(store);

    @AfterEach
    void stop() {
        store.shutDown();
    }

    @Test
    void aPatientRegisteredInAnotherProcessIsFoundInTheirStreamAndOnlyInTheirPractice() {
        store.publish(new GenericDomainEventMessage<>("Patient", "patient-1", 0, registered("patient-1")));

        assertThatCode(() -> directory.requirePatient("practice-1", "patient-1")).doesNotThrowAnyException();
        assertNotFound("practice-2", "patient-1");
        assertNotFound("practice-1", "patient-2");
    }

    @Test
    void aRegistrationThroughThisProcessIsKnownOnceItCommitsWithoutReadingTheStore() {
        UnitOfWork<?> registration = DefaultUnitOfWork.startAndGet(null);
        directory.registering("patient-3", "practice-1");
        assertNotFound("practice-1", "patient-3"); // not before the registration commits
        registration.commit();

        // the store holds no stream for patient-3: the answer comes from the committed registration
        assertThatCode(() -> directory.requirePatient("practice-1", "patient-3")).doesNotThrowAnyException();
        assertNotFound("practice-2", "patient-3");
    }

    @Test
    void aRegistrationRolledBackLeavesNoPatientBehind() {
        UnitOfWork<?> registration = DefaultUnitOfWork.startAndGet(null);
        directory.registering("patient-4", "practice-1");
        registration.rollback();

        assertNotFound("practice-1", "patient-4");
    }

    @Test
    void theAggregateTellsTheDirectoryWhenItRegistersAPatient() {
        AggregateTestFixture<Patient> fixture = new AggregateTestFixture<>(Patient.class);
        fixture.registerInjectableResource(directory);
        fixture.givenNoPriorActivity()
                .when(new RegisterPatientCommand("patient-5", "practice-1", "Ada", "Lovelace",
                        LocalDate.of(1990, 12, 10), null, null))
                .expectEvents(registered("patient-5"));

        assertThatCode(() -> directory.requirePatient("practice-1", "patient-5")).doesNotThrowAnyException();
    }

    private void assertNotFound(String practiceId, String patientId) {
        assertThatThrownBy(() -> directory.requirePatient(practiceId, patientId)).isInstanceOfSatisfying(
                Refusal.class, refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    private static PatientRegisteredEvent registered(String patientId) {
        return new PatientRegisteredEvent(patientId, "practice-1", "Ada", "Lovelace", LocalDate.of(1990, 12, 10),
                null, null);
    }
}
