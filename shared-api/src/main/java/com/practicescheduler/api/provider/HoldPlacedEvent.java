package com.practicescheduler.api.provider;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A provider's time [start, blockedUntil) is held for a waitlist offer until {@code expiresAt}; after that the
 * hold no longer blocks anything, whether or not its release has been recorded yet.
 */
@Revision("1")
public record HoldPlacedEvent(String providerId, String practiceId, String holdId, Instant start,
                              Instant blockedUntil, Instant expiresAt) {
}
