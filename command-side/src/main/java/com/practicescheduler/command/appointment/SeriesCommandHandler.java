package com.practicescheduler.command.appointment;

import com.practicescheduler.api.appointment.AppointmentBookedEvent;
import com.practicescheduler.api.appointment.AppointmentSource;
import com.practicescheduler.api.appointment.AppointmentStatus;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.error.Rejection;
import com.practicescheduler.api.error.SeriesConflict;
import com.practicescheduler.api.series.BookSeriesCommand;
import com.practicescheduler.api.series.CancelSeriesCommand;
import com.practicescheduler.api.series.ExtendSeriesCommand;
import com.practicescheduler.api.series.Recurrence;
import com.practicescheduler.api.series.SeriesAppointment;
import com.practicescheduler.api.series.SeriesBookedEvent;
import com.practicescheduler.api.series.SeriesOccurrence;
import com.practicescheduler.api.series.SeriesOnConflict;
import com.practicescheduler.api.series.SeriesStatus;
import com.practicescheduler.api.series.SeriesSummary;
import com.practicescheduler.api.series.SkippedOccurrence;
import com.practicescheduler.command.common.Aggregates;
import com.practicescheduler.command.patient.PatientDirectory;
import com.practicescheduler.command.practice.PracticeDirectory;
import com.practicescheduler.command.practice.PracticeTerms;
import com.practicescheduler.command.practice.ServiceTerms;
import com.practicescheduler.command.provider.BookingRequest;
import com.practicescheduler.command.provider.ProviderSchedule;
import com.practicescheduler.platform.web.ApiTimes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Books, extends and cancels recurring series. A booking is ONE decision of the provider's {@link ProviderSchedule}:
 * every occurrence is checked and reserved by the same rules as a single booking in one unit of work, so the
 * schedule's stream gets all of the series' reservations in one append, and the event store's optimistic
 * concurrency refuses it whole if anyone else appended meanwhile (the sender retries on fresh state). Each
 * occurrence becomes an ordinary {@link Appointment} with the series' id.
 */
@Component
class SeriesCommandHandler {

    private final Repository<AppointmentSeries> series;
    private final Repository<Appointment> appointments;
    private final Repository<ProviderSchedule> schedules;
    private final PracticeDirectory practices;
    private final PatientDirectory patients;
    private final EventStore eventStore;
    private final Clock clock;

    SeriesCommandHandler(@Qualifier("appointmentSeriesRepository") Repository<AppointmentSeries> series,
                         @Qualifier("appointmentRepository") Repository<Appointment> appointments,
                         @Qualifier("providerScheduleRepository") Repository<ProviderSchedule> schedules,
                         PracticeDirectory practices, PatientDirectory patients, EventStore eventStore,
                         Clock clock) {
        this.series = series;
        this.appointments = appointments;
        this.schedules = schedules;
        this.practices = practices;
        this.patients = patients;
        this.eventStore = eventStore;
        this.clock = clock;
    }

    @CommandHandler
    SeriesSummary handle(BookSeriesCommand command) throws Exception {
        PracticeTerms terms = practices.terms(command.practiceId());
        String zone = terms.settings().timeZone();
        Optional<SeriesSummary> repeated = repeated(command, zone);
        if (repeated.isPresent()) {
            return repeated.get();
        }
        ServiceTerms service = terms.service(command.serviceId());
        patients.requirePatient(command.practiceId(), command.patientId());
        Aggregate<ProviderSchedule> schedule = schedule(command.providerId(), command.practiceId());
        Instant now = clock.instant();
        List<Instant> starts = plannedStarts(command.start(), command.recurrence(), terms.zone(), terms, now, null);
        if (starts.isEmpty()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "The recurrence has no occurrence");
        }
        if (schedule.invoke(s -> s.holds(Recurrences.occurrenceId(command.seriesId(), starts.get(0))))) {
            // the same idempotent request committed while this one waited for the schedule: answer as it did
            throw new Refusal(ErrorCode.CONCURRENT_MODIFICATION, "The same series is being booked");
        }
        Decided decided = decide(schedule, command.seriesId(), service, terms, now, starts);
        if (decided.booked().isEmpty()
                || (command.onConflict() != SeriesOnConflict.SKIP && !decided.skipped().isEmpty())) {
            // nothing is stored: the unit of work rolls back the reservations made above
            throw conflicts(decided.skipped(), zone);
        }
        SeriesBookedEvent booked = new SeriesBookedEvent(command.seriesId(), command.practiceId(),
                command.patientId(), command.providerId(), service.serviceId(), command.start(),
                command.recurrence(), zone, decided.booked(), decided.skipped(), starts.get(starts.size() - 1),
                command.requestFingerprint());
        series.newInstance(() -> new AppointmentSeries(booked));
        book(decided.booked(), command.seriesId(), command.practiceId(), command.patientId(), command.providerId(),
                service);
        return new SeriesSummary(command.seriesId(), SeriesStatus.ACTIVE, asBooked(decided.booked()),
                decided.skipped(), zone);
    }

    /** A series already booked under the same idempotency key: the first answer, or a refusal if asked otherwise. */
    private Optional<SeriesSummary> repeated(BookSeriesCommand command, String zone) {
        if (command.requestFingerprint() == null
                || eventStore.lastSequenceNumberFor(command.seriesId()).isEmpty()) {
            return Optional.empty();
        }
        Aggregate<AppointmentSeries> existing = load(command.seriesId(), command.practiceId());
        if (!existing.invoke(s -> command.requestFingerprint().equals(s.requestFingerprint()))) {
            throw new Refusal(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used for a different booking");
        }
        return Optional.of(existing.invoke(s -> new SeriesSummary(s.seriesId(), SeriesStatus.ACTIVE,
                asBooked(s.firstBooked()), s.firstSkipped(), zone)));
    }

    /**
     * Books the occurrences of an open-ended series that the booking horizon now reaches; those that cannot be
     * booked are recorded as skipped (never dropped). Nothing happens to a series that is not open-ended or not active.
     */
    @CommandHandler
    SeriesSummary handle(ExtendSeriesCommand command) throws Exception {
        Aggregate<AppointmentSeries> aggregate = load(command.seriesId(), command.practiceId());
        PracticeTerms terms = practices.terms(command.practiceId());
        if (aggregate.invoke(AppointmentSeries::extendsItself)) {
            Instant now = clock.instant();
            AppointmentSeries s = aggregate.invoke(root -> root);
            // in the zone the series was booked in: its occurrences keep that local time
            List<Instant> starts = plannedStarts(s.start(), s.recurrence(), ZoneId.of(s.timeZone()), terms, now,
                    s.plannedThrough());
            if (!starts.isEmpty()) {
                ServiceTerms service = terms.service(s.serviceId());
                Aggregate<ProviderSchedule> schedule = schedule(s.providerId(), command.practiceId());
                Decided decided = decide(schedule, s.seriesId(), service, terms, now, starts);
                aggregate.execute(a -> a.extend(decided.booked(), decided.skipped(), starts.get(starts.size() - 1)));
                book(decided.booked(), s.seriesId(), command.practiceId(), s.patientId(), s.providerId(), service);
            }
        }
        return summary(aggregate, terms);
    }

    /**
     * Cancels every still-booked occurrence from the command's date on (an occurrence moved elsewhere is followed to
     * where it went), each late or not by its own start, and ends the series: {@code CANCELLED} when none of its
     * occurrences is left, else {@code ENDED}.
     */
    @CommandHandler
    SeriesSummary handle(CancelSeriesCommand command) throws Exception {
        Aggregate<AppointmentSeries> aggregate = load(command.seriesId(), command.practiceId());
        PracticeTerms terms = practices.terms(command.practiceId());
        Instant now = clock.instant();
        Instant from = command.from() == null ? now : command.from().atStartOfDay(terms.zone()).toInstant();
        boolean anyLeft = false;
        if (aggregate.invoke(AppointmentSeries::status) != SeriesStatus.ACTIVE) {
            throw new Refusal(ErrorCode.INVALID_TRANSITION,
                    "The series is " + aggregate.invoke(AppointmentSeries::status));
        }
        for (SeriesOccurrence occurrence : aggregate.invoke(AppointmentSeries::occurrences)) {
            Aggregate<Appointment> appointment = current(occurrence.appointmentId(), command.practiceId());
            if (appointment.invoke(Appointment::status) == AppointmentStatus.BOOKED
                    && !appointment.invoke(Appointment::start).isBefore(from)) {
                appointment.execute(a -> a.cancel(command.reason(), null, now, terms.settings().lateCancelHours()));
                String appointmentId = appointment.invoke(Appointment::appointmentId);
                schedule(appointment.invoke(Appointment::providerId), command.practiceId())
                        .execute(s -> s.release(appointmentId));
            }
            anyLeft |= appointment.invoke(Appointment::status).occupiesTime();
        }
        boolean left = anyLeft;
        aggregate.execute(s -> s.end(left, from));
        return summary(aggregate, terms);
    }

    /** The occurrences' starts to decide now: all of a bounded series; an open-ended one's up to the horizon. */
    static List<Instant> plannedStarts(Instant first, Recurrence recurrence, ZoneId zone, PracticeTerms terms,
                                       Instant now, Instant after) {
        if (recurrence.openEnded()) {
            Instant horizon = now.plus(Duration.ofDays(terms.settings().bookingHorizonDays()));
            List<Instant> starts = Recurrences.starts(first, recurrence, zone, after, horizon,
                    Recurrences.MAX_OCCURRENCES);
            // a new series whose first occurrence is beyond the horizon is decided on it (and refused as such)
            return starts.isEmpty() && after == null
                    ? Recurrences.starts(first, recurrence, zone, null, null, 1) : starts;
        }
        List<Instant> starts = Recurrences.starts(first, recurrence, zone, after, null,
                Recurrences.MAX_OCCURRENCES + 1);
        if (starts.size() > Recurrences.MAX_OCCURRENCES) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "A series has at most " + Recurrences.MAX_OCCURRENCES
                    + " occurrences: give a count or an earlier until");
        }
        return starts;
    }

    private record Decided(List<SeriesOccurrence> booked, List<SkippedOccurrence> skipped) {
    }

    /**
     * Each start by the schedule's own rules, in order: a free one is reserved at once (so the next ones are decided
     * with it), one that is not is skipped with the problem a single booking would get.
     */
    private static Decided decide(Aggregate<ProviderSchedule> schedule, String seriesId, ServiceTerms service,
                                  PracticeTerms terms, Instant now, List<Instant> starts) {
        List<SeriesOccurrence> booked = new ArrayList<>();
        List<SkippedOccurrence> skipped = new ArrayList<>();
        for (Instant start : starts) {
            BookingRequest request = new BookingRequest(Recurrences.occurrenceId(seriesId, start), service, start);
            ErrorCode refusal = schedule.invoke(s -> s.refusalFor(request, terms, now));
            if (refusal == null) {
                schedule.execute(s -> s.reserve(request, terms, now, null));
                booked.add(new SeriesOccurrence(request.reservationId(), request.start(), request.end()));
            } else {
                skipped.add(new SkippedOccurrence(start, refusal.slug()));
            }
        }
        return new Decided(booked, skipped);
    }

    private void book(List<SeriesOccurrence> booked, String seriesId, String practiceId, String patientId,
                      String providerId, ServiceTerms service) throws Exception {
        for (SeriesOccurrence occurrence : booked) {
            AppointmentBookedEvent event = new AppointmentBookedEvent(occurrence.appointmentId(), practiceId,
                    patientId, providerId, service.serviceId(), occurrence.start(), occurrence.end(),
                    occurrence.end().plus(service.buffer()), AppointmentSource.DIRECT, null, null, seriesId, null);
            appointments.newInstance(() -> new Appointment(event));
        }
    }

    private static Refusal conflicts(List<SkippedOccurrence> skipped, String zone) {
        List<SeriesConflict> conflicts = skipped.stream()
                .map(s -> new SeriesConflict(ApiTimes.at(s.start(), zone)
                        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), s.problem()))
                .toList();
        return new Refusal(new Rejection(ErrorCode.SERIES_CONFLICTS, conflicts.size()
                + " occurrence(s) of the series cannot be booked", List.of(), conflicts));
    }

    private static List<SeriesAppointment> asBooked(List<SeriesOccurrence> booked) {
        return booked.stream().map(o -> new SeriesAppointment(o.appointmentId(), o.start(), o.end(),
                AppointmentStatus.BOOKED)).toList();
    }

    /** The series with each occurrence as it now stands (moved ones where they went). */
    private SeriesSummary summary(Aggregate<AppointmentSeries> aggregate, PracticeTerms terms) {
        List<SeriesAppointment> current = new ArrayList<>();
        for (SeriesOccurrence occurrence : aggregate.invoke(AppointmentSeries::occurrences)) {
            Aggregate<Appointment> appointment = current(occurrence.appointmentId(), terms.practiceId());
            current.add(appointment.invoke(a -> new SeriesAppointment(a.appointmentId(), a.start(), a.end(),
                    a.status())));
        }
        return new SeriesSummary(aggregate.invoke(AppointmentSeries::seriesId),
                aggregate.invoke(AppointmentSeries::status), current, aggregate.invoke(AppointmentSeries::skipped),
                terms.settings().timeZone());
    }

    /** The appointment, or the one it was rescheduled to (and so on): where the occurrence now is. */
    private Aggregate<Appointment> current(String appointmentId, String practiceId) {
        Aggregate<Appointment> appointment = Aggregates.load(appointments, appointmentId, "Appointment");
        appointment.execute(a -> a.requirePractice(practiceId));
        for (int moves = 0; moves < 1000 && appointment.invoke(Appointment::rescheduledTo) != null; moves++) {
            appointment = Aggregates.load(appointments, appointment.invoke(Appointment::rescheduledTo), "Appointment");
        }
        return appointment;
    }

    private Aggregate<AppointmentSeries> load(String seriesId, String practiceId) {
        Aggregate<AppointmentSeries> aggregate = Aggregates.load(series, seriesId, "Series");
        aggregate.execute(s -> s.requirePractice(practiceId));
        return aggregate;
    }

    private Aggregate<ProviderSchedule> schedule(String providerId, String practiceId) {
        Aggregate<ProviderSchedule> schedule = Aggregates.load(schedules, providerId, "Provider");
        schedule.execute(s -> s.requirePractice(practiceId));
        return schedule;
    }
}
