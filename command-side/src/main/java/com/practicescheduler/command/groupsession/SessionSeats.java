package com.practicescheduler.command.groupsession;

import com.practicescheduler.command.appointment.GroupSeats;
import com.practicescheduler.command.common.Aggregates;
import com.practicescheduler.command.offer.SeatHolds;
import java.time.Instant;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The sessions' side of cancelling a seat through the appointment endpoints and of the waitlist's seat offers. A
 * session loaded once in a unit of work is the same instance (and lock) when loaded again.
 */
@Component
class SessionSeats implements GroupSeats, SeatHolds {

    private final Repository<GroupSession> sessions;

    SessionSeats(@Qualifier("groupSessionRepository") Repository<GroupSession> sessions) {
        this.sessions = sessions;
    }

    @Override
    public void lock(String groupSessionId) {
        load(groupSessionId);
    }

    @Override
    public void free(String groupSessionId, String appointmentId) {
        load(groupSessionId).execute(s -> s.free(appointmentId));
    }

    @Override
    public Session session(String groupSessionId, String practiceId) {
        Aggregate<GroupSession> session = load(groupSessionId);
        session.execute(s -> s.requirePractice(practiceId));
        return session.invoke(s -> new Session(groupSessionId, s.providerId(), s.serviceId(), s.start(), s.end(),
                s.blockedUntil()));
    }

    @Override
    public void hold(String groupSessionId, String offerId, String entryId, String patientId, Instant expiresAt,
                     Instant now) {
        load(groupSessionId).execute(s -> s.holdSeat(offerId, entryId, patientId, expiresAt, now));
    }

    @Override
    public void take(String groupSessionId, String offerId, String appointmentId, String patientId, Instant now) {
        load(groupSessionId).execute(s -> s.takeHeldSeat(offerId, appointmentId, patientId, now));
    }

    @Override
    public void release(String groupSessionId, String offerId) {
        load(groupSessionId).execute(s -> s.releaseHold(offerId));
    }

    private Aggregate<GroupSession> load(String groupSessionId) {
        return Aggregates.load(sessions, groupSessionId, "Group session");
    }
}
