package com.practicescheduler.api.waitlist;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Accepts an offer: books {@code appointmentId} in the held slot. */
public record AcceptOfferCommand(@TargetAggregateIdentifier String offerId, String practiceId,
                                 String appointmentId) {
}
