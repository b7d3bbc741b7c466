package com.practicescheduler.query.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.practicescheduler.api.practice.PracticeConfiguredEvent;
import com.practicescheduler.api.provider.ProviderRegisteredEvent;
import com.practicescheduler.api.provider.TimeOffAddedEvent;
import com.practicescheduler.api.provider.TimeOffRemovedEvent;
import com.practicescheduler.api.provider.TimeRange;
import com.practicescheduler.api.provider.WeeklyInterval;
import com.practicescheduler.api.provider.WorkingHoursSetEvent;
import com.practicescheduler.platform.persistence.JsonColumns;
import com.practicescheduler.query.readmodel.BatchedWrites;
import com.practicescheduler.query.readmodel.ReadModels;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The time providers can be booked, for the utilization report: the practice's time zone, its providers, every
 * working-hours template each had (with when it was set) and their time off.
 */
@Component
@ProcessingGroup(ReadModels.REPORTS)
class ProviderTimeProjection {

    private static final TypeReference<List<WeeklyInterval>> WEEKLY = new TypeReference<>() {
    };

    private final NamedParameterJdbcTemplate jdbc;
    private final BatchedWrites writes;
    private final JsonColumns json;

    ProviderTimeProjection(NamedParameterJdbcTemplate jdbc, BatchedWrites writes, ObjectMapper json) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.json = new JsonColumns(json);
    }

    @EventHandler
    void on(PracticeConfiguredEvent event) {
        writes.update("""
                insert into report_practice (practice_id, time_zone) values (:practice, :zone)
                on conflict (practice_id) do update set time_zone = excluded.time_zone
                """, new MapSqlParameterSource("practice", event.practiceId())
                .addValue("zone", event.settings().timeZone()), "report_practice:" + event.practiceId());
    }

    @EventHandler
    void on(ProviderRegisteredEvent event, @Timestamp Instant registeredAt) {
        writes.update("""
                insert into report_provider (provider_id, practice_id, registered_at) values (:id, :practice, :at)
                on conflict (provider_id) do nothing
                """, new MapSqlParameterSource("id", event.providerId())
                .addValue("practice", event.practiceId())
                .addValue("at", java.sql.Timestamp.from(registeredAt)), "report_provider:" + event.providerId());
    }

    @EventHandler
    void on(WorkingHoursSetEvent event, @Timestamp Instant setAt, @MessageIdentifier String eventId) {
        writes.update("""
                insert into report_working_hours (event_id, provider_id, practice_id, set_at, weekly)
                values (:id, :provider, :practice, :at, cast(:weekly as jsonb))
                on conflict (event_id) do nothing
                """, new MapSqlParameterSource("id", eventId)
                .addValue("provider", event.providerId())
                .addValue("practice", event.practiceId())
                .addValue("at", java.sql.Timestamp.from(setAt))
                .addValue("weekly", json.write(event.weekly())), "report_working_hours:" + eventId);
    }

    @EventHandler
    void on(TimeOffAddedEvent event) {
        writes.update("""
                insert into report_time_off (time_off_id, provider_id, practice_id, start_at, end_at)
                values (:id, :provider, :practice, :start, :end)
                on conflict (time_off_id) do nothing
                """, new MapSqlParameterSource("id", event.timeOffId())
                .addValue("provider", event.providerId())
                .addValue("practice", event.practiceId())
                .addValue("start", java.sql.Timestamp.from(event.start()))
                .addValue("end", java.sql.Timestamp.from(event.end())), "report_time_off:" + event.timeOffId());
    }

    /** Removed time off gives the time back: it was never away. */
    @EventHandler
    void on(TimeOffRemovedEvent event) {
        writes.update("delete from report_time_off where time_off_id = :id",
                new MapSqlParameterSource("id", event.timeOffId()), "report_time_off:" + event.timeOffId());
    }

    @ResetHandler
    void reset() {
        for (String table : List.of("report_practice", "report_provider", "report_working_hours",
                "report_time_off")) {
            jdbc.getJdbcTemplate().update("delete from " + table);
        }
    }

    /** The practice's time zone; UTC until it was set, as for every other read. */
    ZoneId zone(String practiceId) {
        return jdbc.query("select time_zone from report_practice where practice_id = :practice",
                        new MapSqlParameterSource("practice", practiceId), (rs, row) -> ZoneId.of(rs.getString(1)))
                .stream().findFirst().orElse(ZoneId.of("UTC"));
    }

    /** The practice's providers, in the order they were registered. */
    List<String> providers(String practiceId) {
        return jdbc.queryForList("""
                select provider_id from report_provider where practice_id = :practice
                order by registered_at, provider_id
                """, new MapSqlParameterSource("practice", practiceId), String.class);
    }

    /** By provider, every working-hours template it had, oldest first. */
    Map<String, List<AvailableTime.Template>> templates(String practiceId) {
        Map<String, List<AvailableTime.Template>> templates = new HashMap<>();
        jdbc.query("""
                select provider_id, set_at, weekly from report_working_hours where practice_id = :practice
                order by set_at, event_id
                """, new MapSqlParameterSource("practice", practiceId), rs -> {
            templates.computeIfAbsent(rs.getString("provider_id"), id -> new ArrayList<>())
                    .add(new AvailableTime.Template(instant(rs.getTimestamp("set_at")),
                            json.read(rs.getString("weekly"), WEEKLY)));
        });
        return templates;
    }

    /** By provider, the time off overlapping [from, to). */
    Map<String, List<TimeRange>> timeOff(String practiceId, Instant from, Instant to) {
        Map<String, List<TimeRange>> timeOff = new HashMap<>();
        jdbc.query("""
                select provider_id, start_at, end_at from report_time_off
                where practice_id = :practice and start_at < :to and end_at > :from
                """, new MapSqlParameterSource("practice", practiceId)
                .addValue("from", java.sql.Timestamp.from(from))
                .addValue("to", java.sql.Timestamp.from(to)), rs -> {
            timeOff.computeIfAbsent(rs.getString("provider_id"), id -> new ArrayList<>())
                    .add(new TimeRange(instant(rs.getTimestamp("start_at")), instant(rs.getTimestamp("end_at"))));
        });
        return timeOff;
    }

    static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
