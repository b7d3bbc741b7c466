package com.practicescheduler.api.series;

import com.practicescheduler.api.appointment.AppointmentStatus;
import java.time.Instant;

/** An occurrence of a series as it now stands. */
public record SeriesAppointment(String appointmentId, Instant start, Instant end, AppointmentStatus status) {
}
