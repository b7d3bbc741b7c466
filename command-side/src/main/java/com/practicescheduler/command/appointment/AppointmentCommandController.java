package com.practicescheduler.command.appointment;

import com.practicescheduler.api.appointment.AppointmentSummary;
import com.practicescheduler.api.appointment.BookAppointmentCommand;
import com.practicescheduler.api.appointment.CancelAppointmentCommand;
import com.practicescheduler.api.appointment.CancellationReason;
import com.practicescheduler.api.appointment.RecordVisitStepCommand;
import com.practicescheduler.api.appointment.RescheduleAppointmentCommand;
import com.practicescheduler.api.appointment.VisitStep;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.command.common.Ids;
import com.practicescheduler.platform.command.CommandSender;
import com.practicescheduler.platform.openapi.Refuses;
import com.practicescheduler.platform.security.Actor;
import com.practicescheduler.platform.security.Sha256;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Appointments")
@RestController
@RequestMapping("/api/v1/appointments")
class AppointmentCommandController {

    private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 200;

    private final CommandSender commands;

    AppointmentCommandController(CommandSender commands) {
        this.commands = commands;
    }

    record BookingRequest(@NotBlank @Size(max = 64) String patientId,
                          @NotBlank @Size(max = 64) String providerId,
                          @NotBlank @Size(max = 64) String serviceId,
                          @NotNull OffsetDateTime start) {
    }

    /**
     * Books. With an {@code Idempotency-Key}, the appointment's id is derived from the practice and the key, so a
     * repeat finds the first booking in the event store — on any node — and gets the first answer again.
     */
    @Operation(operationId = "bookAppointment", summary = "Book an appointment")
    @ApiResponse(responseCode = "201",
            description = "Booked (or, for a repeated Idempotency-Key, the first answer again)")
    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.SLOT_UNAVAILABLE, ErrorCode.IDEMPOTENCY_KEY_REUSED,
            ErrorCode.CONCURRENT_MODIFICATION, ErrorCode.IN_THE_PAST, ErrorCode.BEYOND_HORIZON,
            ErrorCode.SERVICE_NOT_OFFERED, ErrorCode.OUTSIDE_WORKING_HOURS, ErrorCode.TIME_OFF})
    @PostMapping
    @PreAuthorize("hasAnyRole('SCHEDULER','PRACTICE_ADMIN')")
    ResponseEntity<AppointmentResponse> book(Actor actor, @Valid @RequestBody BookingRequest request,
                                             @RequestHeader(name = "Idempotency-Key", required = false)
                                             String idempotencyKey) {
        String appointmentId = appointmentId(actor.practiceId(), idempotencyKey);
        AppointmentSummary booked = commands.send(new BookAppointmentCommand(appointmentId, actor.practiceId(),
                request.patientId(), request.providerId(), request.serviceId(), request.start().toInstant(),
                idempotencyKey == null ? null : fingerprint(request)));
        return ResponseEntity.created(URI.create("/api/v1/appointments/" + booked.appointmentId()))
                .body(AppointmentResponse.of(booked));
    }

    static String appointmentId(String practiceId, String idempotencyKey) {
        if (idempotencyKey == null) {
            return Ids.next();
        }
        if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED,
                    "Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
        }
        String scoped = "idempotency-key\n" + practiceId + "\n" + idempotencyKey;
        return UUID.nameUUIDFromBytes(scoped.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String fingerprint(BookingRequest request) {
        String canonical = String.join("\n", request.patientId(), request.providerId(), request.serviceId(),
                request.start().toInstant().toString());
        return Sha256.hex(canonical.getBytes(StandardCharsets.UTF_8));
    }

    record RescheduleRequest(@NotNull OffsetDateTime start, @Size(max = 64) String providerId) {
    }

    @Operation(operationId = "rescheduleAppointment", summary = "Move an appointment to another start or provider")
    @Refuses({ErrorCode.SLOT_UNAVAILABLE, ErrorCode.INVALID_TRANSITION, ErrorCode.IN_THE_PAST,
            ErrorCode.BEYOND_HORIZON, ErrorCode.SERVICE_NOT_OFFERED, ErrorCode.OUTSIDE_WORKING_HOURS,
            ErrorCode.TIME_OFF})
    @PostMapping("/{appointmentId}/reschedule")
    @PreAuthorize("hasAnyRole('SCHEDULER','PRACTICE_ADMIN')")
    AppointmentResponse reschedule(Actor actor, @PathVariable String appointmentId,
                                   @Valid @RequestBody RescheduleRequest request) {
        String providerId = request.providerId() == null || request.providerId().isBlank()
                ? null : request.providerId();
        return AppointmentResponse.of(commands.send(new RescheduleAppointmentCommand(appointmentId,
                actor.practiceId(), Ids.next(), request.start().toInstant(), providerId)));
    }

    record CancelRequest(@NotNull CancellationReason reason, @Size(max = 2000) String note) {

        @Override
        public String toString() {
            return "CancelRequest[reason=" + reason + "]";
        }
    }

    @Operation(operationId = "cancelAppointment", summary = "Cancel an appointment")
    @Refuses({ErrorCode.INVALID_TRANSITION})
    @PostMapping("/{appointmentId}/cancel")
    @PreAuthorize("hasAnyRole('SCHEDULER','PRACTICE_ADMIN')")
    AppointmentResponse cancel(Actor actor, @PathVariable String appointmentId,
                               @Valid @RequestBody CancelRequest request) {
        return AppointmentResponse.of(commands.send(new CancelAppointmentCommand(appointmentId,
                actor.practiceId(), request.reason(), request.note())));
    }

    @Operation(operationId = "checkInAppointment", summary = "Check the patient in")
    @Refuses({ErrorCode.INVALID_TRANSITION})
    @PostMapping("/{appointmentId}/check-in")
    @PreAuthorize("hasAnyRole('SCHEDULER','PRACTICE_ADMIN','CLINICIAN')")
    AppointmentResponse checkIn(Actor actor, @PathVariable String appointmentId) {
        return visitStep(actor, appointmentId, VisitStep.CHECK_IN);
    }

    @Operation(operationId = "completeAppointment", summary = "Complete an appointment")
    @Refuses({ErrorCode.INVALID_TRANSITION})
    @PostMapping("/{appointmentId}/complete")
    @PreAuthorize("hasAnyRole('SCHEDULER','PRACTICE_ADMIN','CLINICIAN')")
    AppointmentResponse complete(Actor actor, @PathVariable String appointmentId) {
        return visitStep(actor, appointmentId, VisitStep.COMPLETE);
    }

    @Operation(operationId = "recordNoShow", summary = "Record that the patient did not come")
    @Refuses({ErrorCode.INVALID_TRANSITION})
    @PostMapping("/{appointmentId}/no-show")
    @PreAuthorize("hasAnyRole('SCHEDULER','PRACTICE_ADMIN','CLINICIAN')")
    AppointmentResponse noShow(Actor actor, @PathVariable String appointmentId) {
        return visitStep(actor, appointmentId, VisitStep.NO_SHOW);
    }

    private AppointmentResponse visitStep(Actor actor, String appointmentId, VisitStep step) {
        // a clinician without a staff role acts only as their own provider; a token without one matches nothing
        String actingProviderId = actor.limitedToOwnProvider()
                ? (actor.providerId() == null ? "" : actor.providerId()) : null;
        return AppointmentResponse.of(commands.send(new RecordVisitStepCommand(appointmentId, actor.practiceId(),
                step, actingProviderId)));
    }
}
