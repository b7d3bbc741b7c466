package com.practicescheduler.query.calendarfeed;

import com.practicescheduler.api.calendarfeed.CalendarFeedCreatedEvent;
import com.practicescheduler.api.calendarfeed.CalendarFeedRevokedEvent;
import com.practicescheduler.api.calendarfeed.CalendarFeeds;
import com.practicescheduler.query.readmodel.BatchedWrites;
import com.practicescheduler.query.readmodel.ReadModels;
import java.sql.Timestamp;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The calendar feeds by the hash of their token (table {@code calendar_feed_view}); in the "scheduling" group, so
 * a command's answer (create, revoke) waits for it as for the calendar.
 */
@Component
@ProcessingGroup(ReadModels.SCHEDULING)
class CalendarFeedProjection {

    private final NamedParameterJdbcTemplate jdbc;
    private final BatchedWrites writes;

    CalendarFeedProjection(NamedParameterJdbcTemplate jdbc, BatchedWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(CalendarFeedCreatedEvent event) {
        writes.update("""
                insert into calendar_feed_view (calendar_feed_id, practice_id, provider_id, token_hash, created_at)
                values (:id, :practice, :provider, :hash, :at)
                on conflict (calendar_feed_id) do nothing
                """, new MapSqlParameterSource("id", event.calendarFeedId())
                .addValue("practice", event.practiceId())
                .addValue("provider", event.providerId())
                .addValue("hash", event.tokenHash())
                .addValue("at", Timestamp.from(event.createdAt())), row(event.calendarFeedId()));
    }

    @EventHandler
    void on(CalendarFeedRevokedEvent event) {
        writes.update("update calendar_feed_view set revoked_at = :at where calendar_feed_id = :id",
                new MapSqlParameterSource("id", event.calendarFeedId())
                        .addValue("at", Timestamp.from(event.revokedAt())), row(event.calendarFeedId()));
    }

    private static String row(String feedId) {
        return "calendar_feed_view:" + feedId;
    }

    @ResetHandler
    void reset() {
        jdbc.getJdbcTemplate().update("delete from calendar_feed_view");
    }

    /** The live feed whose token is {@code token}; empty for a revoked or unknown one, or a malformed token. */
    Optional<Feed> live(String token) {
        if (token == null || !CalendarFeeds.TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        return jdbc.query("""
                select calendar_feed_id, practice_id, provider_id from calendar_feed_view
                where token_hash = :hash and revoked_at is null
                """, new MapSqlParameterSource("hash", CalendarFeeds.tokenHash(token)),
                (rs, row) -> new Feed(rs.getString("calendar_feed_id"), rs.getString("practice_id"),
                        rs.getString("provider_id"))).stream().findFirst();
    }

    /** A live feed: whose calendar it serves. */
    record Feed(String id, String practiceId, String providerId) {
    }
}
