package com.practicescheduler.api.practice;

import com.practicescheduler.api.Nullable;
import java.time.Duration;
import java.util.List;

/**
 * What a practice sends its patients (on the channels each patient consented to).
 *
 * @param reminders          how long before an appointment each reminder goes out (e.g. P2D and PT2H)
 * @param quietHours         when no message goes out, or null for none
 * @param includeServiceName whether messages may name the service (it can disclose the kind of care)
 * @param practiceName       the name messages sign with, or null (then "your practice")
 * @param confirmations      whether a booking is confirmed by a message
 * @param cancellations      whether a cancellation is announced by a message
 */
public record NotificationSettings(List<Duration> reminders, @Nullable QuietHours quietHours,
                                   boolean includeServiceName, @Nullable String practiceName, boolean confirmations,
                                   boolean cancellations) {

    public NotificationSettings {
        reminders = reminders == null ? List.of() : List.copyOf(reminders);
    }

    /** In force until a practice administrator sets its own: two days and two hours before, nothing else. */
    public static NotificationSettings defaults() {
        return new NotificationSettings(List.of(Duration.ofDays(2), Duration.ofHours(2)), null, false, null, false,
                false);
    }
}
