package com.practicescheduler.api.practice;

import java.time.Duration;

/**
 * A practice's scheduling settings.
 *
 * @param timeZone           IANA zone in which working hours, calendar dates and the slot grid are read
 * @param slotMinutes        the grid: slots start at local times whose minute-of-day is a multiple of this
 * @param lateCancelHours    a cancellation later than this many hours before the start is a late cancellation
 * @param offerHold          how long a waitlist offer holds its slot
 * @param offerStrategy      how waitlist offers are made
 * @param bookingHorizonDays how far ahead appointments may be booked
 */
public record PracticeSettings(String timeZone, int slotMinutes, int lateCancelHours, Duration offerHold,
                               OfferStrategy offerStrategy, int bookingHorizonDays) {

    /** The settings in force until a practice administrator sets its own. */
    public static PracticeSettings defaults() {
        return new PracticeSettings("UTC", 15, 24, Duration.ofHours(2), OfferStrategy.SEQUENTIAL, 180);
    }
}
