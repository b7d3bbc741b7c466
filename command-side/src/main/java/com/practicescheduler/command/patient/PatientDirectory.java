package com.practicescheduler.command.patient;

import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.patient.PatientRegisteredEvent;
import com.practicescheduler.platform.Port;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Answers whether a patient exists in a practice, from the patient's own event stream (not a read model). A
 * patient never changes practice, so a positive answer is remembered.
 */
@Port("bookings and waitlist entries name only registered patients")
@Component
public class PatientDirectory {

    private final EventStore eventStore;
    private final Map<String, String> practiceOfPatient = new ConcurrentHashMap<>();

    PatientDirectory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Refuses with {@code not-found} unless {@code patientId} is a patient of {@code practiceId}. */
    public void requirePatient(String practiceId, String patientId) {
        String practice = patientId == null ? null : practiceOfPatient.computeIfAbsent(patientId, this::practiceOf);
        if (practice == null || !practice.equals(practiceId)) {
            throw Refusal.notFound("Patient " + patientId);
        }
    }

    private String practiceOf(String patientId) {
        DomainEventStream stream = eventStore.readEvents(patientId, 0);
        if (stream.hasNext() && stream.next().getPayload() instanceof PatientRegisteredEvent registered) {
            return registered.practiceId();
        }
        return null; // computeIfAbsent stores nothing, so a patient registered later is found then
    }
}
