package com.practicescheduler.query.report;

import com.practicescheduler.api.appointment.AppointmentBookedEvent;
import com.practicescheduler.api.appointment.AppointmentCancelledEvent;
import com.practicescheduler.api.appointment.AppointmentRescheduledEvent;
import com.practicescheduler.api.appointment.AppointmentStatus;
import com.practicescheduler.api.appointment.AppointmentVisitStepRecordedEvent;
import com.practicescheduler.api.appointment.CancellationReason;
import com.practicescheduler.query.readmodel.BatchedWrites;
import com.practicescheduler.query.readmodel.ReadModels;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every appointment's provider, service, time and status — never its patient — for the utilization and
 * attendance reports.
 */
@Component
@ProcessingGroup(ReadModels.REPORTS)
class AppointmentOutcomeProjection {

    private final NamedParameterJdbcTemplate jdbc;
    private final BatchedWrites writes;

    AppointmentOutcomeProjection(NamedParameterJdbcTemplate jdbc, BatchedWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(AppointmentBookedEvent event) {
        writes.update("""
                insert into report_appointment (appointment_id, practice_id, provider_id, service_id, start_at,
                    end_at, source, status, group_session_id)
                values (:id, :practice, :provider, :service, :start, :end, :source, 'BOOKED', :groupSession)
                on conflict (appointment_id) do nothing
                """, new MapSqlParameterSource("id", event.appointmentId())
                .addValue("practice", event.practiceId())
                .addValue("provider", event.providerId())
                .addValue("service", event.serviceId())
                .addValue("start", Timestamp.from(event.start()))
                .addValue("end", Timestamp.from(event.end()))
                .addValue("source", event.source().name())
                .addValue("groupSession", event.groupSessionId()), row(event.appointmentId()));
    }

    @EventHandler
    void on(AppointmentRescheduledEvent event) {
        status(event.appointmentId(), AppointmentStatus.RESCHEDULED, null);
    }

    @EventHandler
    void on(AppointmentCancelledEvent event) {
        status(event.appointmentId(), event.status(), event.reason());
    }

    @EventHandler
    void on(AppointmentVisitStepRecordedEvent event) {
        status(event.appointmentId(), event.status(), null);
    }

    private void status(String appointmentId, AppointmentStatus status, CancellationReason reason) {
        writes.update("""
                update report_appointment set status = :status, cancellation_reason = :reason
                where appointment_id = :id
                """, new MapSqlParameterSource("id", appointmentId)
                .addValue("status", status.name())
                .addValue("reason", reason == null ? null : reason.name()), row(appointmentId));
    }

    /** The key of an appointment's row for {@link BatchedWrites}. */
    private static String row(String appointmentId) {
        return "report_appointment:" + appointmentId;
    }

    @ResetHandler
    void reset() {
        jdbc.getJdbcTemplate().update("delete from report_appointment");
    }

    /**
     * An appointment as the reports count it.
     *
     * @param groupSessionId the group session it is a seat of, or null
     */
    record Outcome(String providerId, Instant start, Instant end, AppointmentStatus status,
                   CancellationReason cancellationReason, String groupSessionId) {

        Outcome(String providerId, Instant start, Instant end, AppointmentStatus status,
                CancellationReason cancellationReason) {
            this(providerId, start, end, status, cancellationReason, null);
        }
    }

    /** The practice's appointments starting in [from, to), whatever their status. */
    List<Outcome> startingBetween(String practiceId, Instant from, Instant to) {
        return jdbc.query("""
                select provider_id, start_at, end_at, status, cancellation_reason, group_session_id
                from report_appointment
                where practice_id = :practice and start_at >= :from and start_at < :to
                """, new MapSqlParameterSource("practice", practiceId)
                        .addValue("from", Timestamp.from(from))
                        .addValue("to", Timestamp.from(to)),
                (rs, row) -> new Outcome(rs.getString("provider_id"), rs.getTimestamp("start_at").toInstant(),
                        rs.getTimestamp("end_at").toInstant(), AppointmentStatus.valueOf(rs.getString("status")),
                        rs.getString("cancellation_reason") == null ? null
                                : CancellationReason.valueOf(rs.getString("cancellation_reason")),
                        rs.getString("group_session_id")));
    }
}
