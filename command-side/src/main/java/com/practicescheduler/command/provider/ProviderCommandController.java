package com.practicescheduler.command.provider;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.provider.AddTimeOffCommand;
import com.practicescheduler.api.provider.RegisterProviderCommand;
import com.practicescheduler.api.provider.RemoveTimeOffCommand;
import com.practicescheduler.api.provider.SetWorkingHoursCommand;
import com.practicescheduler.api.provider.WeeklyInterval;
import com.practicescheduler.command.common.Ids;
import com.practicescheduler.platform.command.CommandSender;
import com.practicescheduler.platform.openapi.Refuses;
import com.practicescheduler.platform.security.Actor;
import com.practicescheduler.platform.web.Created;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Providers")
@RestController
@RequestMapping("/api/v1/providers")
@PreAuthorize("hasRole('PRACTICE_ADMIN')")
class ProviderCommandController {

    private final CommandSender commands;

    ProviderCommandController(CommandSender commands) {
        this.commands = commands;
    }

    record ProviderRequest(@NotBlank @Size(max = 200) String displayName,
                           @Size(max = 200) List<@NotBlank @Size(max = 64) String> serviceIds) {
    }

    @Operation(operationId = "registerProvider", summary = "Register a provider")
    @ApiResponse(responseCode = "201", description = "Registered")
    @Refuses({ErrorCode.NOT_FOUND})
    @PostMapping
    ResponseEntity<Created> register(Actor actor, @Valid @RequestBody ProviderRequest request) {
        String providerId = Ids.next();
        commands.send(new RegisterProviderCommand(providerId, actor.practiceId(), request.displayName().strip(),
                request.serviceIds() == null ? List.of() : request.serviceIds()));
        return Created.at("/api/v1/providers/" + providerId, providerId);
    }

    record IntervalRequest(@NotNull DayOfWeek dayOfWeek, @NotNull LocalTime start, @NotNull LocalTime end) {

        @AssertTrue(message = "end must be after start")
        boolean isOrdered() {
            return start == null || end == null || end.isAfter(start);
        }

        @AssertTrue(message = "start and end are whole minutes (HH:mm)")
        boolean isWholeMinutes() {
            return (start == null || start.getSecond() == 0 && start.getNano() == 0)
                    && (end == null || end.getSecond() == 0 && end.getNano() == 0);
        }
    }

    record WorkingHoursRequest(@NotNull @Size(max = 70) List<@NotNull @Valid IntervalRequest> weekly) {
    }

    /** Working hours as set, with local times as the contract writes them ("09:00"). */
    record WorkingHoursResponse(String providerId, List<Hours> weekly) {

        record Hours(DayOfWeek dayOfWeek, @JsonFormat(pattern = "HH:mm") LocalTime start,
                     @JsonFormat(pattern = "HH:mm") LocalTime end) {
        }

        static WorkingHoursResponse of(String providerId, List<WeeklyInterval> weekly) {
            return new WorkingHoursResponse(providerId,
                    weekly.stream().map(i -> new Hours(i.dayOfWeek(), i.start(), i.end())).toList());
        }
    }

    @Operation(operationId = "setWorkingHours", summary = "Replace a provider's weekly working hours")
    @PutMapping("/{providerId}/working-hours")
    WorkingHoursResponse setWorkingHours(Actor actor, @PathVariable String providerId,
                                         @Valid @RequestBody WorkingHoursRequest request) {
        List<WeeklyInterval> weekly = request.weekly().stream()
                .map(i -> new WeeklyInterval(i.dayOfWeek(), i.start(), i.end()))
                .toList();
        commands.send(new SetWorkingHoursCommand(providerId, actor.practiceId(), weekly));
        return WorkingHoursResponse.of(providerId, weekly);
    }

    record TimeOffRequest(@NotNull OffsetDateTime start, @NotNull OffsetDateTime end,
                          @Size(max = 500) String reason) {

        @AssertTrue(message = "end must be after start, and the time off at most 366 days long")
        boolean isOrdered() {
            return start == null || end == null || (end.isAfter(start)
                    && Duration.between(start, end).compareTo(Duration.ofDays(366)) <= 0);
        }
    }

    @Operation(operationId = "addTimeOff", summary = "Add time off for a provider")
    @ApiResponse(responseCode = "201", description = "Added")
    @Refuses({ErrorCode.CONFLICTS_WITH_APPOINTMENTS})
    @PostMapping("/{providerId}/time-off")
    ResponseEntity<Created> addTimeOff(Actor actor, @PathVariable String providerId,
                                       @Valid @RequestBody TimeOffRequest request) {
        String timeOffId = Ids.next();
        commands.send(new AddTimeOffCommand(providerId, actor.practiceId(), timeOffId, request.start().toInstant(),
                request.end().toInstant(), request.reason()));
        return Created.at("/api/v1/providers/" + providerId + "/time-off/" + timeOffId, timeOffId);
    }

    @Operation(operationId = "removeTimeOff", summary = "Remove time off")
    @ApiResponse(responseCode = "204", description = "Done; no content")
    @DeleteMapping("/{providerId}/time-off/{timeOffId}")
    ResponseEntity<Void> removeTimeOff(Actor actor, @PathVariable String providerId,
                                       @PathVariable String timeOffId) {
        commands.send(new RemoveTimeOffCommand(providerId, actor.practiceId(), timeOffId));
        return ResponseEntity.noContent().build();
    }
}
