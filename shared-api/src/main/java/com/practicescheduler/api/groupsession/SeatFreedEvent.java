package com.practicescheduler.api.groupsession;

import org.axonframework.serialization.Revision;

/**
 * A seat of a group session was given up (its appointment was cancelled); another patient may take it.
 *
 * @param seatsTaken the session's seats taken once this one was freed
 */
@Revision("1")
public record SeatFreedEvent(String groupSessionId, String practiceId, String appointmentId, String patientId,
                             int seatsTaken) {
}
