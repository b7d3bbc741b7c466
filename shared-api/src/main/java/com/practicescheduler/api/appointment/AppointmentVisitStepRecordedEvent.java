package com.practicescheduler.api.appointment;

import org.axonframework.serialization.Revision;

/**
 * A check-in, completion or no-show was recorded; {@code status} is the appointment's new status.
 *
 * @param patientId the appointment's patient, so that the step's audit entry names them (null in events stored
 *                  before it was carried: the revision stays)
 */
@Revision("1")
public record AppointmentVisitStepRecordedEvent(String appointmentId, String practiceId, VisitStep step,
                                                AppointmentStatus status, String patientId) {
}
