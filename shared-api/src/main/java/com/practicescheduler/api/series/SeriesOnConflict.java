package com.practicescheduler.api.series;

/** What booking a series does when some occurrences cannot be booked. */
public enum SeriesOnConflict {
    /** Book nothing: refused with {@code series-conflicts}, every unavailable occurrence listed. */
    REJECT,
    /** Book the free occurrences and list the others as skipped. */
    SKIP
}
