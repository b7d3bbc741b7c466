package com.practicescheduler.api.appointment;

import java.time.Instant;
import org.axonframework.commandhandling.RoutingKey;

/**
 * Books a patient with a provider for a service starting at {@code start}.
 *
 * @param appointmentId      the new appointment's id; derived from the idempotency key when the client sent one
 * @param requestFingerprint digest of what was asked, to tell a repeat from a reuse of the same idempotency key;
 *                           null when the client sent no key
 */
public record BookAppointmentCommand(String appointmentId, String practiceId, String patientId,
                                     @RoutingKey String providerId, String serviceId, Instant start,
                                     String requestFingerprint) {
}
