package com.practicescheduler.query.schedule;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.practicescheduler.api.Nullable;
import com.practicescheduler.api.appointment.AppointmentSource;
import com.practicescheduler.api.appointment.AppointmentStatus;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.practice.PracticeSettings;
import com.practicescheduler.api.provider.TimeRange;
import com.practicescheduler.api.provider.WeeklyInterval;
import com.practicescheduler.platform.audit.AuditLog;
import com.practicescheduler.platform.openapi.Refuses;
import com.practicescheduler.platform.security.Actor;
import com.practicescheduler.platform.web.ApiTimes;
import com.practicescheduler.platform.web.DateRanges;
import com.practicescheduler.query.practice.PracticeProjection;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Schedule")
@RestController
@RequestMapping("/api/v1")
class ScheduleQueryController {

    static final int MAX_CALENDAR_DAYS = 92;
    static final int MAX_AVAILABILITY_DAYS = 62;
    static final int MAX_PROVIDER_FILTER = 100;

    private final PracticeProjection practices;
    private final ProviderProjection providers;
    private final AppointmentProjection appointments;
    private final Clock clock;
    private final AuditLog audit;

    ScheduleQueryController(PracticeProjection practices, ProviderProjection providers,
                            AppointmentProjection appointments, Clock clock, AuditLog audit) {
        this.audit = audit;
        this.practices = practices;
        this.providers = providers;
        this.appointments = appointments;
        this.clock = clock;
    }

    /** One interval of working hours, with local times as the contract writes them ("09:00"). */
    record WeeklyHours(DayOfWeek dayOfWeek, @JsonFormat(pattern = "HH:mm") LocalTime start,
                       @JsonFormat(pattern = "HH:mm") LocalTime end) {

        static List<WeeklyHours> of(List<WeeklyInterval> weekly) {
            return weekly.stream().map(i -> new WeeklyHours(i.dayOfWeek(), i.start(), i.end())).toList();
        }
    }

    record ProviderResponse(String id, String displayName, List<String> serviceIds, List<WeeklyHours> weekly) {

        static ProviderResponse of(ProviderProjection.ProviderView view) {
            return new ProviderResponse(view.id(), view.displayName(), view.serviceIds(),
                    WeeklyHours.of(view.weekly()));
        }
    }

    record Providers(List<ProviderResponse> providers) {
    }

    @Operation(operationId = "listProviders", summary = "List the providers")
    @GetMapping("/providers")
    @PreAuthorize("hasAnyRole('SCHEDULER','CLINICIAN','PRACTICE_ADMIN','COMPLIANCE_OFFICER','ANALYST')")
    Providers providers(Actor actor) {
        return new Providers(providers.providers(actor.practiceId()).stream().map(ProviderResponse::of).toList());
    }

    @Operation(operationId = "getProvider", summary = "Read a provider")
    @GetMapping("/providers/{providerId}")
    @PreAuthorize("hasAnyRole('SCHEDULER','CLINICIAN','PRACTICE_ADMIN','COMPLIANCE_OFFICER','ANALYST')")
    ProviderResponse provider(Actor actor, @PathVariable String providerId) {
        return ProviderResponse.of(provider(actor.practiceId(), providerId));
    }

    record TimeOffResponse(String id, OffsetDateTime start, OffsetDateTime end, @Nullable String reason) {
    }

    record TimeOffList(List<TimeOffResponse> timeOff) {
    }

    @Operation(operationId = "listTimeOff", summary = "List a provider's time off")
    @GetMapping("/providers/{providerId}/time-off")
    @PreAuthorize("hasAnyRole('SCHEDULER','CLINICIAN','PRACTICE_ADMIN','COMPLIANCE_OFFICER','ANALYST')")
    TimeOffList timeOff(Actor actor, @PathVariable String providerId) {
        provider(actor.practiceId(), providerId);
        String zone = practices.settings(actor.practiceId()).timeZone();
        return new TimeOffList(providers.timeOff(List.of(providerId), Instant.EPOCH,
        Instant.parse("9999-01-01T00:00:00Z"))
                .stream()
                .map(t -> new TimeOffResponse(t.id(), ApiTimes.at(t.range().start(), zone),
                        ApiTimes.at(t.range().end(), zone), t.reason()))
                .toList());
    }

    /** Named apart from the command side's {@code AppointmentResponse}, which lacks the patient's name. */
    @Schema(name = "AppointmentDetail")
    record AppointmentResponse(String id, String patientId, String patientName, String providerId,
                               String serviceId, OffsetDateTime start, OffsetDateTime end,
                               AppointmentStatus status, AppointmentSource source, @Nullable String rescheduledTo,
                               @Nullable String rescheduledFrom, @Nullable String cancellationReason) {

        static AppointmentResponse of(AppointmentProjection.AppointmentView view, String zone) {
            return new AppointmentResponse(view.id(), view.patientId(), view.patientName(), view.providerId(),
                    view.serviceId(), ApiTimes.at(view.start(), zone), ApiTimes.at(view.end(), zone),
                    view.status(), view.source(), view.rescheduledTo(), view.rescheduledFrom(),
                    view.cancellationReason());
        }

        @Override
        public String toString() {
            return "AppointmentResponse[id=" + id + "]";
        }
    }

    @Operation(operationId = "getAppointment", summary = "Read an appointment")
    @GetMapping("/appointments/{appointmentId}")
    @PreAuthorize("hasAnyRole('SCHEDULER','CLINICIAN','PRACTICE_ADMIN','COMPLIANCE_OFFICER')")
    AppointmentResponse appointment(Actor actor, @PathVariable String appointmentId) {
        AppointmentProjection.AppointmentView view = appointments.appointment(actor.practiceId(), appointmentId)
                .orElseThrow(() -> Refusal.notFound("Appointment " + appointmentId));
        if (actor.limitedToOwnProvider() && !view.providerId().equals(actor.providerId())) {
            throw new Refusal(ErrorCode.FORBIDDEN, "This is another provider's appointment");
        }
        audit.read(actor, "ReadAppointment", "Appointment", appointmentId, List.of(view.patientId()));
        return AppointmentResponse.of(view, practices.settings(actor.practiceId()).timeZone());
    }

    record Calendar(List<AppointmentResponse> appointments) {
    }

    @Operation(operationId = "getCalendar", summary = "Appointments of a provider or a patient, by start")
    @Refuses({ErrorCode.NOT_FOUND})
    @GetMapping("/calendar")
    @PreAuthorize("hasAnyRole('SCHEDULER','CLINICIAN','PRACTICE_ADMIN','COMPLIANCE_OFFICER')")
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
            provider(actor.practiceId(), providerId);
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
        return new Calendar(found.stream().map(a -> AppointmentResponse.of(a, zone)).toList());
    }

    /**
     * A free slot; {@code start} and {@code end} are ISO-8601 with the practice's offset, written once per distinct
     * instant of an answer (thousands of slots share a few hundred instants), exactly as Jackson writes an
     * {@code OffsetDateTime}.
     */
    record SlotResponse(String providerId, @Schema(format = "date-time") String start,
                        @Schema(format = "date-time") String end) {
    }

    record Availability(List<SlotResponse> slots) {
    }

    @Operation(operationId = "findAvailableSlots", summary = "Free slots for a service")
    @Refuses({ErrorCode.NOT_FOUND})
    @GetMapping("/availability")
    @PreAuthorize("hasAnyRole('SCHEDULER','CLINICIAN','PRACTICE_ADMIN','ANALYST')")
    Availability availability(Actor actor, @RequestParam String serviceId, @RequestParam LocalDate from,
                              @RequestParam LocalDate to,
                              @RequestParam(name = "providerId", required = false) List<String> providerIds) {
        DateRanges.check(from, to, MAX_AVAILABILITY_DAYS);
        if (providerIds != null && providerIds.size() > MAX_PROVIDER_FILTER) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED,
                    "At most " + MAX_PROVIDER_FILTER + " providerId values");
        }
        PracticeSettings settings = practices.settings(actor.practiceId());
        PracticeProjection.ServiceView service = practices.service(actor.practiceId(), serviceId)
                .orElseThrow(() -> Refusal.notFound("Service " + serviceId));
        List<ProviderProjection.ProviderView> candidates = providerIds == null || providerIds.isEmpty()
                ? providers.providers(actor.practiceId())
                : providerIds.stream().distinct().map(id -> provider(actor.practiceId(), id)).toList();
        candidates = candidates.stream().filter(p -> p.offers(serviceId)).toList();

        ZoneId zone = ZoneId.of(settings.timeZone());
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        List<String> ids = candidates.stream().map(ProviderProjection.ProviderView::id).toList();
        Map<String, List<TimeRange>> unavailable = new HashMap<>();
        providers.timeOff(ids, start, end).forEach(t ->
                unavailable.computeIfAbsent(t.providerId(), k -> new ArrayList<>()).add(t.range()));
        Instant now = clock.instant();
        appointments.blockedTime(ids, start, end, now).forEach(b ->
                unavailable.computeIfAbsent(b.providerId(), k -> new ArrayList<>()).add(b.range()));

        List<AvailabilityCalculator.ProviderTime> times = candidates.stream()
                .map(p -> new AvailabilityCalculator.ProviderTime(p.id(), p.weekly(),
                        unavailable.getOrDefault(p.id(), List.of())))
                .toList();
        List<LocalDate> dates = from.datesUntil(to.plusDays(1)).toList();
        Instant horizon = now.plus(Duration.ofDays(settings.bookingHorizonDays()));
        Map<Instant, String> written = new HashMap<>();
        Function<Instant, String> at = instant -> written.computeIfAbsent(instant,
                i -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(i.atZone(zone).toOffsetDateTime()));
        List<SlotResponse> slots = AvailabilityCalculator.slots(times, dates, zone, settings.slotMinutes(),
                        Duration.ofMinutes(service.durationMinutes()), Duration.ofMinutes(service.bufferMinutes()),
                        now, horizon).stream()
                .map(s -> new SlotResponse(s.providerId(), at.apply(s.start()), at.apply(s.end())))
                .toList();
        return new Availability(slots);
    }

    private ProviderProjection.ProviderView provider(String practiceId, String providerId) {
        return providers.provider(practiceId, providerId)
                .orElseThrow(() -> Refusal.notFound("Provider " + providerId));
    }
}
