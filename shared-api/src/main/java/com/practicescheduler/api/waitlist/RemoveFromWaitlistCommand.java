package com.practicescheduler.api.waitlist;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Takes an entry off the waitlist; repeating it changes nothing. */
public record RemoveFromWaitlistCommand(@TargetAggregateIdentifier String entryId, String practiceId) {
}
