package com.practicescheduler.api.appointment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records check-in, completion or a no-show.
 *
 * @param actingProviderId the provider the acting clinician is, or null when staff act; a clinician may only act
 *                         on their own appointments
 */
public record RecordVisitStepCommand(@TargetAggregateIdentifier String appointmentId, String practiceId,
                                     VisitStep step, String actingProviderId) {
}
