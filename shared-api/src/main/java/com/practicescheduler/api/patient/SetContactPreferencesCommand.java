package com.practicescheduler.api.patient;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records a patient's consent and contact preferences, replacing the ones before.
 *
 * @param setBy the user who recorded them (the consent's witness)
 * @param setAt when, on the application's clock
 */
public record SetContactPreferencesCommand(@TargetAggregateIdentifier String patientId, String practiceId,
                                           ContactPreferences preferences, String setBy, Instant setAt) {
}
