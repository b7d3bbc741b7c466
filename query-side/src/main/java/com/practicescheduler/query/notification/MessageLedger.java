package com.practicescheduler.query.notification;

import com.practicescheduler.api.Nullable;
import com.practicescheduler.platform.persistence.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The send ledger: one row per message, unique per (kind, appointment or offer, reminder offset, channel). A
 * message is planned once however often its event is handled, and claimed ({@code SCHEDULED → SENDING}) in a
 * statement of its own before it is handed to a channel: two nodes, or a deadline that fires twice, never send it
 * twice. A process that dies between the claim and the answer leaves it {@code SENDING}: at most once, never twice.
 */
@Component
class MessageLedger {

    /** Statuses as stored; {@code SENDING} reads as {@code SCHEDULED} in the API (it has not gone out yet). */
    enum Status {
        SCHEDULED, SENDING, SENT, FAILED, CANCELLED
    }

    private final JdbcTemplate jdbc;

    MessageLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records {@code message} as scheduled; false when its ledger key was already planned. */
    boolean plan(Message message, Instant now) {
        return jdbc.update("""
                insert into patient_message (message_id, ledger_key, practice_id, patient_id, kind, channel, status,
                    scheduled_for, appointment_id, offer_id, provider_id, service_id, starts_at, expires_at,
                    created_at)
                values (?, ?, ?, ?, ?, ?, 'SCHEDULED', ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (ledger_key) do nothing
                """, message.id(), message.ledgerKey(), message.practiceId(), message.patientId(),
                message.kind().name(), message.channel().name(), Timestamp.from(message.scheduledFor()),
                message.appointmentId(), message.offerId(), message.providerId(), message.serviceId(),
                message.startsAt() == null ? null : Timestamp.from(message.startsAt()),
                message.expiresAt() == null ? null : Timestamp.from(message.expiresAt()), Timestamp.from(now)) == 1;
    }

    /** Cancels the messages of {@code appointmentId} not sent yet. */
    int cancelScheduled(String appointmentId, String reason) {
        return jdbc.update("""
                update patient_message set status = 'CANCELLED', reason = ?
                where appointment_id = ? and status = 'SCHEDULED'
                """, reason, appointmentId);
    }

    /** The patient and service of a booked appointment, from the calendar's read model. */
    Optional<Parties> partiesOf(String appointmentId) {
        return jdbc.query("select patient_id, service_id from appointment_view where appointment_id = ?",
                (rs, row) -> new Parties(rs.getString("patient_id"), rs.getString("service_id")), appointmentId)
                .stream().findFirst();
    }

    record Parties(String patientId, String serviceId) {
    }

    /** Cancels the offer messages of {@code offerId} not sent yet. */
    int cancelScheduledOffer(String offerId, String reason) {
        return jdbc.update("""
                update patient_message set status = 'CANCELLED', reason = ?
                where offer_id = ? and status = 'SCHEDULED'
                """, reason, offerId);
    }

    /** A message of the offer: its slot and provider. */
    Optional<Message> offerMessage(String offerId) {
        return jdbc.query("select * from patient_message where offer_id = ? limit 1", MessageLedger::message,
                offerId).stream().findFirst();
    }

    /** Takes {@code messageId} for sending: empty when it is no longer scheduled (sent, cancelled, taken). */
    Optional<Message> claim(String messageId) {
        return jdbc.query("""
                update patient_message set status = 'SENDING'
                where message_id = ? and status = 'SCHEDULED'
                returning *
                """, MessageLedger::message, messageId).stream().findFirst();
    }

    void finish(String messageId, Status status, @Nullable Instant sentAt, @Nullable String reason) {
        jdbc.update("update patient_message set status = ?, sent_at = ?, reason = ? where message_id = ?",
                status.name(), sentAt == null ? null : Timestamp.from(sentAt), reason, messageId);
    }

    /** Every message of the patient, newest first. */
    List<Entry> ofPatient(String practiceId, String patientId) {
        return jdbc.query("""
                select * from patient_message where practice_id = ? and patient_id = ?
                order by scheduled_for desc, message_id limit 500
                """, (rs, row) -> new Entry(message(rs, row), Status.valueOf(rs.getString("status")),
                optionalInstant(rs, "sent_at"), rs.getString("reason")), practiceId, patientId);
    }

    private static Message message(ResultSet rs, int row) throws SQLException {
        return new Message(rs.getString("message_id"), rs.getString("ledger_key"), rs.getString("practice_id"),
                rs.getString("patient_id"), MessageKind.valueOf(rs.getString("kind")),
                Channel.valueOf(rs.getString("channel")), Rows.instant(rs, "scheduled_for"),
                rs.getString("appointment_id"), rs.getString("offer_id"), rs.getString("provider_id"),
                rs.getString("service_id"), optionalInstant(rs, "starts_at"), optionalInstant(rs, "expires_at"));
    }

    private static Instant optionalInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A planned message: ids and times only, never its text or address (those are made when it is sent). */
    record Message(String id, String ledgerKey, String practiceId, String patientId, MessageKind kind,
                   Channel channel, Instant scheduledFor, @Nullable String appointmentId, @Nullable String offerId,
                   @Nullable String providerId, @Nullable String serviceId, @Nullable Instant startsAt,
                   @Nullable Instant expiresAt) {

        /** A message about an appointment (no offer, no expiry). */
        Message(String id, String ledgerKey, String practiceId, String patientId, MessageKind kind, Channel channel,
                Instant scheduledFor, String appointmentId, String offerId, String providerId, String serviceId,
                Instant startsAt) {
            this(id, ledgerKey, practiceId, patientId, kind, channel, scheduledFor, appointmentId, offerId,
                    providerId, serviceId, startsAt, null);
        }
    }

    /** A message with its outcome. */
    record Entry(Message message, Status status, @Nullable Instant sentAt, @Nullable String reason) {
    }
}
