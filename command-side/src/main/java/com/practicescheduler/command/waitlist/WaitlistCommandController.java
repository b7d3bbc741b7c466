package com.practicescheduler.command.waitlist;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.provider.WeeklyInterval;
import com.practicescheduler.api.waitlist.AddToWaitlistCommand;
import com.practicescheduler.api.waitlist.RemoveFromWaitlistCommand;
import com.practicescheduler.api.waitlist.WaitlistPriority;
import com.practicescheduler.api.waitlist.WaitlistStatus;
import com.practicescheduler.command.common.Ids;
import com.practicescheduler.platform.command.CommandSender;
import com.practicescheduler.platform.openapi.Refuses;
import com.practicescheduler.platform.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Waitlist")
@RestController
@RequestMapping("/api/v1/waitlist")
@PreAuthorize("hasAnyRole('SCHEDULER','PRACTICE_ADMIN')")
class WaitlistCommandController {

    private final CommandSender commands;

    WaitlistCommandController(CommandSender commands) {
        this.commands = commands;
    }

    record WindowRequest(@NotNull DayOfWeek dayOfWeek, @NotNull LocalTime start, @NotNull LocalTime end) {

        @AssertTrue(message = "end must be after start")
        boolean isOrdered() {
            return start == null || end == null || end.isAfter(start);
        }
    }

    record EntryRequest(@NotBlank @Size(max = 64) String patientId,
                        @NotBlank @Size(max = 64) String serviceId,
                        @Size(max = 50) List<@NotBlank @Size(max = 64) String> providerIds,
                        @Size(max = 70) List<@NotNull @Valid WindowRequest> windows,
                        LocalDate notBefore,
                        LocalDate notAfter,
                        WaitlistPriority priority,
                        @Size(max = 2000) String note) {

        @AssertTrue(message = "notAfter must not be before notBefore")
        boolean isDateRangeOrdered() {
            return notBefore == null || notAfter == null || !notAfter.isBefore(notBefore);
        }

        @Override
        public String toString() {
            return "EntryRequest[serviceId=" + serviceId + ", priority=" + priority + "]";
        }
    }

    record Added(String id, WaitlistStatus status) {
    }

    @Operation(operationId = "addToWaitlist", summary = "Put a patient on the waitlist")
    @ApiResponse(responseCode = "201", description = "Added, WAITING")
    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.SERVICE_NOT_OFFERED})
    @PostMapping
    ResponseEntity<Added> add(Actor actor, @Valid @RequestBody EntryRequest request) {
        String entryId = Ids.next();
        List<WeeklyInterval> windows = request.windows() == null ? List.of() : request.windows().stream()
                .map(w -> new WeeklyInterval(w.dayOfWeek(), w.start(), w.end()))
                .toList();
        commands.send(new AddToWaitlistCommand(entryId, actor.practiceId(), request.patientId(),
                request.serviceId(), request.providerIds() == null ? List.of() : request.providerIds(), windows,
                request.notBefore(), request.notAfter(),
                request.priority() == null ? WaitlistPriority.ROUTINE : request.priority(), request.note()));
        return ResponseEntity.created(URI.create("/api/v1/waitlist/" + entryId))
                .body(new Added(entryId, WaitlistStatus.WAITING));
    }

    @Operation(operationId = "removeFromWaitlist", summary = "Take an entry off the waitlist")
    @ApiResponse(responseCode = "204", description = "Done; no content")
    @Refuses({ErrorCode.INVALID_TRANSITION})
    @DeleteMapping("/{entryId}")
    ResponseEntity<Void> remove(Actor actor, @PathVariable String entryId) {
        commands.send(new RemoveFromWaitlistCommand(entryId, actor.practiceId()));
        return ResponseEntity.noContent().build();
    }
}
