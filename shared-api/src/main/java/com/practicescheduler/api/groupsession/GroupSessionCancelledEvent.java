package com.practicescheduler.api.groupsession;

import com.practicescheduler.api.appointment.CancellationReason;
import org.axonframework.serialization.Revision;

/** A group session was cancelled; its booked seats are cancelled and its provider's time released with it. */
@Revision("1")
public record GroupSessionCancelledEvent(String groupSessionId, String practiceId, String providerId,
                                         CancellationReason reason) {
}
