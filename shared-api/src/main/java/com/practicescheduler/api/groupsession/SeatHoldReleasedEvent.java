package com.practicescheduler.api.groupsession;

import org.axonframework.serialization.Revision;

/**
 * A seat hold of a waitlist offer is gone: the offer was accepted ({@code taken}: the hold became the patient's seat,
 * recorded by the {@link ParticipantEnrolledEvent} that follows), or declined, withdrawn or expired (the seat is
 * free again).
 */
@Revision("1")
public record SeatHoldReleasedEvent(String groupSessionId, String practiceId, String offerId, boolean taken) {
}
