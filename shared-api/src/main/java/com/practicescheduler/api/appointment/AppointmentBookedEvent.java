package com.practicescheduler.api.appointment;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An appointment was booked for [start, end); the provider stays blocked until {@code blockedUntil} (the
 * service's buffer).
 *
 * @param rescheduledFrom the appointment this one replaces, or null
 * @param seriesId        the recurring series this appointment is an occurrence of, or null (absent from events
 *                        stored before series existed: read as null, so the revision stays)
 * @param groupSessionId  the group session this appointment is a seat of, or null (likewise)
 */
@Revision("1")
public record AppointmentBookedEvent(String appointmentId, String practiceId, String patientId, String providerId,
                                     String serviceId, Instant start, Instant end, Instant blockedUntil,
                                     AppointmentSource source, String rescheduledFrom, String requestFingerprint,
                                     String seriesId, String groupSessionId) {

    /** A single appointment: neither in a series nor a seat of a group session. */
    public AppointmentBookedEvent(String appointmentId, String practiceId, String patientId, String providerId,
                                  String serviceId, Instant start, Instant end, Instant blockedUntil,
                                  AppointmentSource source, String rescheduledFrom, String requestFingerprint) {
        this(appointmentId, practiceId, patientId, providerId, serviceId, start, end, blockedUntil, source,
                rescheduledFrom, requestFingerprint, null, null);
    }
}
