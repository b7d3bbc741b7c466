package com.practicescheduler.command.groupsession;

import com.practicescheduler.api.appointment.CancellationReason;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.groupsession.CancelGroupSessionCommand;
import com.practicescheduler.api.groupsession.EnrolParticipantCommand;
import com.practicescheduler.api.groupsession.GroupSessionStatus;
import com.practicescheduler.api.groupsession.GroupSessionSummary;
import com.practicescheduler.api.groupsession.ScheduleGroupSessionCommand;
import com.practicescheduler.command.common.Ids;
import com.practicescheduler.platform.command.CommandSender;
import com.practicescheduler.platform.openapi.Refuses;
import com.practicescheduler.platform.security.Actor;
import com.practicescheduler.platform.web.ApiTimes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.OffsetDateTime;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Group sessions: scheduling one, enrolling patients in its seats, cancelling it. Staff who book do this. */
@Tag(name = "Group sessions")
@RestController
@RequestMapping("/api/v1/group-sessions")
@PreAuthorize("hasAnyRole('SCHEDULER','PRACTICE_ADMIN')")
class GroupSessionCommandController {

    private final CommandSender commands;

    GroupSessionCommandController(CommandSender commands) {
        this.commands = commands;
    }

    record GroupSessionRequest(@NotBlank @Size(max = 64) String providerId,
                               @NotBlank @Size(max = 64) String serviceId,
                               @NotNull OffsetDateTime start) {
    }

    /** A group session as command endpoints answer with it; times in the practice's zone. */
    record GroupSessionResponse(String id, String providerId, String serviceId, OffsetDateTime start,
                                OffsetDateTime end, int capacity, int seatsTaken, GroupSessionStatus status) {

        static GroupSessionResponse of(GroupSessionSummary summary) {
            return new GroupSessionResponse(summary.groupSessionId(), summary.providerId(), summary.serviceId(),
                    ApiTimes.at(summary.start(), summary.timeZone()), ApiTimes.at(summary.end(), summary.timeZone()),
                    summary.capacity(), summary.seatsTaken(), summary.status());
        }
    }

    @Operation(operationId = "scheduleGroupSession", summary = "Schedule a session of a group service")
    @ApiResponse(responseCode = "201", description = "Scheduled: the provider's time is reserved once")
    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.SLOT_UNAVAILABLE, ErrorCode.IN_THE_PAST, ErrorCode.BEYOND_HORIZON,
            ErrorCode.SERVICE_NOT_OFFERED, ErrorCode.OUTSIDE_WORKING_HOURS, ErrorCode.TIME_OFF})
    @PostMapping
    ResponseEntity<GroupSessionResponse> schedule(Actor actor, @Valid @RequestBody GroupSessionRequest request) {
        GroupSessionSummary scheduled = commands.send(new ScheduleGroupSessionCommand(Ids.next(),
                actor.practiceId(), request.providerId(), request.serviceId(), request.start().toInstant()));
        return ResponseEntity.created(URI.create("/api/v1/group-sessions/" + scheduled.groupSessionId()))
                .body(GroupSessionResponse.of(scheduled));
    }

    record EnrolRequest(@NotBlank @Size(max = 64) String patientId) {
    }

    /** The seat taken: an appointment ({@code id} repeats {@code appointmentId}, as every 201 names its resource). */
    record SeatTaken(String appointmentId, String id) {
    }

    @Operation(operationId = "enrolInGroupSession", summary = "Give a patient a seat in a group session")
    @ApiResponse(responseCode = "201", description = "Enrolled: the seat is an appointment of its own")
    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.SESSION_FULL, ErrorCode.ALREADY_ENROLLED, ErrorCode.INVALID_TRANSITION,
            ErrorCode.IN_THE_PAST})
    @PostMapping("/{groupSessionId}/participants")
    ResponseEntity<SeatTaken> enrol(Actor actor, @PathVariable String groupSessionId,
                                    @Valid @RequestBody EnrolRequest request) {
        String appointmentId = commands.send(new EnrolParticipantCommand(groupSessionId, actor.practiceId(),
                request.patientId(), Ids.next()));
        return ResponseEntity.created(URI.create("/api/v1/appointments/" + appointmentId))
                .body(new SeatTaken(appointmentId, appointmentId));
    }

    record GroupSessionCancelRequest(@NotNull CancellationReason reason) {
    }

    @Operation(operationId = "cancelGroupSession", summary = "Cancel a group session and every booked seat")
    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.INVALID_TRANSITION})
    @PostMapping("/{groupSessionId}/cancel")
    GroupSessionResponse cancel(Actor actor, @PathVariable String groupSessionId,
                                @Valid @RequestBody GroupSessionCancelRequest request) {
        return GroupSessionResponse.of(commands.send(new CancelGroupSessionCommand(groupSessionId,
                actor.practiceId(), request.reason())));
    }
}
