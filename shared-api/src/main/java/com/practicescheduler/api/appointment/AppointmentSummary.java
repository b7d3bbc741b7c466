package com.practicescheduler.api.appointment;

import java.time.Instant;

/**
 * An appointment as a command left it; the answer to booking, rescheduling, cancelling and visit steps.
 *
 * @param timeZone the practice's zone, in which clients see the times
 */
public record AppointmentSummary(String appointmentId, String patientId, String providerId, String serviceId,
                                 Instant start, Instant end, AppointmentStatus status, AppointmentSource source,
                                 String rescheduledTo, String rescheduledFrom, String timeZone) {
}
