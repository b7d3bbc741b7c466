package com.practicescheduler.query.appointment;

import com.practicescheduler.api.appointment.AppointmentBookedEvent;
import com.practicescheduler.api.appointment.AppointmentCancelledEvent;
import com.practicescheduler.api.appointment.AppointmentRescheduledEvent;
import com.practicescheduler.api.appointment.AppointmentSource;
import com.practicescheduler.api.appointment.AppointmentStatus;
import com.practicescheduler.api.appointment.AppointmentVisitStepRecordedEvent;
import com.practicescheduler.api.provider.TimeRange;
import com.practicescheduler.platform.Port;
import com.practicescheduler.platform.persistence.Rows;
import com.practicescheduler.query.readmodel.BatchedWrites;
import com.practicescheduler.query.readmodel.ReadModels;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Appointments with their current status: the calendar, appointment detail, and the booked time. */
@Port("availability subtracts the time appointments block")
@Component
@ProcessingGroup(ReadModels.SCHEDULING)
public class AppointmentProjection {

    /**
     * Availability's blocked time: the live appointments (not seats of group sessions) of {@code :providers} that
     * meet [{@code :from}, {@code :to}). Those blocking at most a day come from the index
     * {@code appointment_view_provider_blocking} alone (V3.44, whose predicate is this query's, so no heap fetch), by
     * a scan that stops a day past {@code :to} ({@code :reach}); the longer ones from an index of their own (V3.72).
     */
    static final String BLOCKED_TIME = """
            select provider_id, start_at, blocked_until from appointment_view
            where provider_id in (:providers) and blocked_until > :from and blocked_until <= :reach
              and start_at < :to
              and status in ('BOOKED', 'CHECKED_IN', 'COMPLETED', 'NO_SHOW') and group_session_id is null
            union all
            select provider_id, start_at, blocked_until from appointment_view
            where provider_id in (:providers) and blocked_until > :reach and start_at < :to
              and status in ('BOOKED', 'CHECKED_IN', 'COMPLETED', 'NO_SHOW') and group_session_id is null
              and blocked_until - start_at > interval '1 day'
            """;

    /** The parameters of {@link #BLOCKED_TIME}. */
    static MapSqlParameterSource blockedTimeParameters(Collection<String> providerIds, Instant from, Instant to) {
        return new MapSqlParameterSource("providers", providerIds).addValue("from", Timestamp.from(from))
                .addValue("to", Timestamp.from(to)).addValue("reach", Timestamp.from(to.plus(Duration.ofDays(1))));
    }

    private static final String WITH_PATIENT = """
            select a.*, p.first_name, p.last_name from appointment_view a
            left join patient_view p on p.patient_id = a.patient_id
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final BatchedWrites writes;

    AppointmentProjection(NamedParameterJdbcTemplate jdbc, BatchedWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(AppointmentBookedEvent event) {
        writes.update("""
                insert into appointment_view (appointment_id, practice_id, patient_id, provider_id, service_id,
                    start_at, end_at, blocked_until, status, source, rescheduled_from, series_id, group_session_id,
                    calendar_uid, calendar_sequence)
                values (:id, :practice, :patient, :provider, :service, :start, :end, :blockedUntil, 'BOOKED',
                    :source, :rescheduledFrom, :series, :groupSession,
                    coalesce((select coalesce(calendar_uid, appointment_id) from appointment_view
                              where appointment_id = :rescheduledFrom), :id),
                    coalesce((select calendar_sequence + 1 from appointment_view
                              where appointment_id = :rescheduledFrom), 0))
                on conflict (appointment_id) do nothing
                """, new MapSqlParameterSource("id", event.appointmentId())
                .addValue("practice", event.practiceId())
                .addValue("patient", event.patientId())
                .addValue("provider", event.providerId())
                .addValue("service", event.serviceId())
                .addValue("start", Timestamp.from(event.start()))
                .addValue("end", Timestamp.from(event.end()))
                .addValue("blockedUntil", Timestamp.from(event.blockedUntil()))
                .addValue("source", event.source().name())
                .addValue("rescheduledFrom", event.rescheduledFrom())
                .addValue("series", event.seriesId())
                .addValue("groupSession", event.groupSessionId()), event.rescheduledFrom() == null
                ? new String[] {row(event.appointmentId())}
                : new String[] {row(event.appointmentId()), row(event.rescheduledFrom())});
    }

    @EventHandler
    void on(AppointmentRescheduledEvent event) {
        writes.update("""
                update appointment_view set status = 'RESCHEDULED', rescheduled_to = :to,
                    calendar_sequence = calendar_sequence + 1 where appointment_id = :id
                """, new MapSqlParameterSource("id", event.appointmentId()).addValue("to", event.rescheduledTo()),
                row(event.appointmentId()));
    }

    @EventHandler
    void on(AppointmentCancelledEvent event) {
        writes.update("""
                update appointment_view set status = :status, cancellation_reason = :reason,
                    calendar_sequence = calendar_sequence + 1 where appointment_id = :id
                """, new MapSqlParameterSource("id", event.appointmentId())
                .addValue("status", event.status().name())
                .addValue("reason", event.reason().name()), row(event.appointmentId()));
    }

    @EventHandler
    void on(AppointmentVisitStepRecordedEvent event) {
        writes.update("""
                update appointment_view set status = :status, calendar_sequence = calendar_sequence + 1
                where appointment_id = :id""",
                new MapSqlParameterSource("id", event.appointmentId()).addValue("status", event.status().name()),
                row(event.appointmentId()));
    }

    /** The key of an appointment's row for {@link BatchedWrites}. */
    private static String row(String appointmentId) {
        return "appointment_view:" + appointmentId;
    }

    @ResetHandler
    void reset() {
        jdbc.getJdbcTemplate().update("delete from appointment_view");
    }

    Optional<AppointmentView> appointment(String practiceId, String appointmentId) {
        return jdbc.query(WITH_PATIENT + " where a.practice_id = :practice and a.appointment_id = :id",
                new MapSqlParameterSource("practice", practiceId).addValue("id", appointmentId),
                (rs, row) -> view(rs)).stream().findFirst();
    }

    /** Appointments starting in [from, to) of a provider or of a patient, ordered by start. */
    List<AppointmentView> calendar(String practiceId, String column, String id, Instant from, Instant to) {
        String byColumn = column.equals("provider_id") ? "a.provider_id" : "a.patient_id";
        return jdbc.query(WITH_PATIENT + " where a.practice_id = :practice and " + byColumn + " = :id"
                        + " and a.start_at >= :from and a.start_at < :to order by a.start_at, a.appointment_id",
                new MapSqlParameterSource("practice", practiceId).addValue("id", id)
                        .addValue("from", Timestamp.from(from)).addValue("to", Timestamp.from(to)),
                (rs, row) -> view(rs));
    }

    /**
     * Appointments of the practice starting in [from, to), of a provider and of a patient when given (null: any),
     * in the given statuses (null: any), ordered by start; at most {@code limit}.
     */
    List<AppointmentView> search(String practiceId, String providerId, String patientId, Instant from, Instant to,
                                 Collection<AppointmentStatus> statuses, int limit) {
        StringBuilder sql = new StringBuilder(WITH_PATIENT).append(
                " where a.practice_id = :practice and a.start_at >= :from and a.start_at < :to");
        MapSqlParameterSource parameters = new MapSqlParameterSource("practice", practiceId)
                .addValue("from", Timestamp.from(from)).addValue("to", Timestamp.from(to))
                .addValue("limit", limit);
        if (providerId != null) {
            sql.append(" and a.provider_id = :provider");
            parameters.addValue("provider", providerId);
        }
        if (patientId != null) {
            sql.append(" and a.patient_id = :patient");
            parameters.addValue("patient", patientId);
        }
        if (statuses != null) {
            if (statuses.isEmpty()) {
                return List.of();
            }
            sql.append(" and a.status in (:statuses)");
            parameters.addValue("statuses", statuses.stream().map(Enum::name).toList());
        }
        sql.append(" order by a.start_at, a.appointment_id limit :limit");
        return jdbc.query(sql.toString(), parameters, (rs, row) -> view(rs));
    }

    /**
     * The time the providers' live appointments (buffers included) block, overlapping [from, to). Seats of group
     * sessions block nothing of their own: their session holds the provider's time once
     * ({@code GroupSessionProjection}). The status list and the seats left out are the predicate of the partial
     * index {@code appointment_view_provider_blocking} (V3.44): change both together, or the index no longer answers
     * alone (BlockedTimeIndexTest).
     */
    public List<BlockedTime> blockedTime(Collection<String> providerIds, Instant from, Instant to) {
        if (providerIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query(BLOCKED_TIME, blockedTimeParameters(providerIds, from, to),
                (rs, row) -> new BlockedTime(rs.getString("provider_id"), new TimeRange(
                        Rows.instant(rs, "start_at"), Rows.instant(rs, "blocked_until"))));
    }

    /**
     * A provider's appointments starting in [from, to) as a calendar feed shows them (ADR 19): one per reschedule
     * chain (the appointments a reschedule replaced are left out), by start; at most {@code limit}. No PHI. Seats of
     * group sessions are left out: the feed shows a session once, as the provider's time.
     */
    public List<FeedEntry> feed(String practiceId, String providerId, Instant from, Instant to, int limit) {
        return jdbc.query("""
                select coalesce(a.calendar_uid, a.appointment_id) as calendar_uid, a.calendar_sequence, a.service_id,
                    a.start_at, a.end_at, a.status, a.group_session_id, a.series_id, a.patient_id,
                    upper(left(p.first_name, 1)) || '.' || upper(left(p.last_name, 1)) || '.' as initials
                from appointment_view a left join patient_view p on p.patient_id = a.patient_id
                where a.practice_id = :practice and a.provider_id = :provider and a.start_at >= :from
                  and a.start_at < :to and a.status <> 'RESCHEDULED' and a.group_session_id is null
                order by a.start_at, calendar_uid limit :limit
                """, new MapSqlParameterSource("practice", practiceId).addValue("provider", providerId)
                        .addValue("from", Timestamp.from(from)).addValue("to", Timestamp.from(to))
                        .addValue("limit", limit),
                (rs, row) -> new FeedEntry(rs.getString("calendar_uid"), rs.getInt("calendar_sequence"),
                        rs.getString("service_id"), Rows.instant(rs, "start_at"), Rows.instant(rs, "end_at"),
                        AppointmentStatus.valueOf(rs.getString("status")), rs.getString("group_session_id"),
                        rs.getString("series_id"), rs.getString("patient_id"), rs.getString("initials")));
    }

    /**
     * An appointment in a calendar feed: {@code uid} is the first appointment of its reschedule chain,
     * {@code sequence} counts the changes along the chain; {@code initials} the patient's (PHI: shown only where the
     * practice allows it).
     */
    public record FeedEntry(String uid, int sequence, String serviceId, Instant start, Instant end,
                            AppointmentStatus status, String groupSessionId, String seriesId, String patientId,
                            String initials) {

        @Override
        public String toString() {
            return "FeedEntry[uid=" + uid + "]";
        }
    }

    /** The seats of a group session, each an appointment with its patient (cancelled ones too), by appointment id. */
    public List<Seat> seats(String practiceId, String groupSessionId) {
        return jdbc.query(WITH_PATIENT + " where a.practice_id = :practice and a.group_session_id = :session"
                        + " order by a.appointment_id",
                new MapSqlParameterSource("practice", practiceId).addValue("session", groupSessionId),
                (rs, row) -> {
                    AppointmentView view = view(rs);
                    return new Seat(view.id(), view.patientId(), view.patientName(), view.status());
                });
    }

    /** A seat of a group session: its appointment, patient (PHI: the name) and status. */
    public record Seat(String appointmentId, String patientId, String patientName, AppointmentStatus status) {

        @Override
        public String toString() {
            return "Seat[appointmentId=" + appointmentId + ", status=" + status + "]";
        }
    }

    private static AppointmentView view(ResultSet rs) throws SQLException {
        String first = rs.getString("first_name");
        String patientName = first == null ? null : first + " " + rs.getString("last_name");
        String reason = rs.getString("cancellation_reason");
        return new AppointmentView(rs.getString("appointment_id"), rs.getString("patient_id"), patientName,
                rs.getString("provider_id"), rs.getString("service_id"),
                Rows.instant(rs, "start_at"), Rows.instant(rs, "end_at"),
                AppointmentStatus.valueOf(rs.getString("status")), AppointmentSource.valueOf(rs.getString("source")),
                rs.getString("rescheduled_to"), rs.getString("rescheduled_from"), reason,
                rs.getString("series_id"), rs.getString("group_session_id"));
    }


    record AppointmentView(String id, String patientId, String patientName, String providerId, String serviceId,
                           Instant start, Instant end, AppointmentStatus status, AppointmentSource source,
                           String rescheduledTo, String rescheduledFrom, String cancellationReason,
                           String seriesId, String groupSessionId) {

        @Override
        public String toString() {
            return "AppointmentView[id=" + id + ", status=" + status + "]";
        }
    }

    public record BlockedTime(String providerId, TimeRange range) {
    }
}
