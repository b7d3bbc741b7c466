package com.practicescheduler.api.groupsession;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A seat of a group session is held for a waitlist offer until {@code expiresAt}: nobody else takes it meanwhile,
 * and accepting the offer turns the hold into the patient's seat. A hold past its expiry holds nothing, whether or
 * not its release is recorded yet.
 */
@Revision("1")
public record SeatHeldEvent(String groupSessionId, String practiceId, String offerId, String entryId,
                            String patientId, Instant expiresAt) {
}
