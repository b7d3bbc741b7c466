package com.practicescheduler.api.appointment;

import org.axonframework.serialization.Revision;

/** An appointment was moved; {@code rescheduledTo} is its successor. */
@Revision("1")
public record AppointmentRescheduledEvent(String appointmentId, String practiceId, String rescheduledTo) {
}
