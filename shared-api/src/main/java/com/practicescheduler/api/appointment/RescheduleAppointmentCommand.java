package com.practicescheduler.api.appointment;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Moves an appointment: books {@code newAppointmentId} at {@code start} (with {@code providerId}, or the same
 * provider when null) and marks the old one {@code RESCHEDULED}, atomically.
 */
public record RescheduleAppointmentCommand(@TargetAggregateIdentifier String appointmentId, String practiceId,
                                           String newAppointmentId, Instant start, String providerId) {
}
