package com.practicescheduler.api.provider;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that a waitlist hold no longer holds its time (its offer expired). The hold stops blocking at its expiry
 * anyway; recording the release makes the freed time explicit for everyone, whatever their clock says. Releases
 * only holds, never an appointment; nothing happens if the hold is already gone.
 */
public record ReleaseHoldCommand(@TargetAggregateIdentifier String providerId, String practiceId, String holdId) {
}
