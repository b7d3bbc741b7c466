package com.practicescheduler.api.practice;

import org.axonframework.serialization.Revision;

/** A practice's settings were set or replaced. */
@Revision("1")
public record PracticeConfiguredEvent(String practiceId, PracticeSettings settings) {
}
