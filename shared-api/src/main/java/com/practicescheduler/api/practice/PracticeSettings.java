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
 * @param broadcastSize      with {@link OfferStrategy#BROADCAST}, to how many entries a freed slot is offered at once;
 *                           {@value #DEFAULT_BROADCAST_SIZE} when not given (and in settings stored before it existed)
 * @param calendarPatientInitials whether the providers' calendar feeds may show each appointment's patient initials
 *                           (PHI on a phone's calendar, so off unless a practice administrator turns it on; false in
 *                           settings stored before it existed)
 */
public record PracticeSettings(String timeZone, int slotMinutes, int lateCancelHours, Duration offerHold,
                               OfferStrategy offerStrategy, int bookingHorizonDays, Integer broadcastSize,
                               Boolean calendarPatientInitials) {

    public static final int DEFAULT_BROADCAST_SIZE = 3;
    /** Entries one freed slot is offered to at once, at most. */
    public static final int MAX_BROADCAST_SIZE = 10;

    public PracticeSettings {
        if (broadcastSize == null) {
            broadcastSize = DEFAULT_BROADCAST_SIZE;
        }
        if (calendarPatientInitials == null) {
            calendarPatientInitials = false;
        }
    }

    public PracticeSettings(String timeZone, int slotMinutes, int lateCancelHours, Duration offerHold,
                            OfferStrategy offerStrategy, int bookingHorizonDays, Integer broadcastSize) {
        this(timeZone, slotMinutes, lateCancelHours, offerHold, offerStrategy, bookingHorizonDays, broadcastSize,
                null);
    }

    public PracticeSettings(String timeZone, int slotMinutes, int lateCancelHours, Duration offerHold,
                            OfferStrategy offerStrategy, int bookingHorizonDays) {
        this(timeZone, slotMinutes, lateCancelHours, offerHold, offerStrategy, bookingHorizonDays, null, null);
    }

    /** The settings in force until a practice administrator sets its own. */
    public static PracticeSettings defaults() {
        return new PracticeSettings("UTC", 15, 24, Duration.ofHours(2), OfferStrategy.SEQUENTIAL, 180);
    }

    /** How many entries one freed slot is offered to at once: 1 unless the strategy is BROADCAST. */
    public int offersPerSlot() {
        return offerStrategy == OfferStrategy.BROADCAST ? broadcastSize : 1;
    }
}
