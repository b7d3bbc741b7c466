package com.practicescheduler.query.appointment;

import com.practicescheduler.api.Nullable;
import com.practicescheduler.api.appointment.AppointmentSource;
import com.practicescheduler.api.appointment.AppointmentStatus;
import com.practicescheduler.platform.web.ApiTimes;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;

/** An appointment as the query side answers it: with the patient's name, which the command side's answer lacks. */
@Schema(name = "AppointmentDetail")
record AppointmentDetail(String id, String patientId, String patientName, String providerId, String serviceId,
                         OffsetDateTime start, OffsetDateTime end, AppointmentStatus status, AppointmentSource source,
                         @Nullable String rescheduledTo, @Nullable String rescheduledFrom,
                         @Nullable String cancellationReason, @Nullable String seriesId,
                         @Nullable String groupSessionId) {

    static AppointmentDetail of(AppointmentProjection.AppointmentView view, String zone) {
        return new AppointmentDetail(view.id(), view.patientId(), view.patientName(), view.providerId(),
                view.serviceId(), ApiTimes.at(view.start(), zone), ApiTimes.at(view.end(), zone),
                view.status(), view.source(), view.rescheduledTo(), view.rescheduledFrom(),
                view.cancellationReason(), view.seriesId(), view.groupSessionId());
    }

    @Override
    public String toString() {
        return "AppointmentDetail[id=" + id + "]";
    }
}
