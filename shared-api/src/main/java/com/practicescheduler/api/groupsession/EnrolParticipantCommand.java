package com.practicescheduler.api.groupsession;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Gives a patient a seat in a group session: an appointment of its own ({@code appointmentId}) naming the session.
 * Refused with {@code session-full} when every seat is taken and {@code already-enrolled} when the patient has one.
 */
public record EnrolParticipantCommand(@TargetAggregateIdentifier String groupSessionId, String practiceId,
                                      String patientId, String appointmentId) {
}
