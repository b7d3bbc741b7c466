package com.practicescheduler.query.notification;

import com.practicescheduler.api.appointment.AppointmentBookedEvent;
import com.practicescheduler.api.patient.ContactPreferences;
import com.practicescheduler.api.patient.ContactPreferencesSetEvent;
import com.practicescheduler.api.practice.NotificationSettings;
import com.practicescheduler.api.practice.NotificationsConfiguredEvent;
import com.practicescheduler.api.practice.QuietHours;
import com.practicescheduler.platform.persistence.Rows;
import com.practicescheduler.query.readmodel.BatchedWrites;
import com.practicescheduler.query.readmodel.ReadModels;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * Each practice's notification settings and each patient's consent: read models of the scheduling processor, so a
 * command's answer waits for them (read-your-writes) and a rebuild recreates them.
 */
@Component
@ProcessingGroup(ReadModels.SCHEDULING)
class NotificationSettingsProjection {

    private static final String CONSENTS_OF_BATCH = NotificationSettingsProjection.class.getName() + ".consents";

    private final JdbcTemplate jdbc;
    private final BatchedWrites writes;

    NotificationSettingsProjection(JdbcTemplate jdbc, BatchedWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(NotificationsConfiguredEvent event) {
        NotificationSettings s = event.settings();
        writes.update("""
                insert into notification_settings_view (practice_id, reminders, quiet_start, quiet_end,
                    include_service_name, practice_name, confirmations, cancellations)
                values (:practice, :reminders, :quietStart, :quietEnd, :serviceName, :name, :confirmations,
                    :cancellations)
                on conflict (practice_id) do update set reminders = excluded.reminders,
                    quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end,
                    include_service_name = excluded.include_service_name, practice_name = excluded.practice_name,
                    confirmations = excluded.confirmations, cancellations = excluded.cancellations
                """, new MapSqlParameterSource("practice", event.practiceId())
                .addValue("reminders", s.reminders().stream().map(Duration::toString).collect(Collectors.joining(",")))
                .addValue("quietStart", s.quietHours() == null ? null : s.quietHours().start())
                .addValue("quietEnd", s.quietHours() == null ? null : s.quietHours().end())
                .addValue("serviceName", s.includeServiceName())
                .addValue("name", s.practiceName())
                .addValue("confirmations", s.confirmations())
                .addValue("cancellations", s.cancellations()), "notification_settings_view:" + event.practiceId());
    }

    @EventHandler
    void on(ContactPreferencesSetEvent event) {
        ContactPreferences p = event.preferences();
        writes.update("""
                insert into contact_preferences_view (patient_id, practice_id, email, sms, reminders, waitlist_offers,
                    set_by, set_at)
                values (:patient, :practice, :email, :sms, :reminders, :offers, :setBy, :setAt)
                on conflict (patient_id) do update set email = excluded.email, sms = excluded.sms,
                    reminders = excluded.reminders, waitlist_offers = excluded.waitlist_offers,
                    set_by = excluded.set_by, set_at = excluded.set_at
                """, new MapSqlParameterSource("patient", event.patientId())
                .addValue("practice", event.practiceId())
                .addValue("email", p.email())
                .addValue("sms", p.sms())
                .addValue("reminders", p.reminders())
                .addValue("offers", p.waitlistOffers())
                .addValue("setBy", event.setBy())
                .addValue("setAt", Timestamp.from(event.setAt())), "contact_preferences_view:" + event.patientId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from notification_settings_view");
        jdbc.update("delete from contact_preferences_view");
    }

    /** The practice's settings, or the defaults until an administrator set them. */
    NotificationSettings settings(String practiceId) {
        return jdbc.query("select * from notification_settings_view where practice_id = ?", (rs, row) -> {
            LocalTime quietStart = rs.getObject("quiet_start", LocalTime.class);
            LocalTime quietEnd = rs.getObject("quiet_end", LocalTime.class);
            String reminders = rs.getString("reminders");
            return new NotificationSettings(
                    reminders.isEmpty() ? java.util.List.of()
                            : Arrays.stream(reminders.split(",")).map(Duration::parse).toList(),
                    quietStart == null || quietEnd == null ? null : new QuietHours(quietStart, quietEnd),
                    rs.getBoolean("include_service_name"), rs.getString("practice_name"),
                    rs.getBoolean("confirmations"), rs.getBoolean("cancellations"));
        }, practiceId).stream().findFirst().orElseGet(NotificationSettings::defaults);
    }

    /**
     * The patient's consent, or none until it was recorded. Inside a processor's batch, the consents of every patient
     * booked in that batch are read together the first time one is asked for: under load a batch holds many bookings,
     * and one query for each was one query per booking.
     */
    Consent consent(String patientId) {
        if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batch) {
            Consent ofBatch = batch.getOrComputeResource(CONSENTS_OF_BATCH, key -> consents(bookedPatients(batch)))
                    .get(patientId);
            if (ofBatch != null) {
                return ofBatch;
            }
        }
        return consents(Set.of(patientId)).get(patientId);
    }

    private static Set<String> bookedPatients(BatchingUnitOfWork<?> batch) {
        Set<String> patients = new HashSet<>();
        for (Message<?> message : batch.getMessages()) {
            // the type first: the batch's other events need not be deserialized here
            if (message.getPayloadType() == AppointmentBookedEvent.class
                    && message.getPayload() instanceof AppointmentBookedEvent booked && booked.patientId() != null) {
                patients.add(booked.patientId());
            }
        }
        return patients;
    }

    /** Each patient's consent, none for those without a row. */
    private Map<String, Consent> consents(Set<String> patientIds) {
        Map<String, Consent> consents = new HashMap<>();
        if (patientIds.isEmpty()) {
            return consents;
        }
        // index look-ups per id whatever plan PostgreSQL keeps for the prepared statement (see AuditTrail)
        jdbc.query("""
                select c.* from unnest(cast(? as varchar[])) as i(id)
                cross join lateral (select * from contact_preferences_view p where p.patient_id = i.id limit 1) as c
                """, rs -> {
            consents.put(rs.getString("patient_id"), new Consent(new ContactPreferences(rs.getBoolean("email"),
                    rs.getBoolean("sms"), rs.getBoolean("reminders"), rs.getBoolean("waitlist_offers")),
                    rs.getString("set_by"), Rows.instant(rs, "set_at")));
        }, (Object) patientIds.toArray(String[]::new));
        for (String patientId : patientIds) {
            consents.putIfAbsent(patientId, new Consent(ContactPreferences.none(), null, null));
        }
        return consents;
    }

    /** A patient's consent, who recorded it and when (null until recorded). */
    record Consent(ContactPreferences preferences, String setBy, Instant setAt) {

        boolean allows(MessageKind kind, Channel channel) {
            boolean onChannel = channel == Channel.EMAIL ? preferences.email() : preferences.sms();
            boolean forKind = kind == MessageKind.OFFER ? preferences.waitlistOffers() : preferences.reminders();
            return onChannel && forKind;
        }

        boolean allowsAny() {
            return preferences.email() || preferences.sms();
        }
    }
}
