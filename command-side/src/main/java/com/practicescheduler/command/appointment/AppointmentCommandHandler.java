package com.practicescheduler.command.appointment;

import com.practicescheduler.api.appointment.AppointmentBookedEvent;
import com.practicescheduler.api.appointment.AppointmentSource;
import com.practicescheduler.api.appointment.AppointmentSummary;
import com.practicescheduler.api.appointment.BookAppointmentCommand;
import com.practicescheduler.api.appointment.CancelAppointmentCommand;
import com.practicescheduler.api.appointment.RescheduleAppointmentCommand;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.command.common.Aggregates;
import com.practicescheduler.command.common.StreamHeads;
import com.practicescheduler.command.patient.PatientDirectory;
import com.practicescheduler.command.practice.PracticeDirectory;
import com.practicescheduler.command.practice.PracticeTerms;
import com.practicescheduler.command.practice.ServiceTerms;
import com.practicescheduler.command.provider.BookingRequest;
import com.practicescheduler.command.provider.ProviderSchedule;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Books, reschedules and cancels: each changes an {@link Appointment} and the reservations of one or two
 * {@link ProviderSchedule}s in a single unit of work, so either all of it is stored or none of it. Schedules are
 * always loaded in id order, so two reschedules in opposite directions cannot deadlock.
 */
@Component
class AppointmentCommandHandler {

    private final Repository<Appointment> appointments;
    private final Repository<ProviderSchedule> schedules;
    private final PracticeDirectory practices;
    private final PatientDirectory patients;
    private final EventStore eventStore;
    private final StreamHeads heads;
    private final GroupSeats seats;
    private final Clock clock;

    AppointmentCommandHandler(@Qualifier("appointmentRepository") Repository<Appointment> appointments,
                              @Qualifier("providerScheduleRepository") Repository<ProviderSchedule> schedules,
                              PracticeDirectory practices, PatientDirectory patients, EventStore eventStore,
                              StreamHeads heads, GroupSeats seats, Clock clock) {
        this.appointments = appointments;
        this.schedules = schedules;
        this.practices = practices;
        this.patients = patients;
        this.eventStore = eventStore;
        this.heads = heads;
        this.seats = seats;
        this.clock = clock;
    }

    /**
     * Decides on the practice's terms and the provider's schedule as cached, unread (on the JDBC store): the append
     * checks both in its own statement, and a refusal checks them first ({@link StreamHeads#trustCached()}).
     */
    @CommandHandler
    AppointmentSummary handle(BookAppointmentCommand command) throws Exception {
        heads.trustCached();
        try {
            return book(command);
        } catch (Refusal refusal) {
            heads.refusing();
            throw refusal;
        }
    }

    private AppointmentSummary book(BookAppointmentCommand command) throws Exception {
        PracticeTerms terms = practices.terms(command.practiceId());
        Optional<AppointmentSummary> repeated = repeated(command, terms);
        if (repeated.isPresent()) {
            return repeated.get();
        }
        ServiceTerms service = terms.service(command.serviceId());
        requireIndividual(service);
        patients.requirePatient(command.practiceId(), command.patientId());
        Aggregate<ProviderSchedule> schedule = schedule(command.providerId(), command.practiceId());
        if (schedule.invoke(s -> s.holds(command.appointmentId()))) {
            // the same idempotent request committed while this one waited for the schedule: answer as it did
            throw new Refusal(ErrorCode.CONCURRENT_MODIFICATION, "The same booking is in progress");
        }
        BookingRequest request = new BookingRequest(command.appointmentId(), service, command.start());
        schedule.execute(s -> s.reserve(request, terms, clock.instant(), null));
        AppointmentBookedEvent booked = new AppointmentBookedEvent(command.appointmentId(), command.practiceId(),
                command.patientId(), command.providerId(), service.serviceId(), request.start(), request.end(),
                request.blockedUntil(), AppointmentSource.DIRECT, null, command.requestFingerprint());
        return appointments.newInstance(() -> new Appointment(booked))
                .invoke(appointment -> appointment.summary(terms.settings().timeZone()));
    }

    /** A group service is booked by taking a seat in one of its sessions, never as an appointment of its own. */
    static void requireIndividual(ServiceTerms service) {
        if (service.group()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "serviceId: a group service is booked by enrolling the"
                    + " patient in one of its group sessions");
        }
    }

    /** A booking already made under the same idempotency key: the first answer, or a refusal if asked otherwise. */
    private Optional<AppointmentSummary> repeated(BookAppointmentCommand command, PracticeTerms terms) {
        // without an idempotency key the id is fresh and random: there is nothing to look up
        if (command.requestFingerprint() == null
                || heads.lastSequence(command.appointmentId()).isEmpty()) {
            return Optional.empty();
        }
        Aggregate<Appointment> existing = appointment(command.appointmentId(), command.practiceId());
        if (!existing.invoke(a -> command.requestFingerprint().equals(a.requestFingerprint()))) {
            throw new Refusal(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used for a different booking");
        }
        return Optional.of(existing.invoke(a -> a.asBooked(terms.settings().timeZone())));
    }

    @CommandHandler
    AppointmentSummary handle(RescheduleAppointmentCommand command) throws Exception {
        Aggregate<Appointment> old = appointment(command.appointmentId(), command.practiceId());
        old.execute(Appointment::requireReschedulable);
        PracticeTerms terms = practices.terms(command.practiceId());
        ServiceTerms service = terms.service(old.invoke(Appointment::serviceId));
        String fromProvider = old.invoke(Appointment::providerId);
        String toProvider = command.providerId() == null ? fromProvider : command.providerId();
        BookingRequest request = new BookingRequest(command.newAppointmentId(), service, command.start());
        Instant now = clock.instant();
        if (toProvider.equals(fromProvider)) {
            schedule(toProvider, command.practiceId())
                    .execute(s -> s.reserve(request, terms, now, command.appointmentId()));
        } else {
            boolean targetFirst = toProvider.compareTo(fromProvider) < 0;
            Aggregate<ProviderSchedule> first = schedule(targetFirst ? toProvider : fromProvider,
                    command.practiceId());
            Aggregate<ProviderSchedule> second = schedule(targetFirst ? fromProvider : toProvider,
                    command.practiceId());
            Aggregate<ProviderSchedule> target = targetFirst ? first : second;
            Aggregate<ProviderSchedule> source = targetFirst ? second : first;
            target.execute(s -> s.reserve(request, terms, now, null));
            source.execute(s -> s.release(command.appointmentId()));
        }
        old.execute(a -> a.markRescheduled(command.newAppointmentId()));
        AppointmentBookedEvent booked = new AppointmentBookedEvent(command.newAppointmentId(),
                command.practiceId(), old.invoke(Appointment::patientId), toProvider, service.serviceId(),
                request.start(), request.end(), request.blockedUntil(), old.invoke(Appointment::source),
                command.appointmentId(), null, old.invoke(Appointment::seriesId), null);
        return appointments.newInstance(() -> new Appointment(booked))
                .invoke(appointment -> appointment.summary(terms.settings().timeZone()));
    }

    /**
     * Cancels; an ordinary appointment releases its time in the provider's schedule, a seat of a group session
     * frees the seat in the session instead (the session keeps the provider's time).
     */
    @CommandHandler
    AppointmentSummary handle(CancelAppointmentCommand command) {
        String groupSessionId = groupSessionOf(command.appointmentId());
        if (groupSessionId != null) {
            seats.lock(groupSessionId);
        }
        Aggregate<Appointment> appointment = appointment(command.appointmentId(), command.practiceId());
        PracticeTerms terms = practices.terms(command.practiceId());
        appointment.execute(a -> a.cancel(command.reason(), command.note(), clock.instant(),
                terms.settings().lateCancelHours()));
        if (groupSessionId != null) {
            seats.free(groupSessionId, command.appointmentId());
        } else {
            schedule(appointment.invoke(Appointment::providerId), command.practiceId())
                    .execute(s -> s.release(command.appointmentId()));
        }
        return appointment.invoke(a -> a.summary(terms.settings().timeZone()));
    }

    /**
     * The group session an appointment is a seat of, read from its first event without locking it, so that the
     * session can be locked first; null for an ordinary appointment (or an unknown id).
     */
    private String groupSessionOf(String appointmentId) {
        DomainEventStream stream = eventStore.readEvents(appointmentId, 0);
        return stream.hasNext() && stream.next().getPayload() instanceof AppointmentBookedEvent booked
                ? booked.groupSessionId() : null;
    }

    private Aggregate<Appointment> appointment(String appointmentId, String practiceId) {
        Aggregate<Appointment> appointment = Aggregates.load(appointments, appointmentId, "Appointment");
        appointment.execute(a -> a.requirePractice(practiceId));
        return appointment;
    }

    private Aggregate<ProviderSchedule> schedule(String providerId, String practiceId) {
        Aggregate<ProviderSchedule> schedule = Aggregates.load(schedules, providerId, "Provider");
        schedule.execute(s -> s.requirePractice(practiceId));
        return schedule;
    }
}
