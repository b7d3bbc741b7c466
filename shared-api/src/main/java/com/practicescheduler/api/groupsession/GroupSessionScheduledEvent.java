package com.practicescheduler.api.groupsession;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A group session was scheduled for [start, end) with {@code capacity} seats; its provider's time is reserved once,
 * until {@code blockedUntil} (the service's buffer), under the session's id.
 */
@Revision("1")
public record GroupSessionScheduledEvent(String groupSessionId, String practiceId, String providerId,
                                         String serviceId, Instant start, Instant end, Instant blockedUntil,
                                         int capacity) {
}
