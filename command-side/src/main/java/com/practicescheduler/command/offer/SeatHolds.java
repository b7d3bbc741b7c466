package com.practicescheduler.command.offer;

import com.practicescheduler.platform.Port;
import java.time.Instant;

/**
 * The group sessions whose seats waitlist offers hold. Implemented by the group-session feature, so this feature
 * does not depend on it. Every method loads — and so locks — the session after the offer's entry and the offer:
 * entry, offer, session, the order every offer path keeps.
 */
@Port("a seat offer holds a seat in its group session and its acceptance takes it, in the offer's unit of work")
public interface SeatHolds {

    /** The session's time and service, if it belongs to {@code practiceId} (else {@code not-found}). */
    Session session(String groupSessionId, String practiceId);

    /** Holds a seat for the offer until {@code expiresAt}; refused when none is left or the patient has one. */
    void hold(String groupSessionId, String offerId, String entryId, String patientId, Instant expiresAt, Instant now);

    /** Turns the offer's hold into the patient's seat, the appointment {@code appointmentId}. */
    void take(String groupSessionId, String offerId, String appointmentId, String patientId, Instant now);

    /** Frees the seat the offer holds; nothing happens if it holds none any more. */
    void release(String groupSessionId, String offerId);

    /** A group session as an offer of one of its seats needs it: the time, buffer included, and the service. */
    record Session(String groupSessionId, String providerId, String serviceId, Instant start, Instant end,
                   Instant blockedUntil) {
    }
}
