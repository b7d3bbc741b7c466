package com.practicescheduler.command.groupsession;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.practicescheduler.api.appointment.CancellationReason;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.groupsession.GroupSessionCancelledEvent;
import com.practicescheduler.api.groupsession.GroupSessionScheduledEvent;
import com.practicescheduler.api.groupsession.GroupSessionStatus;
import com.practicescheduler.api.groupsession.GroupSessionSummary;
import com.practicescheduler.api.groupsession.ParticipantEnrolledEvent;
import com.practicescheduler.api.groupsession.SeatFreedEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One session of a group service and its seats. Every seat decision — enrol, free, cancel them all — appends to this
 * aggregate's stream, so the event store's optimistic concurrency on its sequence numbers refuses a second writer
 * that decided on stale state, on any number of nodes: a session never holds more seats than its capacity.
 */
@Aggregate
public class GroupSession {

    @AggregateIdentifier
    private String groupSessionId;
    private String practiceId;
    private String providerId;
    private String serviceId;
    private Instant start;
    private Instant end;
    private int capacity;
    private GroupSessionStatus status;
    /** The seats held: appointment id → patient id, in the order they were taken. */
    private final Map<String, String> seats = new LinkedHashMap<>();

    protected GroupSession() {
        // for Axon
    }

    /** Creates the session; the caller has reserved its time in the provider's schedule in the same unit of work. */
    GroupSession(GroupSessionScheduledEvent scheduled) {
        apply(scheduled);
    }

    /** Refuses with {@code not-found} unless this session belongs to {@code practiceId}. */
    void requirePractice(String practiceId) {
        if (this.practiceId == null || !this.practiceId.equals(practiceId)) {
            throw Refusal.notFound("Group session " + groupSessionId);
        }
    }

    /** Gives {@code patientId} a seat, the appointment {@code appointmentId}, if the session has one left for them. */
    void enrol(String appointmentId, String patientId, Instant now) {
        if (status != GroupSessionStatus.SCHEDULED) {
            throw new Refusal(ErrorCode.INVALID_TRANSITION, "The group session is " + status);
        }
        if (!now.isBefore(start)) {
            throw new Refusal(ErrorCode.IN_THE_PAST, "The group session has already started");
        }
        if (seats.containsValue(patientId)) {
            throw new Refusal(ErrorCode.ALREADY_ENROLLED, "The patient already has a seat in this group session");
        }
        if (seats.size() >= capacity) {
            throw new Refusal(ErrorCode.SESSION_FULL, "Every seat of this group session is taken");
        }
        apply(new ParticipantEnrolledEvent(groupSessionId, practiceId, appointmentId, patientId, seats.size() + 1));
    }

    /** Frees the seat {@code appointmentId}; nothing happens if it is not (or no longer) held. */
    void free(String appointmentId) {
        String patientId = seats.get(appointmentId);
        if (patientId != null) {
            apply(new SeatFreedEvent(groupSessionId, practiceId, appointmentId, patientId, seats.size() - 1));
        }
    }

    /**
     * Cancels the session.
     *
     * @return the appointments of the seats held, which the caller cancels in the same unit of work
     */
    List<String> cancel(CancellationReason reason) {
        if (status != GroupSessionStatus.SCHEDULED) {
            throw new Refusal(ErrorCode.INVALID_TRANSITION, "The group session is already " + status);
        }
        List<String> held = List.copyOf(seats.keySet());
        apply(new GroupSessionCancelledEvent(groupSessionId, practiceId, providerId, reason));
        return held;
    }

    String providerId() {
        return providerId;
    }

    String serviceId() {
        return serviceId;
    }

    Instant start() {
        return start;
    }

    Instant end() {
        return end;
    }

    GroupSessionSummary summary(String timeZone) {
        return new GroupSessionSummary(groupSessionId, providerId, serviceId, start, end, capacity, seats.size(),
                status, timeZone);
    }

    @EventSourcingHandler
    void on(GroupSessionScheduledEvent event) {
        groupSessionId = event.groupSessionId();
        practiceId = event.practiceId();
        providerId = event.providerId();
        serviceId = event.serviceId();
        start = event.start();
        end = event.end();
        capacity = event.capacity();
        status = GroupSessionStatus.SCHEDULED;
    }

    @EventSourcingHandler
    void on(ParticipantEnrolledEvent event) {
        seats.put(event.appointmentId(), event.patientId());
    }

    @EventSourcingHandler
    void on(SeatFreedEvent event) {
        seats.remove(event.appointmentId());
    }

    @EventSourcingHandler
    void on(GroupSessionCancelledEvent event) {
        status = GroupSessionStatus.CANCELLED;
        seats.clear(); // a cancelled session holds no seats
    }
}
