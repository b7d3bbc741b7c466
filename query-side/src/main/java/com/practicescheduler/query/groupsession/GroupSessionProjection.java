package com.practicescheduler.query.groupsession;

import com.practicescheduler.api.groupsession.GroupSessionCancelledEvent;
import com.practicescheduler.api.groupsession.GroupSessionScheduledEvent;
import com.practicescheduler.api.groupsession.GroupSessionStatus;
import com.practicescheduler.api.groupsession.ParticipantEnrolledEvent;
import com.practicescheduler.api.groupsession.SeatFreedEvent;
import com.practicescheduler.api.groupsession.SeatHeldEvent;
import com.practicescheduler.api.groupsession.SeatHoldReleasedEvent;
import com.practicescheduler.api.provider.TimeRange;
import com.practicescheduler.platform.Port;
import com.practicescheduler.platform.persistence.Rows;
import com.practicescheduler.query.appointment.AppointmentProjection.BlockedTime;
import com.practicescheduler.query.readmodel.BatchedWrites;
import com.practicescheduler.query.readmodel.ReadModels;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
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

/**
 * Group sessions: the provider's time each holds (once, however many seats), its seats taken and the seats held for
 * waitlist offers. In the
 * {@code scheduling} group with the appointments, so availability and a session's seats move together. Seat counts
 * are written as the events state them (absolute), so a redelivered event changes nothing.
 */
@Port("availability subtracts the time sessions hold and lists the sessions of a group service with seats left")
@Component
@ProcessingGroup(ReadModels.SCHEDULING)
public class GroupSessionProjection {

    /** A session's row with the seats held for offers at {@code :now} (a hold past its expiry holds nothing). */
    private static final String WITH_HOLDS = """
            select v.*, (select count(*) from group_session_seat_hold h
                         where h.group_session_id = v.group_session_id and h.expires_at > :now) as seats_held
            from group_session_view v
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final BatchedWrites writes;
    private final Clock clock;

    GroupSessionProjection(NamedParameterJdbcTemplate jdbc, BatchedWrites writes, Clock clock) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.clock = clock;
    }

    @EventHandler
    void on(GroupSessionScheduledEvent event) {
        writes.update("""
                insert into group_session_view (group_session_id, practice_id, provider_id, service_id, start_at,
                    end_at, blocked_until, capacity, seats_taken, status)
                values (:id, :practice, :provider, :service, :start, :end, :blockedUntil, :capacity, 0, 'SCHEDULED')
                on conflict (group_session_id) do nothing
                """, new MapSqlParameterSource("id", event.groupSessionId())
                .addValue("practice", event.practiceId())
                .addValue("provider", event.providerId())
                .addValue("service", event.serviceId())
                .addValue("start", Timestamp.from(event.start()))
                .addValue("end", Timestamp.from(event.end()))
                .addValue("blockedUntil", Timestamp.from(event.blockedUntil()))
                .addValue("capacity", event.capacity()), row(event.groupSessionId()));
    }

    @EventHandler
    void on(ParticipantEnrolledEvent event) {
        seatsTaken(event.groupSessionId(), event.seatsTaken());
    }

    @EventHandler
    void on(SeatFreedEvent event) {
        seatsTaken(event.groupSessionId(), event.seatsTaken());
    }

    @EventHandler
    void on(SeatHeldEvent event) {
        writes.update("""
                insert into group_session_seat_hold (offer_id, practice_id, group_session_id, expires_at)
                values (:offer, :practice, :id, :expiresAt)
                on conflict (offer_id) do nothing
                """, new MapSqlParameterSource("id", event.groupSessionId()).addValue("offer", event.offerId())
                .addValue("practice", event.practiceId())
                .addValue("expiresAt", Timestamp.from(event.expiresAt())), row(event.groupSessionId()));
    }

    @EventHandler
    void on(SeatHoldReleasedEvent event) {
        writes.update("delete from group_session_seat_hold where offer_id = :offer",
                new MapSqlParameterSource("offer", event.offerId()), row(event.groupSessionId()));
    }

    @EventHandler
    void on(GroupSessionCancelledEvent event) {
        writes.update("delete from group_session_seat_hold where group_session_id = :id",
                new MapSqlParameterSource("id", event.groupSessionId()), row(event.groupSessionId()));
        writes.update("""
                update group_session_view set status = 'CANCELLED', seats_taken = 0, cancellation_reason = :reason
                where group_session_id = :id
                """, new MapSqlParameterSource("id", event.groupSessionId())
                .addValue("reason", event.reason().name()), row(event.groupSessionId()));
    }

    private void seatsTaken(String groupSessionId, int seatsTaken) {
        writes.update("update group_session_view set seats_taken = :seats where group_session_id = :id",
                new MapSqlParameterSource("id", groupSessionId).addValue("seats", seatsTaken), row(groupSessionId));
    }

    /** The key of a session's row for {@link BatchedWrites}. */
    private static String row(String groupSessionId) {
        return "group_session_view:" + groupSessionId;
    }

    @ResetHandler
    void reset() {
        jdbc.getJdbcTemplate().update("delete from group_session_view");
        jdbc.getJdbcTemplate().update("delete from group_session_seat_hold");
    }

    /** The session, if it belongs to {@code practiceId}. */
    public Optional<Session> session(String practiceId, String groupSessionId) {
        return jdbc.query(WITH_HOLDS + "where v.practice_id = :practice and v.group_session_id = :id",
                new MapSqlParameterSource("practice", practiceId).addValue("id", groupSessionId)
                        .addValue("now", Timestamp.from(clock.instant())),
                (rs, row) -> session(rs)).stream().findFirst();
    }

    /** The time the providers' scheduled sessions (buffers included) hold, overlapping [from, to). */
    public List<BlockedTime> blockedTime(Collection<String> providerIds, Instant from, Instant to) {
        if (providerIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("""
                select provider_id, start_at, blocked_until from group_session_view
                where provider_id in (:providers) and start_at < :to and blocked_until > :from
                  and status = 'SCHEDULED'
                """, new MapSqlParameterSource("providers", providerIds)
                        .addValue("from", Timestamp.from(from)).addValue("to", Timestamp.from(to)),
                (rs, row) -> new BlockedTime(rs.getString("provider_id"), new TimeRange(
                        Rows.instant(rs, "start_at"), Rows.instant(rs, "blocked_until"))));
    }

    /** The provider's sessions, cancelled ones too, that start in [from, to), by start; at most {@code limit}. */
    public List<Session> ofProvider(String practiceId, String providerId, Instant from, Instant to, int limit) {
        return jdbc.query(WITH_HOLDS + """
                where v.practice_id = :practice and v.provider_id = :provider and v.start_at >= :from
                  and v.start_at < :to
                order by v.start_at, v.group_session_id limit :limit
                """, new MapSqlParameterSource("practice", practiceId).addValue("provider", providerId)
                        .addValue("from", Timestamp.from(from)).addValue("to", Timestamp.from(to))
                        .addValue("limit", limit).addValue("now", Timestamp.from(clock.instant())),
                (rs, row) -> session(rs));
    }

    /**
     * The scheduled sessions of {@code serviceId} with the given providers that start in [from, to) and have a seat
     * left, ordered by start, then provider.
     */
    public List<Session> withSeatsLeft(String practiceId, String serviceId, Collection<String> providerIds,
                                       Instant from, Instant to) {
        if (providerIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("select * from (" + WITH_HOLDS + """
                    where v.practice_id = :practice and v.service_id = :service and v.provider_id in (:providers)
                      and v.start_at >= :from and v.start_at < :to and v.status = 'SCHEDULED'
                      and v.seats_taken < v.capacity) s
                where seats_taken + seats_held < capacity
                order by start_at, provider_id, group_session_id
                """, new MapSqlParameterSource("practice", practiceId).addValue("service", serviceId)
                        .addValue("providers", providerIds)
                        .addValue("from", Timestamp.from(from)).addValue("to", Timestamp.from(to))
                        .addValue("now", Timestamp.from(clock.instant())),
                (rs, row) -> session(rs));
    }

    private static Session session(ResultSet rs) throws SQLException {
        return new Session(rs.getString("group_session_id"), rs.getString("provider_id"), rs.getString("service_id"),
                Rows.instant(rs, "start_at"), Rows.instant(rs, "end_at"), rs.getInt("capacity"),
                rs.getInt("seats_taken"), rs.getInt("seats_held"), GroupSessionStatus.valueOf(rs.getString("status")),
                rs.getString("cancellation_reason"));
    }

    /** A group session as the read model holds it; {@code seatsHeld} for pending waitlist offers. */
    public record Session(String id, String providerId, String serviceId, Instant start, Instant end, int capacity,
                          int seatsTaken, int seatsHeld, GroupSessionStatus status, String cancellationReason) {

        public int seatsLeft() {
            return Math.max(0, capacity - seatsTaken - seatsHeld);
        }
    }
}
