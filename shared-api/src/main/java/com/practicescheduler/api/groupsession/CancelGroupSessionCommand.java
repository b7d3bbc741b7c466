package com.practicescheduler.api.groupsession;

import com.practicescheduler.api.appointment.CancellationReason;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Cancels a group session: every booked seat is cancelled with it and the provider's time is released. */
public record CancelGroupSessionCommand(@TargetAggregateIdentifier String groupSessionId, String practiceId,
                                        CancellationReason reason) {
}
