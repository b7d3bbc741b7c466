package com.practicescheduler.api.groupsession;

import java.time.Instant;
import org.axonframework.commandhandling.RoutingKey;

/**
 * Schedules a session of a group service: reserves the provider's time once, by the same rules as a booking.
 *
 * @param groupSessionId the new session's id
 */
public record ScheduleGroupSessionCommand(String groupSessionId, String practiceId, @RoutingKey String providerId,
                                          String serviceId, Instant start) {
}
