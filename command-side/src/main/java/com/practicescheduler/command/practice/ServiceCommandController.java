package com.practicescheduler.command.practice;

import com.practicescheduler.api.practice.DefineServiceCommand;
import com.practicescheduler.api.practice.Modality;
import com.practicescheduler.command.common.Ids;
import com.practicescheduler.platform.command.CommandSender;
import com.practicescheduler.platform.security.Actor;
import com.practicescheduler.platform.web.Created;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The practice's service catalogue: what can be booked, for how long, with what buffer. */
@Tag(name = "Practice")
@RestController
@RequestMapping("/api/v1/services")
@PreAuthorize("hasRole('PRACTICE_ADMIN')")
class ServiceCommandController {

    /** Seats of a group session at most (SimplePractice allows 15; a large skills group rarely passes 30). */
    static final int MAX_CAPACITY = 100;

    private final CommandSender commands;

    ServiceCommandController(CommandSender commands) {
        this.commands = commands;
    }

    record ServiceRequest(@NotBlank @Size(max = 200) String name,
                          @NotNull @Min(5) @Max(720) Integer durationMinutes,
                          @Min(0) @Max(240) Integer bufferMinutes,
                          Modality modality,
                          @Min(1) @Max(MAX_CAPACITY) Integer capacity) {
    }

    @Operation(operationId = "defineService", summary = "Define a service")
    @ApiResponse(responseCode = "201", description = "Defined")
    @PostMapping
    ResponseEntity<Created> defineService(Actor actor, @Valid @RequestBody ServiceRequest request) {
        String serviceId = Ids.next();
        commands.send(new DefineServiceCommand(actor.practiceId(), serviceId, request.name().strip(),
                request.durationMinutes(), request.bufferMinutes() == null ? 0 : request.bufferMinutes(),
                request.modality() == null ? Modality.IN_PERSON : request.modality(),
                request.capacity() == null ? 1 : request.capacity()));
        return Created.at("/api/v1/services/" + serviceId, serviceId);
    }
}
