package com.practicescheduler.api.appointment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Cancels a booked appointment; inside the late-cancel window it becomes {@code LATE_CANCELLED}. */
public record CancelAppointmentCommand(@TargetAggregateIdentifier String appointmentId, String practiceId,
                                       CancellationReason reason, String note) {

    @Override
    public String toString() {
        // the free-text note may hold clinical detail: keep it out of logs
        return "CancelAppointmentCommand[appointmentId=" + appointmentId + ", reason=" + reason + "]";
    }
}
