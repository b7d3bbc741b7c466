package com.practicescheduler.command.groupsession;

import static com.practicescheduler.command.common.Aggregates.load;

import com.practicescheduler.api.appointment.AppointmentBookedEvent;
import com.practicescheduler.api.appointment.AppointmentSource;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.groupsession.CancelGroupSessionCommand;
import com.practicescheduler.api.groupsession.EnrolParticipantCommand;
import com.practicescheduler.api.groupsession.GroupSessionScheduledEvent;
import com.practicescheduler.api.groupsession.GroupSessionSummary;
import com.practicescheduler.api.groupsession.ReleaseSeatHoldCommand;
import com.practicescheduler.api.groupsession.ScheduleGroupSessionCommand;
import com.practicescheduler.command.appointment.Bookings;
import com.practicescheduler.command.patient.PatientDirectory;
import com.practicescheduler.command.practice.PracticeDirectory;
import com.practicescheduler.command.practice.PracticeTerms;
import com.practicescheduler.command.practice.ServiceTerms;
import com.practicescheduler.command.provider.BookingRequest;
import com.practicescheduler.command.provider.ProviderSchedule;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Schedules, fills and cancels group sessions. Scheduling reserves the provider's time once, in the
 * {@link ProviderSchedule}, by the rules of any booking; a seat is an appointment created with the session's
 * decision; cancelling cancels the booked seats and releases the time — each in one unit of work. Every path locks
 * a session before its seats' appointments and those before the schedule, so no two can deadlock.
 */
@Component
class GroupSessionCommandHandler {

    private final Repository<GroupSession> sessions;
    private final Repository<ProviderSchedule> schedules;
    private final PracticeDirectory practices;
    private final PatientDirectory patients;
    private final Bookings bookings;
    private final Clock clock;

    GroupSessionCommandHandler(@Qualifier("groupSessionRepository") Repository<GroupSession> sessions,
                               @Qualifier("providerScheduleRepository") Repository<ProviderSchedule> schedules,
                               PracticeDirectory practices, PatientDirectory patients, Bookings bookings,
                               Clock clock) {
        this.sessions = sessions;
        this.schedules = schedules;
        this.practices = practices;
        this.patients = patients;
        this.bookings = bookings;
        this.clock = clock;
    }

    @CommandHandler
    GroupSessionSummary handle(ScheduleGroupSessionCommand command) throws Exception {
        PracticeTerms terms = practices.terms(command.practiceId());
        ServiceTerms service = terms.service(command.serviceId());
        if (!service.group()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED,
                    "serviceId: the service is not a group service (its capacity is 1)");
        }
        Aggregate<ProviderSchedule> schedule = load(schedules, command.providerId(), "Provider");
        schedule.execute(s -> s.requirePractice(command.practiceId()));
        BookingRequest request = new BookingRequest(command.groupSessionId(), service, command.start());
        schedule.execute(s -> s.reserve(request, terms, clock.instant(), null));
        GroupSessionScheduledEvent scheduled = new GroupSessionScheduledEvent(command.groupSessionId(),
                command.practiceId(), command.providerId(), service.serviceId(), request.start(), request.end(),
                request.blockedUntil(), service.capacity());
        return sessions.newInstance(() -> new GroupSession(scheduled))
                .invoke(session -> session.summary(terms.settings().timeZone()));
    }

    @CommandHandler
    String handle(EnrolParticipantCommand command) throws Exception {
        patients.requirePatient(command.practiceId(), command.patientId());
        Aggregate<GroupSession> session = session(command.groupSessionId(), command.practiceId());
        session.execute(s -> s.enrol(command.appointmentId(), command.patientId(), clock.instant()));
        ServiceTerms service = practices.terms(command.practiceId()).service(session.invoke(GroupSession::serviceId));
        Instant start = session.invoke(GroupSession::start);
        Instant end = session.invoke(GroupSession::end);
        // the seat names the session; its time stays the session's one reservation
        bookings.create(new AppointmentBookedEvent(command.appointmentId(), command.practiceId(),
                command.patientId(), session.invoke(GroupSession::providerId), service.serviceId(), start, end,
                end.plus(service.buffer()), AppointmentSource.DIRECT, null, null, null, command.groupSessionId()));
        return command.appointmentId();
    }

    @CommandHandler
    GroupSessionSummary handle(CancelGroupSessionCommand command) {
        Aggregate<GroupSession> session = session(command.groupSessionId(), command.practiceId());
        PracticeTerms terms = practices.terms(command.practiceId());
        Instant now = clock.instant();
        List<String> seats = session.invoke(s -> s.cancel(command.reason()));
        for (String seat : seats) {
            bookings.cancelSeat(seat, command.reason(), now, terms.settings().lateCancelHours());
        }
        load(schedules, session.invoke(GroupSession::providerId), "Provider")
                .execute(s -> s.release(command.groupSessionId()));
        return session.invoke(s -> s.summary(terms.settings().timeZone()));
    }

    /** Records that an expired seat offer's hold holds its seat no longer (sent by the waitlist matcher). */
    @CommandHandler
    void handle(ReleaseSeatHoldCommand command) {
        session(command.groupSessionId(), command.practiceId()).execute(s -> s.releaseHold(command.offerId()));
    }

    Aggregate<GroupSession> session(String groupSessionId, String practiceId) {
        Aggregate<GroupSession> session = load(sessions, groupSessionId, "Group session");
        session.execute(s -> s.requirePractice(practiceId));
        return session;
    }
}
