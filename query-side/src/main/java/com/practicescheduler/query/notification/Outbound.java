package com.practicescheduler.query.notification;

import java.util.Optional;

/** The outbound notification port: one adapter per {@link Channel}. */
interface Outbound {

    Channel channel();

    /** Why this channel cannot send (not configured), or empty when it can. */
    Optional<String> unavailable();

    /**
     * Hands the message over to the email server or SMS gateway.
     *
     * @throws DeliveryFailed when it was refused or could not be reached; its message names no address or text
     */
    void send(OutboundMessage message) throws DeliveryFailed;

    /** A send that did not go out; the message is fit for the ledger and the logs (no PHI). */
    final class DeliveryFailed extends Exception {

        DeliveryFailed(String reason) {
            super(reason, null, false, false);
        }
    }
}
