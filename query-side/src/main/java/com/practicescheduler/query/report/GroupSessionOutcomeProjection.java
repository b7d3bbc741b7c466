package com.practicescheduler.query.report;

import com.practicescheduler.api.groupsession.GroupSessionCancelledEvent;
import com.practicescheduler.api.groupsession.GroupSessionScheduledEvent;
import com.practicescheduler.api.groupsession.GroupSessionStatus;
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
 * Every group session's provider, service, time, capacity and status, for the utilization report (a session's time
 * counts once, however many seats) and the attendance report (each session's seats). Its seats are appointments of
 * {@link AppointmentOutcomeProjection} naming it.
 */
@Component
@ProcessingGroup(ReadModels.REPORTS)
class GroupSessionOutcomeProjection {

    private final NamedParameterJdbcTemplate jdbc;
    private final BatchedWrites writes;

    GroupSessionOutcomeProjection(NamedParameterJdbcTemplate jdbc, BatchedWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(GroupSessionScheduledEvent event) {
        writes.update("""
                insert into report_group_session (group_session_id, practice_id, provider_id, service_id, start_at,
                    end_at, capacity, status)
                values (:id, :practice, :provider, :service, :start, :end, :capacity, 'SCHEDULED')
                on conflict (group_session_id) do nothing
                """, new MapSqlParameterSource("id", event.groupSessionId())
                .addValue("practice", event.practiceId())
                .addValue("provider", event.providerId())
                .addValue("service", event.serviceId())
                .addValue("start", Timestamp.from(event.start()))
                .addValue("end", Timestamp.from(event.end()))
                .addValue("capacity", event.capacity()), row(event.groupSessionId()));
    }

    @EventHandler
    void on(GroupSessionCancelledEvent event) {
        writes.update("update report_group_session set status = 'CANCELLED' where group_session_id = :id",
                new MapSqlParameterSource("id", event.groupSessionId()), row(event.groupSessionId()));
    }

    private static String row(String groupSessionId) {
        return "report_group_session:" + groupSessionId;
    }

    @ResetHandler
    void reset() {
        jdbc.getJdbcTemplate().update("delete from report_group_session");
    }

    /** A group session as the reports count it. */
    record Session(String groupSessionId, String providerId, String serviceId, Instant start, Instant end,
                   int capacity, GroupSessionStatus status) {
    }

    /** The practice's group sessions starting in [from, to), whatever their status, by start. */
    List<Session> startingBetween(String practiceId, Instant from, Instant to) {
        return jdbc.query("""
                select * from report_group_session
                where practice_id = :practice and start_at >= :from and start_at < :to
                order by start_at, group_session_id
                """, new MapSqlParameterSource("practice", practiceId)
                        .addValue("from", Timestamp.from(from))
                        .addValue("to", Timestamp.from(to)),
                (rs, row) -> new Session(rs.getString("group_session_id"), rs.getString("provider_id"),
                        rs.getString("service_id"), rs.getTimestamp("start_at").toInstant(),
                        rs.getTimestamp("end_at").toInstant(), rs.getInt("capacity"),
                        GroupSessionStatus.valueOf(rs.getString("status"))));
    }
}
