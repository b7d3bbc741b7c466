package com.practicescheduler.api.groupsession;

import org.axonframework.serialization.Revision;

/**
 * A patient took a seat in a group session; the seat is the appointment {@code appointmentId}.
 *
 * @param seatsTaken the session's seats taken once this one was (absolute, so projections stay idempotent)
 */
@Revision("1")
public record ParticipantEnrolledEvent(String groupSessionId, String practiceId, String appointmentId,
                                       String patientId, int seatsTaken) {
}
