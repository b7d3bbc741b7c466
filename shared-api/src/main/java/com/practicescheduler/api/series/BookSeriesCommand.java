package com.practicescheduler.api.series;

import java.time.Instant;
import org.axonframework.commandhandling.RoutingKey;

/**
 * Books a recurring series: every occurrence is decided by the provider's schedule in one unit of work.
 *
 * @param seriesId           the new series' id; derived from the idempotency key when the client sent one
 * @param requestFingerprint digest of what was asked, to tell a repeat from a reuse of the same idempotency key;
 *                           null when the client sent no key
 */
public record BookSeriesCommand(String seriesId, String practiceId, String patientId, @RoutingKey String providerId,
                                String serviceId, Instant start, Recurrence recurrence, SeriesOnConflict onConflict,
                                String requestFingerprint) {
}
