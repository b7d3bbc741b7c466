package com.practicescheduler.command.appointment;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.series.Recurrence;
import com.practicescheduler.command.patient.PatientDirectory;
import com.practicescheduler.command.practice.PracticeDirectory;
import com.practicescheduler.command.practice.PracticeTerms;
import com.practicescheduler.command.practice.ServiceTerms;
import com.practicescheduler.command.provider.BookingRequest;
import com.practicescheduler.command.provider.ProviderDirectory;
import com.practicescheduler.command.provider.ScheduleReader;
import com.practicescheduler.command.provider.ScheduleView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What booking a series would do, without booking: each occurrence checked by the provider's schedule's own rules
 * ({@code BookingPolicy}, read from the schedule's events without its lock), and for one that cannot be booked up
 * to three free starts of the same provider on the same local day, nearest first. Booking decides again.
 */
@Component
class SeriesPreview {

    static final int ALTERNATIVES = 3;

    private final PracticeDirectory practices;
    private final PatientDirectory patients;
    private final ProviderDirectory providers;
    private final ScheduleReader schedules;
    private final Clock clock;

    SeriesPreview(PracticeDirectory practices, PatientDirectory patients, ProviderDirectory providers,
                  ScheduleReader schedules, Clock clock) {
        this.practices = practices;
        this.providers = providers;
        this.patients = patients;
        this.schedules = schedules;
        this.clock = clock;
    }

    record Slot(Instant start, Instant end) {
    }

    record Occurrence(Instant start, Instant end, ErrorCode problem, List<Slot> alternatives) {
    }

    record Previewed(List<Occurrence> occurrences, String timeZone) {
    }

    Previewed preview(String practiceId, String patientId, String providerId, String serviceId, Instant first,
                      Recurrence recurrence) {
        PracticeTerms terms = practices.terms(practiceId);
        ServiceTerms service = terms.service(serviceId);
        patients.requirePatient(practiceId, patientId);
        providers.requireProvider(practiceId, providerId);
        ScheduleView schedule = schedules.read(providerId);
        Instant now = clock.instant();
        List<Instant> starts = SeriesCommandHandler.plannedStarts(first, recurrence, terms.zone(), terms, now,
                null);
        List<Occurrence> occurrences = new ArrayList<>();
        for (Instant start : starts) {
            BookingRequest request = new BookingRequest("preview", service, start);
            ErrorCode problem = schedule.refusalFor(request, terms.settings(), now);
            occurrences.add(new Occurrence(start, request.end(), problem,
                    problem == null ? List.of() : alternatives(schedule, terms, service, start, now)));
        }
        return new Previewed(occurrences, terms.settings().timeZone());
    }

    /** Free grid starts on the occurrence's local day, nearest to it first (earlier first when as near). */
    private static List<Slot> alternatives(ScheduleView schedule, PracticeTerms terms, ServiceTerms service,
                                           Instant occurrence, Instant now) {
        ZoneId zone = terms.zone();
        LocalDate day = occurrence.atZone(zone).toLocalDate();
        int step = terms.settings().slotMinutes();
        List<Instant> free = new ArrayList<>();
        for (int minute = 0; minute < 24 * 60; minute += step) {
            LocalDateTime local = LocalDateTime.of(day, LocalTime.of(minute / 60, minute % 60));
            ZonedDateTime zoned = local.atZone(zone);
            if (!zoned.toLocalDateTime().equals(local)) {
                continue; // skipped as clocks went forward
            }
            Instant start = zoned.toInstant();
            if (!start.equals(occurrence) && schedule.allows(new BookingRequest("preview", service, start),
                    terms.settings(), now)) {
                free.add(start);
            }
        }
        return free.stream()
                .sorted(Comparator.comparing((Instant start) -> Duration.between(start, occurrence).abs())
                        .thenComparing(Comparator.naturalOrder()))
                .limit(ALTERNATIVES)
                .map(start -> new Slot(start, start.plus(service.duration())))
                .toList();
    }
}
