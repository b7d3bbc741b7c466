package com.practicescheduler.api.patient;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A patient's consent and contact preferences were recorded by {@code setBy} at {@code setAt}. */
@Revision("1")
public record ContactPreferencesSetEvent(String patientId, String practiceId, ContactPreferences preferences,
                                         String setBy, Instant setAt) {
}
