package com.practicescheduler.api.waitlist;

import org.axonframework.serialization.Revision;

/** An entry's offer was accepted: the patient has appointment {@code appointmentId}. */
@Revision("1")
public record WaitlistEntryFulfilledEvent(String entryId, String practiceId, String offerId, String appointmentId) {
}
