package com.practicescheduler.api.appointment;

import org.axonframework.serialization.Revision;

/** A check-in, completion or no-show was recorded; {@code status} is the appointment's new status. */
@Revision("1")
public record AppointmentVisitStepRecordedEvent(String appointmentId, String practiceId, VisitStep step,
                                                AppointmentStatus status) {
}
