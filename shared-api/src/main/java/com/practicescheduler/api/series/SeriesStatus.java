package com.practicescheduler.api.series;

/** {@code ACTIVE} until cancelled from a date: then {@code ENDED}, or {@code CANCELLED} when nothing is left. */
public enum SeriesStatus {
    ACTIVE,
    ENDED,
    CANCELLED
}
