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
    private final Clock clock;

    AppointmentCommandHandler(@Qualifier("appointmentRepository") Repository<Appointment> appointments,
                              @Qualifier("providerScheduleRepository") Repository<ProviderSchedule> schedules,
                              PracticeDirectory practices, PatientDirectory patients, EventStore eventStore,
                              Clock clock) {
        this.appointments = appointments;
        this.schedules = schedules;
        this.practices = practices;
        this.patients = patients;
        this.eventStore = eventStore;
        this.clock = clock;
    }

    @CommandHandler
    AppointmentSummary handle(BookAppointmentCommand command) throws Exception {
        PracticeTerms terms = practices.terms(command.practiceId());
        Optional<AppointmentSummary> repeated = repeated(command, terms);
        if (repeated.isPresent()) {
            return repeated.get();
        }
        ServiceTerms service = terms.service(command.serviceId());
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

    /** A booking already made under the same idempotency key: the first answer, or a refusal if asked otherwise. */
    private Optional<AppointmentSummary> repeated(BookAppointmentCommand command, PracticeTerms terms) {
        // without an idempotency key the id is fresh and random: there is nothing to look up
        if (command.requestFingerprint() == null
                || eventStore.lastSequenceNumberFor(command.appointmentId()).isEmpty()) {
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
        old.execute(Appointment::requireBooked);
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

    @CommandHandler
    AppointmentSummary handle(CancelAppointmentCommand command) {
        Aggregate<Appointment> appointment = appointment(command.appointmentId(), command.practiceId());
        PracticeTerms terms = practices.terms(command.practiceId());
        appointment.execute(a -> a.cancel(command.reason(), command.note(), clock.instant(),
                terms.settings().lateCancelHours()));
        schedule(appointment.invoke(Appointment::providerId), command.practiceId())
                .execute(s -> s.release(command.appointmentId()));
        return appointment.invoke(a -> a.summary(terms.settings().timeZone()));
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
