package com.practicescheduler.api.provider;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A provider's time off was removed; [start, end) may be bookable again. */
@Revision("1")
public record TimeOffRemovedEvent(String providerId, String practiceId, String timeOffId, Instant start,
                                  Instant end) {
}
