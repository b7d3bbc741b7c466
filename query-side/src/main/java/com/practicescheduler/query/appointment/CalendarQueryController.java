package com.practicescheduler.query.appointment;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.platform.audit.AuditLog;
import com.practicescheduler.platform.openapi.Refuses;
import com.practicescheduler.platform.security.Actor;
import com.practicescheduler.platform.web.DateRanges;
import com.practicescheduler.query.practice.PracticeProjection;
import com.practicescheduler.query.provider.ProviderProjection;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The calendar: a provider's or a patient's appointments by start, a PHI read, audited. */
@Tag(name = "Appointments")
@RestController
@RequestMapping("/api/v1/calendar")
@PreAuthorize("hasAnyRole('SCHEDULER','CLINICIAN','PRACTICE_ADMIN','COMPLIANCE_OFFICER')")
class CalendarQueryController {

    static final int MAX_CALENDAR_DAYS = 92;

    private final PracticeProjection practices;
    private final ProviderProjection providers;
    private final AppointmentProjection appointments;
    private final AuditLog audit;

    CalendarQueryController(PracticeProjection practices, ProviderProjection providers,
                            AppointmentProjection appointments, AuditLog audit) {
        this.practices = practices;
        this.providers = providers;
        this.appointments = appointments;
        this.audit = audit;
    }

    record Calendar(List<AppointmentDetail> appointments) {
    }

    @Operation(operationId = "getCalendar", summary = "Appointments of a provider or a patient, by start")
    @Refuses({ErrorCode.NOT_FOUND})
    @GetMapping
    Calendar calendar(Actor actor, @RequestParam(required = false) String providerId,
                      @RequestParam(required = false) String patientId,
                      @RequestParam LocalDate from, @RequestParam LocalDate to) {
        if ((providerId == null) == (patientId == null)) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "Give exactly one of providerId and patientId");
        }
        DateRanges.check(from, to, MAX_CALENDAR_DAYS);
        String zone = practices.settings(actor.practiceId()).timeZone();
        Instant start = from.atStartOfDay(ZoneId.of(zone)).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(ZoneId.of(zone)).toInstant();
        List<AppointmentProjection.AppointmentView> found;
        if (providerId != null) {
            providers.require(actor.practiceId(), providerId);
            if (actor.limitedToOwnProvider() && !providerId.equals(actor.providerId())) {
                throw new Refusal(ErrorCode.FORBIDDEN, "Clinicians see only their own calendar");
            }
            found = appointments.calendar(actor.practiceId(), "provider_id", providerId, start, end);
        } else {
            found = appointments.calendar(actor.practiceId(), "patient_id", patientId, start, end);
            if (actor.limitedToOwnProvider()) {
                found = found.stream().filter(a -> a.providerId().equals(actor.providerId())).toList();
            }
        }
        List<String> patientsSeen = new ArrayList<>(patientId == null ? List.of() : List.of(patientId));
        found.forEach(a -> patientsSeen.add(a.patientId()));
        audit.read(actor, "ReadCalendar", providerId != null ? "ProviderCalendar" : "PatientCalendar",
                providerId != null ? providerId : patientId, patientsSeen);
        return new Calendar(found.stream().map(a -> AppointmentDetail.of(a, zone)).toList());
    }
}
