package com.practicescheduler.api.practice;

import org.axonframework.serialization.Revision;

/** A practice's notification settings were set or replaced. */
@Revision("1")
public record NotificationsConfiguredEvent(String practiceId, NotificationSettings settings) {
}
