package com.practicescheduler.api.appointment;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An appointment was cancelled; {@code late} when inside the practice's late-cancel window.
 *
 * @param patientId the appointment's patient, so that the audit entry of the cancellation names them (null in events
 *                  stored before it was carried: the revision stays)
 */
@Revision("1")
public record AppointmentCancelledEvent(String appointmentId, String practiceId, String providerId,
                                        CancellationReason reason, String note, boolean late, Instant start,
                                        Instant end, String patientId) {

    public AppointmentStatus status() {
        return late ? AppointmentStatus.LATE_CANCELLED : AppointmentStatus.CANCELLED;
    }

    @Override
    public String toString() {
        return "AppointmentCancelledEvent[appointmentId=" + appointmentId + ", reason=" + reason + ", late=" + late
                + "]";
    }
}
