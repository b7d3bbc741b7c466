package com.practicescheduler.platform.web;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** The {@code from}/{@code to} date ranges that queries take: inclusive, in order, and not too long. */
public final class DateRanges {

    private DateRanges() {
    }

    /** Refuses with {@code validation-failed} unless {@code from <= to} and the range spans at most {@code maxDays}. */
    public static void check(LocalDate from, LocalDate to, int maxDays) {
        if (to.isBefore(from)) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "'to' must not be before 'from'");
        }
        if (ChronoUnit.DAYS.between(from, to) >= maxDays) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED,
                    "The range may span at most " + maxDays + " days");
        }
    }
}
