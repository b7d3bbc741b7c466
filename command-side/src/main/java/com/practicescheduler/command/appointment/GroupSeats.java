package com.practicescheduler.command.appointment;

import com.practicescheduler.platform.Port;

/**
 * The group sessions whose seats are appointments, as the cancellation of a seat needs them: the session learns in
 * the same unit of work that the seat is free. Implemented by the group-session feature, so this feature does not
 * depend on it.
 */
@Port("cancelling a seat frees it in its group session, in the cancellation's unit of work")
public interface GroupSeats {

    /**
     * Loads — and so locks, for the rest of the unit of work — the group session, before the seat's appointment is
     * locked: every path locks a session before its seats, so two of them can never deadlock.
     */
    void lock(String groupSessionId);

    /** Frees the seat {@code appointmentId} of the session (which must have been locked in this unit of work). */
    void free(String groupSessionId, String appointmentId);
}
