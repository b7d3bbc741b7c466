package com.practicescheduler.command.patient;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.patient.PatientRegisteredEvent;
import com.practicescheduler.platform.Port;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Answers whether a patient exists in a practice, from the patient's own event stream (not a read model). A
 * patient never changes practice, so a positive answer is remembered, for at most {@value #REMEMBERED} patients at
 * once (those asked about most): a large deployment's memory does not grow with its number of patients, and a
 * patient forgotten is read from their stream again. A patient registered through this process is remembered from
 * the moment the registration commits, so their first booking reads nothing.
 */
@Port("bookings and waitlist entries name only registered patients")
@Component
public class PatientDirectory {

    static final int REMEMBERED = 100_000;

    private final EventStore eventStore;
    private final Cache<String, String> practiceOfPatient = Caffeine.newBuilder().maximumSize(REMEMBERED).build();

    PatientDirectory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Refuses with {@code not-found} unless {@code patientId} is a patient of {@code practiceId}. */
    public void requirePatient(String practiceId, String patientId) {
        String practice = patientId == null ? null : practiceOfPatient.get(patientId, this::practiceOf);
        if (practice == null || !practice.equals(practiceId)) {
            throw Refusal.notFound("Patient " + patientId);
        }
    }

    /**
     * Remembers, once the current unit of work has committed, that {@code patientId} is a patient of
     * {@code practiceId}: called by the registration, whose commit is what makes it true. A registration rolled back
     * leaves nothing behind.
     */
    void registering(String patientId, String practiceId) {
        CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.afterCommit(
                committed -> practiceOfPatient.put(patientId, practiceId)));
    }

    private String practiceOf(String patientId) {
        DomainEventStream stream = eventStore.readEvents(patientId, 0);
        if (stream.hasNext() && stream.next().getPayload() instanceof PatientRegisteredEvent registered) {
            return registered.practiceId();
        }
        return null; // the cache stores nothing, so a patient registered later is found then
    }
}
