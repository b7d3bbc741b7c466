package com.practicescheduler.query.practice;

import com.practicescheduler.api.practice.Modality;
import com.practicescheduler.api.practice.OfferStrategy;
import com.practicescheduler.api.practice.PracticeConfiguredEvent;
import com.practicescheduler.api.practice.PracticeSettings;
import com.practicescheduler.api.practice.ServiceDefinedEvent;
import com.practicescheduler.platform.Port;
import com.practicescheduler.query.readmodel.BatchedWrites;
import com.practicescheduler.query.readmodel.ReadModels;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;

/** Practice settings and the service catalogue, per practice. */
@Port("every feature reads the practice's time zone and settings; availability reads its services")
@Component
@ProcessingGroup(ReadModels.SCHEDULING)
public class PracticeProjection {

    private final JdbcTemplate jdbc;
    private final BatchedWrites writes;

    PracticeProjection(JdbcTemplate jdbc, BatchedWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(PracticeConfiguredEvent event) {
        PracticeSettings s = event.settings();
        writes.update("""
                insert into practice_settings_view (practice_id, time_zone, slot_minutes, late_cancel_hours,
                    offer_hold, offer_strategy, booking_horizon_days, broadcast_size, calendar_patient_initials)
                values (:practice, :zone, :slot, :lateCancel, :offerHold, :offerStrategy, :horizon, :broadcastSize,
                    :initials)
                on conflict (practice_id) do update set time_zone = excluded.time_zone,
                    slot_minutes = excluded.slot_minutes, late_cancel_hours = excluded.late_cancel_hours,
                    offer_hold = excluded.offer_hold, offer_strategy = excluded.offer_strategy,
                    booking_horizon_days = excluded.booking_horizon_days, broadcast_size = excluded.broadcast_size,
                    calendar_patient_initials = excluded.calendar_patient_initials
                """, new MapSqlParameterSource("practice", event.practiceId())
                .addValue("zone", s.timeZone())
                .addValue("slot", s.slotMinutes())
                .addValue("lateCancel", s.lateCancelHours())
                .addValue("offerHold", s.offerHold().toString())
                .addValue("offerStrategy", s.offerStrategy().name())
                .addValue("horizon", s.bookingHorizonDays())
                .addValue("broadcastSize", s.broadcastSize())
                .addValue("initials", s.calendarPatientInitials()), "practice_settings_view:" + event.practiceId());
    }

    @EventHandler
    void on(ServiceDefinedEvent event, @org.axonframework.eventhandling.Timestamp Instant definedAt) {
        writes.update("""
                insert into service_view (service_id, practice_id, name, duration_minutes, buffer_minutes,
                    modality, defined_at, capacity)
                values (:id, :practice, :name, :duration, :buffer, :modality, :at, :capacity)
                on conflict (service_id) do nothing
                """, new MapSqlParameterSource("id", event.serviceId())
                .addValue("practice", event.practiceId())
                .addValue("name", event.name())
                .addValue("duration", event.durationMinutes())
                .addValue("buffer", event.bufferMinutes())
                .addValue("modality", event.modality().name())
                .addValue("at", Timestamp.from(definedAt))
                .addValue("capacity", event.capacity()), "service_view:" + event.serviceId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from practice_settings_view");
        jdbc.update("delete from service_view");
    }

    /** The practice's settings, or the defaults until an administrator set them. */
    public PracticeSettings settings(String practiceId) {
        return jdbc.query("select * from practice_settings_view where practice_id = ?",
                (rs, row) -> new PracticeSettings(rs.getString("time_zone"), rs.getInt("slot_minutes"),
                        rs.getInt("late_cancel_hours"), Duration.parse(rs.getString("offer_hold")),
                        OfferStrategy.valueOf(rs.getString("offer_strategy")), rs.getInt("booking_horizon_days"),
                        rs.getInt("broadcast_size"), rs.getBoolean("calendar_patient_initials")),
                practiceId).stream().findFirst().orElseGet(PracticeSettings::defaults);
    }

    public List<ServiceView> services(String practiceId) {
        return jdbc.query("select * from service_view where practice_id = ? order by defined_at, service_id",
                (rs, row) -> service(rs), practiceId);
    }

    public Optional<ServiceView> service(String practiceId, String serviceId) {
        return jdbc.query("select * from service_view where practice_id = ? and service_id = ?",
                (rs, row) -> service(rs), practiceId, serviceId).stream().findFirst();
    }

    private static ServiceView service(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ServiceView(rs.getString("service_id"), rs.getString("name"), rs.getInt("duration_minutes"),
                rs.getInt("buffer_minutes"), Modality.valueOf(rs.getString("modality")), rs.getInt("capacity"));
    }

    /**
     * A service as clients see it.
     *
     * @param capacity seats of one appointment; more than 1 for a group service, booked as group sessions
     */
    public record ServiceView(String id, String name, int durationMinutes, int bufferMinutes, Modality modality,
                              int capacity) {

        /** An ordinary (one-patient) service. */
        public ServiceView(String id, String name, int durationMinutes, int bufferMinutes, Modality modality) {
            this(id, name, durationMinutes, bufferMinutes, modality, 1);
        }

        /** Whether its appointments are group sessions. */
        public boolean group() {
            return capacity > 1;
        }
    }
}
