package com.practicescheduler.command.appointment;

import com.practicescheduler.api.Nullable;
import com.practicescheduler.api.appointment.AppointmentSource;
import com.practicescheduler.api.appointment.AppointmentStatus;
import com.practicescheduler.api.appointment.AppointmentSummary;
import com.practicescheduler.platform.web.ApiTimes;
import java.time.OffsetDateTime;

/** An appointment as command endpoints answer with it; times in the practice's zone. */
record AppointmentResponse(String id, String patientId, String providerId, String serviceId, OffsetDateTime start,
                           OffsetDateTime end, AppointmentStatus status, AppointmentSource source,
                           @Nullable String rescheduledTo, @Nullable String rescheduledFrom) {

    static AppointmentResponse of(AppointmentSummary summary) {
        return new AppointmentResponse(summary.appointmentId(), summary.patientId(), summary.providerId(),
                summary.serviceId(), ApiTimes.at(summary.start(), summary.timeZone()),
                ApiTimes.at(summary.end(), summary.timeZone()), summary.status(), summary.source(),
                summary.rescheduledTo(), summary.rescheduledFrom());
    }
}
