package com.practicescheduler.query.notification;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The minimum a message says: the practice, the date and time in the practice's zone, the provider, and the service
 * only where the practice allows it. Never the patient's name, never notes or anything clinical.
 */
final class MessageText {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy", Locale.US);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm a z", Locale.US);

    private MessageText() {
    }

    /** What a message about an appointment says. */
    record Appointment(String practiceName, String providerName, String serviceName, Instant start, ZoneId zone) {
    }

    static String subject(MessageKind kind, String practiceName) {
        return switch (kind) {
            case REMINDER -> "Appointment reminder from " + practiceName;
            case CONFIRMATION -> "Appointment confirmed with " + practiceName;
            case CANCELLATION -> "Appointment cancelled at " + practiceName;
            case OFFER -> "An earlier appointment is available at " + practiceName;
        };
    }

    static String body(MessageKind kind, Appointment a) {
        String when = a.start().atZone(a.zone()).format(DATE) + " at " + a.start().atZone(a.zone()).format(TIME);
        String what = a.serviceName() == null ? "your appointment" : "your " + a.serviceName() + " appointment";
        String with = what + " with " + a.providerName() + " on " + when;
        if (kind == MessageKind.OFFER) {
            with = (a.serviceName() == null ? "an appointment" : "a " + a.serviceName() + " appointment") + " with "
                    + a.providerName() + " on " + when;
        }
        return switch (kind) {
            case REMINDER -> a.practiceName() + ": a reminder of " + with + ".";
            case CONFIRMATION -> a.practiceName() + ": " + with + " is booked.";
            case CANCELLATION -> a.practiceName() + ": " + with + " has been cancelled.";
            case OFFER -> a.practiceName() + ": an earlier time is free, " + with + ".";
        };
    }

    /** An offer's text with its link and until when it is held. */
    static String offer(String body, String link, Instant expiresAt, ZoneId zone) {
        return body + " It is held for you until " + expiresAt.atZone(zone).format(TIME) + " on "
                + expiresAt.atZone(zone).format(DATE) + ". Accept or decline: " + link;
    }

    /** When the slot is, for the offer page. */
    static String when(Instant start, ZoneId zone) {
        return start.atZone(zone).format(DATE) + " at " + start.atZone(zone).format(TIME);
    }
}
