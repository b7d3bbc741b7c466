package com.practicescheduler.api.projection;

/** Whether the read models reached the awaited position in time. */
public record ReadModelsCaughtUp(boolean caughtUp) {
}
