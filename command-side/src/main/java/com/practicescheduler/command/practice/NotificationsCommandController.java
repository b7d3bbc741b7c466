package com.practicescheduler.command.practice;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.practicescheduler.api.Nullable;
import com.practicescheduler.api.practice.ConfigureNotificationsCommand;
import com.practicescheduler.api.practice.NotificationSettings;
import com.practicescheduler.api.practice.QuietHours;
import com.practicescheduler.platform.command.CommandSender;
import com.practicescheduler.platform.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the practice sends its patients: reminder offsets, quiet hours, what a message may name. */
@Tag(name = "Practice")
@RestController
@RequestMapping("/api/v1")
@PreAuthorize("hasRole('PRACTICE_ADMIN')")
class NotificationsCommandController {

    static final int MOST_REMINDERS = 5;
    static final Duration EARLIEST_REMINDER = Duration.ofMinutes(15);
    static final Duration LATEST_REMINDER = Duration.ofDays(14);

    private final CommandSender commands;

    NotificationsCommandController(CommandSender commands) {
        this.commands = commands;
    }

    record QuietHoursRequest(@NotNull @JsonFormat(pattern = "HH:mm") LocalTime start,
                             @NotNull @JsonFormat(pattern = "HH:mm") LocalTime end) {
    }

    /**
     * Fields left out keep their default ({@link NotificationSettings#defaults()}); {@code reminders: []} sends
     * none. {@code confirmations} and {@code cancellations} (optional, default false) turn those messages on.
     */
    record NotificationsRequest(@Size(max = MOST_REMINDERS) List<@NotNull Duration> reminders,
                                @Valid QuietHoursRequest quietHours,
                                Boolean includeServiceName,
                                @Size(max = 100) @Pattern(regexp = "[^\\p{Cntrl}<>]*",
                                        message = "must be plain text on one line") String practiceName,
                                Boolean confirmations,
                                Boolean cancellations) {

        @AssertTrue(message = "reminders must each be between PT15M and P14D, without repeats")
        boolean isRemindersValid() {
            if (reminders == null) {
                return true;
            }
            return reminders.stream().allMatch(r -> r == null || r.compareTo(EARLIEST_REMINDER) >= 0
                    && r.compareTo(LATEST_REMINDER) <= 0) && new HashSet<>(reminders).size() == reminders.size();
        }

        NotificationSettings toSettings() {
            NotificationSettings defaults = NotificationSettings.defaults();
            String name = practiceName == null || practiceName.isBlank() ? null : practiceName.strip();
            return new NotificationSettings(
                    reminders != null ? reminders.stream().sorted(java.util.Comparator.reverseOrder()).toList()
                            : defaults.reminders(),
                    quietHours == null ? null : new QuietHours(quietHours.start(), quietHours.end()),
                    includeServiceName != null ? includeServiceName : defaults.includeServiceName(),
                    name,
                    confirmations != null ? confirmations : defaults.confirmations(),
                    cancellations != null ? cancellations : defaults.cancellations());
        }
    }

    record QuietHoursAnswer(@JsonFormat(pattern = "HH:mm") LocalTime start,
                              @JsonFormat(pattern = "HH:mm") LocalTime end) {
    }

    /** Reminder offsets as ISO-8601 durations, whole days as {@code P2D}; the same body {@code GET} answers. */
    record NotificationSettingsAnswer(List<String> reminders, @Nullable QuietHoursAnswer quietHours,
                                 boolean includeServiceName, @Nullable String practiceName, boolean confirmations,
                                 boolean cancellations) {

        static NotificationSettingsAnswer of(NotificationSettings s) {
            return new NotificationSettingsAnswer(
                    s.reminders().stream().map(NotificationSettingsAnswer::iso).toList(),
                    s.quietHours() == null ? null
                            : new QuietHoursAnswer(s.quietHours().start(), s.quietHours().end()),
                    s.includeServiceName(), s.practiceName(), s.confirmations(), s.cancellations());
        }

        private static String iso(Duration d) {
            return d.toSeconds() % 86_400 == 0 ? "P" + d.toDays() + "D" : d.toString();
        }
    }

    @Operation(operationId = "configureNotifications", summary = "Set what the practice sends its patients")
    @PutMapping("/practice/notifications")
    NotificationSettingsAnswer configure(Actor actor, @Valid @RequestBody NotificationsRequest request) {
        NotificationSettings settings = commands.send(
                new ConfigureNotificationsCommand(actor.practiceId(), request.toSettings()));
        return NotificationSettingsAnswer.of(settings);
    }
}
