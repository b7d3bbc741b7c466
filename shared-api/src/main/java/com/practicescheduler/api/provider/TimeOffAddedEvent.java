package com.practicescheduler.api.provider;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A provider is unavailable during [start, end). */
@Revision("1")
public record TimeOffAddedEvent(String providerId, String practiceId, String timeOffId, Instant start, Instant end,
                                String reason) {
}
