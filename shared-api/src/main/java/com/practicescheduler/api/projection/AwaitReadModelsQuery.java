package com.practicescheduler.api.projection;

import java.time.Duration;

/**
 * Waits until the query side's read models have processed every event up to {@code position} of the event
 * stream, or {@code timeout} has passed. Answers with {@link ReadModelsCaughtUp}. Lets a command endpoint answer
 * only once what it wrote can be read (read-your-writes).
 */
public record AwaitReadModelsQuery(long position, Duration timeout) {
}
