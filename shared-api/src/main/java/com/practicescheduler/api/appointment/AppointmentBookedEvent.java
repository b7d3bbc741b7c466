package com.practicescheduler.api.appointment;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An appointment was booked for [start, end); the provider stays blocked until {@code blockedUntil} (the
 * service's buffer).
 *
 * @param rescheduledFrom the appointment this one replaces, or null
 */
@Revision("1")
public record AppointmentBookedEvent(String appointmentId, String practiceId, String patientId, String providerId,
                                     String serviceId, Instant start, Instant end, Instant blockedUntil,
                                     AppointmentSource source, String rescheduledFrom, String requestFingerprint) {
}
