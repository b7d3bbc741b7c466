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
import com.practicescheduler.api.groupsession.SeatHeldEvent;
import com.practicescheduler.api.groupsession.SeatHoldReleasedEvent;
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
    private Instant blockedUntil;
    private int capacity;
    private GroupSessionStatus status;
    /** The seats held: appointment id → patient id, in the order they were taken. */
    private final Map<String, String> seats = new LinkedHashMap<>();
    /** Seats held for waitlist offers: offer id → hold. A hold past its expiry holds nothing. */
    private final Map<String, SeatHeldEvent> holds = new LinkedHashMap<>();

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
        requireOpen(now);
        requireNotEnrolled(patientId);
        requireSeatLeft(now);
        apply(new ParticipantEnrolledEvent(groupSessionId, practiceId, appointmentId, patientId, seats.size() + 1));
    }

    /**
     * Holds a seat for the waitlist offer {@code offerId} until {@code expiresAt}, if one is neither taken nor held.
     */
    void holdSeat(String offerId, String entryId, String patientId, Instant expiresAt, Instant now) {
        requireOpen(now);
        requireNotEnrolled(patientId);
        requireSeatLeft(now);
        apply(new SeatHeldEvent(groupSessionId, practiceId, offerId, entryId, patientId, expiresAt));
    }

    /**
     * Turns the hold of the accepted offer {@code offerId} into the patient's seat, the appointment
     * {@code appointmentId}. Refused with {@code slot-unavailable} when the session was cancelled or the hold is gone.
     */
    void takeHeldSeat(String offerId, String appointmentId, String patientId, Instant now) {
        if (status != GroupSessionStatus.SCHEDULED || !holds.containsKey(offerId)) {
            throw new Refusal(ErrorCode.SLOT_UNAVAILABLE, status != GroupSessionStatus.SCHEDULED
                    ? "The group session was cancelled" : "The seat is no longer held for this offer");
        }
        requireOpen(now);
        requireNotEnrolled(patientId);
        if (seats.size() >= capacity) {
            // only when the hold ran out and the seat went to someone else: the capacity holds whatever the clocks say
            throw new Refusal(ErrorCode.SESSION_FULL, "Every seat of this group session is taken");
        }
        apply(new SeatHoldReleasedEvent(groupSessionId, practiceId, offerId, true));
        apply(new ParticipantEnrolledEvent(groupSessionId, practiceId, appointmentId, patientId, seats.size() + 1));
    }

    /** Frees the seat held for the offer {@code offerId}; nothing happens if it is not (or no longer) held. */
    void releaseHold(String offerId) {
        if (holds.containsKey(offerId)) {
            apply(new SeatHoldReleasedEvent(groupSessionId, practiceId, offerId, false));
        }
    }

    private void requireOpen(Instant now) {
        if (status != GroupSessionStatus.SCHEDULED) {
            throw new Refusal(ErrorCode.INVALID_TRANSITION, "The group session is " + status);
        }
        if (!now.isBefore(start)) {
            throw new Refusal(ErrorCode.IN_THE_PAST, "The group session has already started");
        }
    }

    private void requireNotEnrolled(String patientId) {
        if (seats.containsValue(patientId)) {
            throw new Refusal(ErrorCode.ALREADY_ENROLLED, "The patient already has a seat in this group session");
        }
    }

    /** Refuses with {@code session-full} unless a seat is neither taken nor held for an offer at {@code now}. */
    private void requireSeatLeft(Instant now) {
        if (seats.size() + heldSeats(now) >= capacity) {
            throw new Refusal(ErrorCode.SESSION_FULL, "Every seat of this group session is taken or held for an offer");
        }
    }

    /** The seats held for offers at {@code now}: a hold past its expiry holds nothing. */
    private long heldSeats(Instant now) {
        return holds.values().stream().filter(hold -> now.isBefore(hold.expiresAt())).count();
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

    Instant blockedUntil() {
        return blockedUntil;
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
        blockedUntil = event.blockedUntil();
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
    void on(SeatHeldEvent event) {
        holds.put(event.offerId(), event);
    }

    @EventSourcingHandler
    void on(SeatHoldReleasedEvent event) {
        holds.remove(event.offerId());
    }

    @EventSourcingHandler
    void on(GroupSessionCancelledEvent event) {
        status = GroupSessionStatus.CANCELLED;
        seats.clear(); // a cancelled session holds no seats
        holds.clear(); // nor any for offers: the offers are withdrawn
    }
}
