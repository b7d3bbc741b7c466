package com.practicescheduler.query.appointment;

import com.practicescheduler.api.Nullable;
import com.practicescheduler.api.appointment.AppointmentStatus;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.series.SeriesStatus;
import com.practicescheduler.platform.audit.AuditLog;
import com.practicescheduler.platform.security.Actor;
import com.practicescheduler.platform.web.ApiTimes;
import com.practicescheduler.query.practice.PracticeProjection;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** One recurring series with its occurrences as they now stand: a PHI read (whose appointments), audited. */
@Tag(name = "Appointment series")
@RestController
@RequestMapping("/api/v1/appointment-series")
@PreAuthorize("hasAnyRole('SCHEDULER','CLINICIAN','PRACTICE_ADMIN','COMPLIANCE_OFFICER')")
class SeriesQueryController {

    private final PracticeProjection practices;
    private final SeriesProjection series;
    private final AuditLog audit;

    SeriesQueryController(PracticeProjection practices, SeriesProjection series, AuditLog audit) {
        this.practices = practices;
        this.series = series;
        this.audit = audit;
    }

    record RecurrenceView(int everyWeeks, List<DayOfWeek> daysOfWeek, @Nullable Integer count,
                          @Nullable LocalDate until) {
    }

    record SeriesOccurrenceView(String id, OffsetDateTime start, OffsetDateTime end, AppointmentStatus status) {
    }

    record SkippedOccurrenceView(OffsetDateTime start, String problem) {
    }

    record SeriesDetail(String id, String patientId, String providerId, String serviceId, OffsetDateTime start,
                        RecurrenceView recurrence, SeriesStatus status, List<SeriesOccurrenceView> appointments,
                        List<SkippedOccurrenceView> skipped) {

        @Override
        public String toString() {
            return "SeriesDetail[id=" + id + "]";
        }
    }

    @Operation(operationId = "getAppointmentSeries", summary = "Read a recurring series and its occurrences")
    @GetMapping("/{seriesId}")
    SeriesDetail series(Actor actor, @PathVariable String seriesId) {
        SeriesProjection.SeriesView view = series.series(actor.practiceId(), seriesId)
                .orElseThrow(() -> Refusal.notFound("Series " + seriesId));
        if (actor.limitedToOwnProvider() && !view.providerId().equals(actor.providerId())) {
            throw new Refusal(ErrorCode.FORBIDDEN, "This is another provider's series");
        }
        audit.read(actor, "ReadAppointmentSeries", "Series", seriesId, List.of(view.patientId()));
        String zone = practices.settings(actor.practiceId()).timeZone();
        return new SeriesDetail(view.seriesId(), view.patientId(), view.providerId(), view.serviceId(),
                ApiTimes.at(view.start(), zone),
                new RecurrenceView(view.everyWeeks(), view.daysOfWeek(), view.count(), view.until()), view.status(),
                view.appointments().stream().map(a -> new SeriesOccurrenceView(a.appointmentId(),
                        ApiTimes.at(a.start(), zone), ApiTimes.at(a.end(), zone), a.status())).toList(),
                view.skipped().stream().map(s -> new SkippedOccurrenceView(ApiTimes.at(s.start(), zone),
                        s.problem())).toList());
    }
}
