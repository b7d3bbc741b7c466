package com.practicescheduler.api.provider;

import java.util.List;
import org.axonframework.serialization.Revision;

/** A provider's weekly working-hours template was replaced (intervals in the practice's local time). */
@Revision("1")
public record WorkingHoursSetEvent(String providerId, String practiceId, List<WeeklyInterval> weekly) {
}
