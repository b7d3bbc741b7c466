package com.practicescheduler.command.groupsession;

import com.practicescheduler.command.appointment.GroupSeats;
import com.practicescheduler.command.common.Aggregates;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** The sessions' side of cancelling a seat through the appointment endpoints. */
@Component
class SessionSeats implements GroupSeats {

    private final Repository<GroupSession> sessions;

    SessionSeats(@Qualifier("groupSessionRepository") Repository<GroupSession> sessions) {
        this.sessions = sessions;
    }

    @Override
    public void lock(String groupSessionId) {
        Aggregates.load(sessions, groupSessionId, "Group session");
    }

    @Override
    public void free(String groupSessionId, String appointmentId) {
        // the session is already part of this unit of work: loading it again answers the same instance
        Aggregates.load(sessions, groupSessionId, "Group session").execute(s -> s.free(appointmentId));
    }
}
