package com.practicescheduler.api.groupsession;

import java.time.Instant;

/**
 * A group session as a command left it; the answer to scheduling and cancelling one.
 *
 * @param seatsTaken seats held by patients (their appointments not cancelled)
 * @param timeZone   the practice's zone, in which clients see the times
 */
public record GroupSessionSummary(String groupSessionId, String providerId, String serviceId, Instant start,
                                  Instant end, int capacity, int seatsTaken, GroupSessionStatus status,
                                  String timeZone) {
}
