package com.practicescheduler.api.groupsession;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that the seat hold of the offer {@code offerId} no longer holds its seat (the offer expired). Nothing
 * happens if the hold is already gone.
 */
public record ReleaseSeatHoldCommand(@TargetAggregateIdentifier String groupSessionId, String practiceId,
                                     String offerId) {
}
