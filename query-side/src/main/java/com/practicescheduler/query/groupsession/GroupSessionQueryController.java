package com.practicescheduler.query.groupsession;

import com.practicescheduler.api.Nullable;
import com.practicescheduler.api.appointment.AppointmentStatus;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.groupsession.GroupSessionStatus;
import com.practicescheduler.platform.audit.AuditLog;
import com.practicescheduler.platform.security.Actor;
import com.practicescheduler.platform.web.ApiTimes;
import com.practicescheduler.query.appointment.AppointmentProjection;
import com.practicescheduler.query.practice.PracticeProjection;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** One group session with its participants, read as an appointment's detail is: a PHI read, audited. */
@Tag(name = "Group sessions")
@RestController
@RequestMapping("/api/v1/group-sessions")
@PreAuthorize("hasAnyRole('SCHEDULER','CLINICIAN','PRACTICE_ADMIN','COMPLIANCE_OFFICER')")
class GroupSessionQueryController {

    private final PracticeProjection practices;
    private final GroupSessionProjection sessions;
    private final AppointmentProjection appointments;
    private final AuditLog audit;

    GroupSessionQueryController(PracticeProjection practices, GroupSessionProjection sessions,
                                AppointmentProjection appointments, AuditLog audit) {
        this.practices = practices;
        this.sessions = sessions;
        this.appointments = appointments;
        this.audit = audit;
    }

    record Participant(String appointmentId, String patientId, String patientName, AppointmentStatus status) {

        @Override
        public String toString() {
            return "Participant[appointmentId=" + appointmentId + "]";
        }
    }

    record GroupSessionDetail(String id, String providerId, String serviceId, OffsetDateTime start,
                              OffsetDateTime end, int capacity, int seatsTaken, int seatsHeld, int seatsLeft,
                              GroupSessionStatus status,
                              @Nullable String cancellationReason, List<Participant> participants) {

        @Override
        public String toString() {
            return "GroupSessionDetail[id=" + id + "]";
        }
    }

    @Operation(operationId = "getGroupSession", summary = "Read a group session with its participants")
    @GetMapping("/{groupSessionId}")
    GroupSessionDetail session(Actor actor, @PathVariable String groupSessionId) {
        GroupSessionProjection.Session session = sessions.session(actor.practiceId(), groupSessionId)
                .orElseThrow(() -> Refusal.notFound("Group session " + groupSessionId));
        if (actor.limitedToOwnProvider() && !session.providerId().equals(actor.providerId())) {
            throw new Refusal(ErrorCode.FORBIDDEN, "This is another provider's group session");
        }
        List<Participant> participants = appointments.seats(actor.practiceId(), groupSessionId).stream()
                .map(seat -> new Participant(seat.appointmentId(), seat.patientId(), seat.patientName(),
                        seat.status()))
                .toList();
        audit.read(actor, "ReadGroupSession", "GroupSession", groupSessionId,
                participants.stream().map(Participant::patientId).distinct().toList());
        String zone = practices.settings(actor.practiceId()).timeZone();
        return new GroupSessionDetail(session.id(), session.providerId(), session.serviceId(),
                ApiTimes.at(session.start(), zone), ApiTimes.at(session.end(), zone), session.capacity(),
                session.seatsTaken(), session.seatsHeld(),
                session.status() == GroupSessionStatus.SCHEDULED ? session.seatsLeft() : 0, session.status(),
                session.cancellationReason(), participants);
    }
}
