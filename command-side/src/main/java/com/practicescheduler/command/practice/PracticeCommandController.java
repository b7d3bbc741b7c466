package com.practicescheduler.command.practice;

import com.practicescheduler.api.practice.ConfigurePracticeCommand;
import com.practicescheduler.api.practice.OfferStrategy;
import com.practicescheduler.api.practice.PracticeSettings;
import com.practicescheduler.platform.command.CommandSender;
import com.practicescheduler.platform.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The practice's settings: time zone, slot grid, late-cancel window, offer hold, booking horizon. */
@Tag(name = "Practice")
@RestController
@RequestMapping("/api/v1")
@PreAuthorize("hasRole('PRACTICE_ADMIN')")
class PracticeCommandController {

    private final CommandSender commands;

    PracticeCommandController(CommandSender commands) {
        this.commands = commands;
    }

    /** Fields left out keep their default value (see {@link PracticeSettings#defaults()}). */
    record SettingsRequest(@Size(max = 64) String timeZone,
                           @Min(1) @Max(240) Integer slotMinutes,
                           @Min(0) @Max(720) Integer lateCancelHours,
                           Duration offerHold,
                           OfferStrategy offerStrategy,
                           @Min(1) @Max(1825) Integer bookingHorizonDays,
                           @Min(1) @Max(PracticeSettings.MAX_BROADCAST_SIZE) Integer broadcastSize,
                           Boolean calendarPatientInitials) {

        @AssertTrue(message = "must be an IANA time zone such as America/New_York")
        boolean isTimeZoneValid() {
            if (timeZone == null) {
                return true;
            }
            try {
                return ZoneId.of(timeZone).getId().equals(timeZone);
            } catch (DateTimeException e) {
                return false;
            }
        }

        @AssertTrue(message = "offerHold must be between PT1M and P30D")
        boolean isOfferHoldValid() {
            return offerHold == null || (offerHold.compareTo(Duration.ofMinutes(1)) >= 0
                    && offerHold.compareTo(Duration.ofDays(30)) <= 0);
        }

        PracticeSettings toSettings() {
            PracticeSettings defaults = PracticeSettings.defaults();
            return new PracticeSettings(
                    timeZone != null ? timeZone : defaults.timeZone(),
                    slotMinutes != null ? slotMinutes : defaults.slotMinutes(),
                    lateCancelHours != null ? lateCancelHours : defaults.lateCancelHours(),
                    offerHold != null ? offerHold : defaults.offerHold(),
                    offerStrategy != null ? offerStrategy : defaults.offerStrategy(),
                    bookingHorizonDays != null ? bookingHorizonDays : defaults.bookingHorizonDays(),
                    broadcastSize != null ? broadcastSize : defaults.broadcastSize(),
                    calendarPatientInitials != null ? calendarPatientInitials : defaults.calendarPatientInitials());
        }
    }

    @Operation(operationId = "configurePractice", summary = "Set the practice settings")
    @PutMapping("/practice/settings")
    PracticeSettings configure(Actor actor, @Valid @RequestBody SettingsRequest request) {
        return commands.send(new ConfigurePracticeCommand(actor.practiceId(), request.toSettings()));
    }
}
