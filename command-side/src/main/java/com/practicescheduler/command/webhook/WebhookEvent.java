package com.practicescheduler.command.webhook;

import java.util.Arrays;
import java.util.Optional;

/** The event types a subscription can ask for, by the names of the contract. */
enum WebhookEvent {

    APPOINTMENT_BOOKED("appointment.booked"),
    APPOINTMENT_CANCELLED("appointment.cancelled"),
    APPOINTMENT_RESCHEDULED("appointment.rescheduled"),
    APPOINTMENT_STATUS_CHANGED("appointment.status-changed"),
    OFFER_MADE("offer.made"),
    OFFER_ACCEPTED("offer.accepted"),
    OFFER_EXPIRED("offer.expired"),
    WAITLIST_ENTRY_ADDED("waitlist.entry-added");

    private final String typeName;

    WebhookEvent(String typeName) {
        this.typeName = typeName;
    }

    String typeName() {
        return typeName;
    }

    static Optional<WebhookEvent> named(String name) {
        return Arrays.stream(values()).filter(type -> type.typeName.equals(name)).findFirst();
    }
}
