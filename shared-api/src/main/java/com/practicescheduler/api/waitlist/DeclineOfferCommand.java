package com.practicescheduler.api.waitlist;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Declines an offer: the hold is released and the entry waits again. */
public record DeclineOfferCommand(@TargetAggregateIdentifier String offerId, String practiceId) {
}
