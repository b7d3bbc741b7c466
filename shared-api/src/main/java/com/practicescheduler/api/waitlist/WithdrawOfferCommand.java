package com.practicescheduler.api.waitlist;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Withdraws a pending offer of a broadcast whose slot another entry took (the slot's hold is not released: it became
 * the other entry's appointment), or a seat offer whose group session was cancelled; its entry waits again.
 */
public record WithdrawOfferCommand(@TargetAggregateIdentifier String offerId, String practiceId, String reason) {
}
