package com.practicescheduler.api.error;

/**
 * Why a command or request was refused; each maps to one HTTP status and problem slug of the REST contract. A new
 * rule is a constant here, thrown as {@code new Refusal(ErrorCode.X, "...")}: the problem response (title from the
 * slug), the audit entry, the command metrics and the OpenAPI document ({@code @Refuses}) all derive from it.
 */
public enum ErrorCode {
    VALIDATION_FAILED(400, "validation-failed"),
    NOT_FOUND(404, "not-found"),
    FORBIDDEN(403, "forbidden"),
    SLOT_UNAVAILABLE(409, "slot-unavailable"),
    INVALID_TRANSITION(409, "invalid-transition"),
    CONFLICTS_WITH_APPOINTMENTS(409, "conflicts-with-appointments"),
    IDEMPOTENCY_KEY_REUSED(409, "idempotency-key-reused"),
    /** A series booked with {@code onConflict: REJECT} has occurrences that cannot be booked (listed). */
    SERIES_CONFLICTS(409, "series-conflicts"),
    /** A group session has no seat left. */
    SESSION_FULL(409, "session-full"),
    /** The patient already has a seat in that group session. */
    ALREADY_ENROLLED(409, "already-enrolled"),
    /** Someone changed the same aggregate at the same moment; the sender retries. */
    CONCURRENT_MODIFICATION(409, "concurrent-modification"),
    OFFER_EXPIRED(410, "offer-expired"),
    OUTSIDE_WORKING_HOURS(422, "outside-working-hours"),
    TIME_OFF(422, "time-off"),
    IN_THE_PAST(422, "in-the-past"),
    BEYOND_HORIZON(422, "beyond-horizon"),
    SERVICE_NOT_OFFERED(422, "service-not-offered");

    private final int status;
    private final String slug;

    ErrorCode(int status, String slug) {
        this.status = status;
        this.slug = slug;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }
}
