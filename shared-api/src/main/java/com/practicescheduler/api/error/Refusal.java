package com.practicescheduler.api.error;

import java.util.List;

/**
 * A command or request refused for a reason the REST contract names: thrown alike by aggregates, command handlers
 * and controllers, and answered with the problem of its {@link ErrorCode}. The class itself never crosses a process
 * boundary: its {@link Rejection} does, in the details of Axon's {@code CommandExecutionException}, and becomes a
 * {@code Refusal} again on the sender's side.
 */
public class Refusal extends RuntimeException {

    private final transient Rejection rejection;

    public Refusal(Rejection rejection) {
        // no stack trace: a refusal is an answer, not a fault
        super(rejection.code().slug() + ": " + rejection.detail(), null, false, false);
        this.rejection = rejection;
    }

    public Refusal(ErrorCode code, String detail) {
        this(new Rejection(code, detail));
    }

    /** A refusal naming the booked appointments in the way ({@link ErrorCode#CONFLICTS_WITH_APPOINTMENTS}). */
    public Refusal(ErrorCode code, String detail, List<String> appointmentIds) {
        this(new Rejection(code, detail, appointmentIds));
    }

    /** {@code not-found}: "{@code what} not found", e.g. {@code notFound("Provider " + id)}. */
    public static Refusal notFound(String what) {
        return new Refusal(ErrorCode.NOT_FOUND, what + " not found");
    }

    public Rejection rejection() {
        return rejection;
    }

    public ErrorCode code() {
        return rejection.code();
    }
}
