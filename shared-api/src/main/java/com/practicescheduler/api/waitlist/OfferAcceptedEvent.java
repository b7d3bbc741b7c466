package com.practicescheduler.api.waitlist;

import org.axonframework.serialization.Revision;

/** An offer was accepted and became appointment {@code appointmentId}. */
@Revision("1")
public record OfferAcceptedEvent(String offerId, String practiceId, String entryId, String appointmentId) {
}
