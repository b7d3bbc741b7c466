package com.practicescheduler.command.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.practicescheduler.api.appointment.AppointmentBookedEvent;
import com.practicescheduler.api.appointment.AppointmentCancelledEvent;
import com.practicescheduler.api.appointment.AppointmentRescheduledEvent;
import com.practicescheduler.api.appointment.AppointmentStatus;
import com.practicescheduler.api.appointment.AppointmentVisitStepRecordedEvent;
import com.practicescheduler.api.waitlist.OfferAcceptedEvent;
import com.practicescheduler.api.waitlist.OfferExpiredEvent;
import com.practicescheduler.api.waitlist.OfferMadeEvent;
import com.practicescheduler.api.waitlist.WaitlistEntryAddedEvent;
import com.practicescheduler.api.waitlist.WaitlistStatus;
import com.practicescheduler.platform.axon.EventPositions;
import com.practicescheduler.platform.axon.OncePerBatch;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Turns the events subscribers may ask for into delivery rows: one per event and matching subscription, written in
 * the processor's transaction (with its token), so an event is recorded exactly once however often it is handed
 * over; the unique key on (event, subscription) makes a redelivery a no-op besides. It never sends: the
 * {@link WebhookSender} does, from the rows. Replayed events (a reset of this processor) are ignored, so a replay
 * never sends again; a subscription gets only events that happened after it was made.
 *
 * <p>Payloads carry ids, times and statuses only: no names, notes, contact details or free text.
 */
@Component
@ProcessingGroup(WebhookRecorder.GROUP)
class WebhookRecorder {

    static final String GROUP = "webhook-deliveries";
    private static final String SUBSCRIPTIONS_READ = WebhookRecorder.class.getName() + ".subscriptions";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    WebhookRecorder(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(AppointmentBookedEvent event, @MessageIdentifier String eventId, @Timestamp Instant at,
            TrackingToken position, ReplayStatus replay) {
        Happened happened = new Happened(eventId, at, position, replay.isReplay());
        Map<String, Object> data = data("appointmentId", event.appointmentId(), "patientId", event.patientId(),
                "providerId", event.providerId(), "serviceId", event.serviceId(), "start", event.start(),
                "end", event.end(), "status", AppointmentStatus.BOOKED.name());
        optional(data, "rescheduledFrom", event.rescheduledFrom());
        optional(data, "seriesId", event.seriesId());
        optional(data, "groupSessionId", event.groupSessionId());
        record(happened, WebhookEvent.APPOINTMENT_BOOKED, event.practiceId(), event.appointmentId(), data);
    }

    @EventHandler
    void on(AppointmentCancelledEvent event, @MessageIdentifier String eventId, @Timestamp Instant at,
            TrackingToken position, ReplayStatus replay) {
        Happened happened = new Happened(eventId, at, position, replay.isReplay());
        // neither the reason's note (free text) nor anything about the patient
        record(happened, WebhookEvent.APPOINTMENT_CANCELLED, event.practiceId(), event.appointmentId(),
                data("appointmentId", event.appointmentId(), "providerId", event.providerId(),
                        "start", event.start(), "end", event.end(), "status", event.status().name(),
                        "late", event.late()));
    }

    @EventHandler
    void on(AppointmentRescheduledEvent event, @MessageIdentifier String eventId, @Timestamp Instant at,
            TrackingToken position, ReplayStatus replay) {
        Happened happened = new Happened(eventId, at, position, replay.isReplay());
        record(happened, WebhookEvent.APPOINTMENT_RESCHEDULED, event.practiceId(), event.appointmentId(),
                data("appointmentId", event.appointmentId(), "rescheduledTo", event.rescheduledTo(),
                        "status", AppointmentStatus.RESCHEDULED.name()));
    }

    @EventHandler
    void on(AppointmentVisitStepRecordedEvent event, @MessageIdentifier String eventId, @Timestamp Instant at,
            TrackingToken position, ReplayStatus replay) {
        Happened happened = new Happened(eventId, at, position, replay.isReplay());
        record(happened, WebhookEvent.APPOINTMENT_STATUS_CHANGED, event.practiceId(), event.appointmentId(),
                data("appointmentId", event.appointmentId(), "step", event.step().name(),
                        "status", event.status().name()));
    }

    @EventHandler
    void on(OfferMadeEvent event, @MessageIdentifier String eventId, @Timestamp Instant at,
            TrackingToken position, ReplayStatus replay) {
        Happened happened = new Happened(eventId, at, position, replay.isReplay());
        Map<String, Object> data = data("offerId", event.offerId(), "entryId", event.entryId(), "patientId",
                event.patientId(), "serviceId", event.serviceId(), "providerId", event.providerId(), "start",
                event.start(), "end", event.end(), "expiresAt", event.expiresAt(), "status", "PENDING");
        optional(data, "groupSessionId", event.groupSessionId());
        record(happened, WebhookEvent.OFFER_MADE, event.practiceId(), event.offerId(), data);
    }

    @EventHandler
    void on(OfferAcceptedEvent event, @MessageIdentifier String eventId, @Timestamp Instant at,
            TrackingToken position, ReplayStatus replay) {
        Happened happened = new Happened(eventId, at, position, replay.isReplay());
        record(happened, WebhookEvent.OFFER_ACCEPTED, event.practiceId(), event.offerId(),
                data("offerId", event.offerId(), "entryId", event.entryId(), "appointmentId", event.appointmentId(),
                        "status", "ACCEPTED"));
    }

    @EventHandler
    void on(OfferExpiredEvent event, @MessageIdentifier String eventId, @Timestamp Instant at,
            TrackingToken position, ReplayStatus replay) {
        Happened happened = new Happened(eventId, at, position, replay.isReplay());
        record(happened, WebhookEvent.OFFER_EXPIRED, event.practiceId(), event.offerId(),
                data("offerId", event.offerId(), "entryId", event.entryId(), "providerId", event.providerId(),
                        "start", event.start(), "status", "EXPIRED"));
    }

    @EventHandler
    void on(WaitlistEntryAddedEvent event, @MessageIdentifier String eventId, @Timestamp Instant at,
            TrackingToken position, ReplayStatus replay) {
        Happened happened = new Happened(eventId, at, position, replay.isReplay());
        // not the patient's note, nor their windows or dates
        record(happened, WebhookEvent.WAITLIST_ENTRY_ADDED, event.practiceId(), event.entryId(),
                data("entryId", event.entryId(), "patientId", event.patientId(), "serviceId", event.serviceId(),
                        "providerIds", event.providerIds() == null ? List.of() : event.providerIds(),
                        "priority", event.priority() == null ? null : event.priority().name(),
                        "status", WaitlistStatus.WAITING.name()));
    }

    /** What every handler needs of the event message. */
    record Happened(String eventId, Instant at, TrackingToken position, boolean replay) {
    }

    private void record(Happened happened, WebhookEvent type, String practiceId, String orderingKey,
                        Map<String, Object> data) {
        if (happened.replay() || practiceId == null || orderingKey == null) {
            return;
        }
        List<String> subscriptions = subscriptions(practiceId, type).stream()
                .filter(subscription -> !subscription.createdAt().isAfter(happened.at()))
                .map(Subscription::id).toList();
        if (subscriptions.isEmpty()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.typeName());
        body.put("timestamp", happened.at().toString());
        body.put("data", data);
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A webhook payload does not serialize", e);
        }
        Long position = EventPositions.of(happened.position());
        for (String subscription : subscriptions) {
            // only while the subscription exists: it may have been deleted since this batch read the subscriptions
            jdbc.update("insert into webhook_delivery (id, subscription_id, event_id, seq, ordering_key, type, body,"
                            + " state, next_attempt_at, created_at) select ?, s.id, ?, ?, ?, ?, ?, 'PENDING', ?, ?"
                            + " from webhook_subscription s where s.id = ?"
                            + " on conflict (event_id, subscription_id) do nothing",
                    "msg_" + UUID.randomUUID().toString().replace("-", ""), happened.eventId(),
                    position == null ? 0L : position, orderingKey, type.typeName(), text,
                    java.sql.Timestamp.from(happened.at()), java.sql.Timestamp.from(happened.at()), subscription);
        }
    }

    /**
     * The practice's subscriptions to {@code type}, read once per batch of this processor: under load a batch holds
     * the events of many commands but of few practices, and reading them for each event was one query per booking.
     */
    private List<Subscription> subscriptions(String practiceId, WebhookEvent type) {
        Map<String, List<Subscription>> read = OncePerBatch.answers(SUBSCRIPTIONS_READ);
        return read.computeIfAbsent(practiceId + " " + type.typeName(), key -> jdbc.query(
                "select id, created_at from webhook_subscription where practice_id = ? and events @> cast(? as jsonb)",
                (rs, row) -> new Subscription(rs.getString("id"), rs.getTimestamp("created_at").toInstant()),
                practiceId, "[\"" + type.typeName() + "\"]"));
    }

    /** A subscription gets only the events that happened after it was made. */
    private record Subscription(String id, Instant createdAt) {
    }

    private static Map<String, Object> data(Object... keysAndValues) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            data.put((String) keysAndValues[i], value instanceof Instant instant ? instant.toString() : value);
        }
        return data;
    }

    private static void optional(Map<String, Object> data, String key, Object value) {
        if (value != null) {
            data.put(key, value);
        }
    }
}
