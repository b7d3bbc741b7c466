package com.practicescheduler.query.provider;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.provider.ProviderRegisteredEvent;
import com.practicescheduler.api.provider.TimeOffAddedEvent;
import com.practicescheduler.api.provider.TimeOffRemovedEvent;
import com.practicescheduler.api.provider.TimeRange;
import com.practicescheduler.api.provider.WeeklyInterval;
import com.practicescheduler.api.provider.WorkingHoursSetEvent;
import com.practicescheduler.platform.Port;
import com.practicescheduler.platform.persistence.Rows;
import com.practicescheduler.platform.persistence.JsonColumns;
import com.practicescheduler.query.readmodel.BatchedWrites;
import com.practicescheduler.query.readmodel.ReadModels;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
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

/** Providers with the services they offer and their working hours; their time off. */
@Port("appointments and availability check providers and read their working hours and time off")
@Component
@ProcessingGroup(ReadModels.SCHEDULING)
public class ProviderProjection {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<WeeklyInterval>> WEEKLY = new TypeReference<>() {
    };

    private final NamedParameterJdbcTemplate jdbc;
    private final BatchedWrites writes;
    private final JsonColumns json;

    ProviderProjection(NamedParameterJdbcTemplate jdbc, BatchedWrites writes, ObjectMapper json) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.json = new JsonColumns(json);
    }

    @EventHandler
    void on(ProviderRegisteredEvent event, @org.axonframework.eventhandling.Timestamp Instant registeredAt) {
        writes.update("""
                insert into provider_view (provider_id, practice_id, display_name, service_ids, weekly, registered_at)
                values (:id, :practice, :name, cast(:services as jsonb), '[]'::jsonb, :at)
                on conflict (provider_id) do nothing
                """, new MapSqlParameterSource("id", event.providerId())
                .addValue("practice", event.practiceId())
                .addValue("name", event.displayName())
                .addValue("services", json.write(event.serviceIds()))
                .addValue("at", Timestamp.from(registeredAt)), "provider_view:" + event.providerId());
    }

    @EventHandler
    void on(WorkingHoursSetEvent event) {
        writes.update("update provider_view set weekly = cast(:weekly as jsonb) where provider_id = :id",
                new MapSqlParameterSource("id", event.providerId()).addValue("weekly", json.write(event.weekly())),
                "provider_view:" + event.providerId());
    }

    @EventHandler
    void on(TimeOffAddedEvent event) {
        writes.update("""
                insert into time_off_view (time_off_id, provider_id, practice_id, start_at, end_at, reason)
                values (:id, :provider, :practice, :start, :end, :reason)
                on conflict (time_off_id) do nothing
                """, new MapSqlParameterSource("id", event.timeOffId())
                .addValue("provider", event.providerId())
                .addValue("practice", event.practiceId())
                .addValue("start", Timestamp.from(event.start()))
                .addValue("end", Timestamp.from(event.end()))
                .addValue("reason", event.reason()), "time_off_view:" + event.timeOffId());
    }

    @EventHandler
    void on(TimeOffRemovedEvent event) {
        writes.update("delete from time_off_view where time_off_id = :id",
                new MapSqlParameterSource("id", event.timeOffId()), "time_off_view:" + event.timeOffId());
    }

    @ResetHandler
    void reset() {
        jdbc.getJdbcTemplate().update("delete from provider_view");
        jdbc.getJdbcTemplate().update("delete from time_off_view");
    }

    public List<ProviderView> providers(String practiceId) {
        return jdbc.query("select * from provider_view where practice_id = :practice order by registered_at, provider_id",
                new MapSqlParameterSource("practice", practiceId), (rs, row) -> provider(rs));
    }

    public Optional<ProviderView> provider(String practiceId, String providerId) {
        return jdbc.query("select * from provider_view where practice_id = :practice and provider_id = :id",
                new MapSqlParameterSource("practice", practiceId).addValue("id", providerId),
                (rs, row) -> provider(rs)).stream().findFirst();
    }

    /** Time off of the providers that overlaps [from, to). */
    public List<TimeOffView> timeOff(Collection<String> providerIds, Instant from, Instant to) {
        if (providerIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("""
                select * from time_off_view
                where provider_id in (:providers) and start_at < :to and end_at > :from
                order by start_at
                """, new MapSqlParameterSource("providers", providerIds)
                .addValue("from", Timestamp.from(from)).addValue("to", Timestamp.from(to)),
                (rs, row) -> new TimeOffView(rs.getString("time_off_id"), rs.getString("provider_id"),
                        new TimeRange(Rows.instant(rs, "start_at"), Rows.instant(rs, "end_at")),
                        rs.getString("reason")));
    }

    private ProviderView provider(ResultSet rs) throws SQLException {
        return new ProviderView(rs.getString("provider_id"), rs.getString("display_name"),
                json.read(rs.getString("service_ids"), STRINGS), json.read(rs.getString("weekly"), WEEKLY));
    }

    /** The provider, or a {@code 404 not-found} refusal. */
    public ProviderView require(String practiceId, String providerId) {
        return provider(practiceId, providerId)
                .orElseThrow(() -> Refusal.notFound("Provider " + providerId));
    }



    /** A provider; an empty {@code serviceIds} means every service. */
    public record ProviderView(String id, String displayName, List<String> serviceIds, List<WeeklyInterval> weekly) {

        public boolean offers(String serviceId) {
            return serviceIds.isEmpty() || serviceIds.contains(serviceId);
        }
    }

    public record TimeOffView(String id, String providerId, TimeRange range, String reason) {
    }
}
