package com.practicescheduler.api.waitlist;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Withdraws a pending offer of a broadcast whose slot another entry took; its entry waits again. The slot's hold is
 * not released: it became the other entry's appointment.
 */
public record WithdrawOfferCommand(@TargetAggregateIdentifier String offerId, String practiceId, String reason) {
}
