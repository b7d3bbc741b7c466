package com.practicescheduler.query.notification;

import com.practicescheduler.api.appointment.AppointmentBookedEvent;
import com.practicescheduler.api.appointment.AppointmentCancelledEvent;
import com.practicescheduler.api.appointment.AppointmentRescheduledEvent;
import com.practicescheduler.api.practice.NotificationSettings;
import com.practicescheduler.api.practice.QuietHours;
import com.practicescheduler.api.waitlist.OfferAcceptedEvent;
import com.practicescheduler.api.waitlist.OfferDeclinedEvent;
import com.practicescheduler.api.waitlist.OfferExpiredEvent;
import com.practicescheduler.api.waitlist.OfferMadeEvent;
import com.practicescheduler.api.waitlist.OfferWithdrawnEvent;
import com.practicescheduler.platform.axon.OncePerBatch;
import com.practicescheduler.query.practice.PracticeProjection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

/**
 * Plans messages from the event stream, in a processor of its own ({@link #GROUP}) that no rebuild resets: a
 * replay of the read models never sends again, and the ledger's unique keys make a redelivered event plan nothing
 * more. Reminders go {@code offset} before the start, moved out of the practice's quiet hours; an appointment
 * moved or cancelled takes its unsent messages with it (the new appointment gets its own).
 */
@Component
@ProcessingGroup(MessagePlanner.GROUP)
class MessagePlanner {

    /** The processing group; never part of a rebuild. */
    static final String GROUP = "notifications";

    /**
     * A confirmation or cancellation is only sent for an event this recent: a processor catching up on an old
     * history (a new installation, a lost token) must not announce bookings made long ago.
     */
    static final Duration STILL_NEWS = Duration.ofHours(1);

    private static final String TERMS_READ = MessagePlanner.class.getName() + ".termsRead";

    private final MessageLedger ledger;
    private final OfferLinks links;
    private final MessageDelivery delivery;
    private final NotificationSettingsProjection settings;
    private final PracticeProjection practices;
    private final Clock clock;

    MessagePlanner(MessageLedger ledger, OfferLinks links, MessageDelivery delivery,
                   NotificationSettingsProjection settings, PracticeProjection practices, Clock clock) {
        this.ledger = ledger;
        this.links = links;
        this.delivery = delivery;
        this.settings = settings;
        this.practices = practices;
        this.clock = clock;
    }

    @EventHandler
    void on(AppointmentBookedEvent event, @Timestamp Instant at) {
        Instant now = clock.instant();
        if (!event.start().isAfter(now)) {
            return;
        }
        NotificationSettingsProjection.Consent consent = settings.consent(event.patientId());
        if (!consent.allowsAny()) {
            return;
        }
        PracticeTerms terms = terms(event.practiceId());
        NotificationSettings practice = terms.settings();
        ZoneId zone = terms.zone();
        for (Channel channel : Channel.values()) {
            if (!consent.allows(MessageKind.REMINDER, channel)) {
                continue;
            }
            for (Duration offset : practice.reminders()) {
                Instant due = outsideQuietHours(event.start().minus(offset), practice.quietHours(), zone);
                if (!due.isBefore(now) && due.isBefore(event.start())) {
                    plan(event, MessageKind.REMINDER, channel, due, "REMINDER:" + event.appointmentId() + ":"
                            + offset + ":" + channel, now);
                }
            }
            if (practice.confirmations() && isNews(at, now)) {
                Instant due = outsideQuietHours(now, practice.quietHours(), zone);
                if (due.isBefore(event.start())) {
                    plan(event, MessageKind.CONFIRMATION, channel, due,
                            "CONFIRMATION:" + event.appointmentId() + ":" + channel, now);
                }
            }
        }
    }

    @EventHandler
    void on(AppointmentRescheduledEvent event) {
        ledger.cancelScheduled(event.appointmentId(), "the appointment was moved");
    }

    @EventHandler
    void on(AppointmentCancelledEvent event, @Timestamp Instant at) {
        ledger.cancelScheduled(event.appointmentId(), "the appointment was cancelled");
        Instant now = clock.instant();
        PracticeTerms terms = terms(event.practiceId());
        NotificationSettings practice = terms.settings();
        if (!practice.cancellations() || !isNews(at, now) || !event.start().isAfter(now)) {
            return;
        }
        MessageLedger.Parties parties = ledger.partiesOf(event.appointmentId()).orElse(null);
        if (parties == null) {
            return;
        }
        String patientId = parties.patientId();
        NotificationSettingsProjection.Consent consent = settings.consent(patientId);
        ZoneId zone = terms.zone();
        for (Channel channel : Channel.values()) {
            if (consent.allows(MessageKind.CANCELLATION, channel)) {
                Instant due = outsideQuietHours(now, practice.quietHours(), zone);
                String id = UUID.randomUUID().toString();
                MessageLedger.Message message = new MessageLedger.Message(id,
                        "CANCELLATION:" + event.appointmentId() + ":" + channel, event.practiceId(), patientId,
                        MessageKind.CANCELLATION, channel, due, event.appointmentId(), null, event.providerId(),
                        parties.serviceId(), event.start());
                if (ledger.plan(message, now)) {
                    delivery.schedule(id, due);
                }
            }
        }
    }

    /**
     * A waitlist offer reaches the patient at once (out of quiet hours), with a link to answer it; not when the quiet
     * hours outlast the hold.
     */
    @EventHandler
    void on(OfferMadeEvent event, @Timestamp Instant at) {
        Instant now = clock.instant();
        if (!isNews(at, now) || !event.expiresAt().isAfter(now)) {
            return;
        }
        NotificationSettingsProjection.Consent consent = settings.consent(event.patientId());
        if (!consent.allowsAny()) {
            return;
        }
        PracticeTerms terms = terms(event.practiceId());
        NotificationSettings practice = terms.settings();
        ZoneId zone = terms.zone();
        Instant due = outsideQuietHours(now, practice.quietHours(), zone);
        if (!due.isBefore(event.expiresAt())) {
            return;
        }
        for (Channel channel : Channel.values()) {
            if (consent.allows(MessageKind.OFFER, channel)) {
                String id = UUID.randomUUID().toString();
                if (ledger.plan(new MessageLedger.Message(id, "OFFER:" + event.offerId() + ":" + channel,
                        event.practiceId(), event.patientId(), MessageKind.OFFER, channel, due, null, event.offerId(),
                        event.providerId(), event.serviceId(), event.start(), event.expiresAt()), now)) {
                    delivery.schedule(id, due);
                }
            }
        }
    }

    @EventHandler
    void on(OfferAcceptedEvent event) {
        offerClosed(event.offerId(), "the offer was accepted", false);
    }

    @EventHandler
    void on(OfferDeclinedEvent event) {
        offerClosed(event.offerId(), "the offer was declined", false);
    }

    @EventHandler
    void on(OfferExpiredEvent event) {
        // its links stay: after the hold they answer offer-expired (410), not an unknown link (404)
        ledger.cancelScheduledOffer(event.offerId(), "the offer expired");
    }

    @EventHandler
    void on(OfferWithdrawnEvent event) {
        offerClosed(event.offerId(), "the offer was withdrawn",
                OfferWithdrawnEvent.SLOT_TAKEN.equals(event.reason()));
    }

    private void offerClosed(String offerId, String reason, boolean takenByAnother) {
        ledger.cancelScheduledOffer(offerId, reason);
        links.retire(offerId, clock.instant(), takenByAnother);
    }

    private void plan(AppointmentBookedEvent event, MessageKind kind, Channel channel, Instant due, String key,
                      Instant now) {
        String id = UUID.randomUUID().toString();
        if (ledger.plan(new MessageLedger.Message(id, key, event.practiceId(), event.patientId(), kind, channel, due,
                event.appointmentId(), null, event.providerId(), event.serviceId(), event.start()), now)) {
            delivery.schedule(id, due);
        }
    }

    /** A practice's notification settings and time zone. */
    private record PracticeTerms(NotificationSettings settings, ZoneId zone) {
    }

    /**
     * The practice's notification settings and time zone, read once per batch of this processor: under load a batch
     * holds the bookings of many commands but of few practices, and reading both for each was two queries a booking.
     */
    private PracticeTerms terms(String practiceId) {
        Map<String, PracticeTerms> read = OncePerBatch.answers(TERMS_READ);
        return read.computeIfAbsent(practiceId, id -> new PracticeTerms(settings.settings(id),
                ZoneId.of(practices.settings(id).timeZone())));
    }

    private static boolean isNews(Instant eventAt, Instant now) {
        return !eventAt.isBefore(now.minus(STILL_NEWS));
    }

    /** {@code at}, or the end of the quiet hours it falls in (the next allowed time), in the practice's zone. */
    static Instant outsideQuietHours(Instant at, QuietHours quiet, ZoneId zone) {
        if (quiet == null) {
            return at;
        }
        ZonedDateTime local = at.atZone(zone);
        if (!quiet.contains(local.toLocalTime())) {
            return at;
        }
        ZonedDateTime end = local.toLocalDate().atTime(quiet.end()).atZone(zone);
        if (!end.isAfter(local)) {
            end = local.toLocalDate().plusDays(1).atTime(quiet.end()).atZone(zone);
        }
        return end.toInstant();
    }
}
