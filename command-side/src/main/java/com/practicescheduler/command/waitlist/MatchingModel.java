package com.practicescheduler.command.waitlist;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.practicescheduler.api.provider.TimeRange;
import com.practicescheduler.api.provider.WeeklyInterval;
import com.practicescheduler.api.waitlist.WaitlistEntryAddedEvent;
import com.practicescheduler.api.waitlist.WaitlistPriority;
import com.practicescheduler.platform.persistence.JsonColumns;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The waitlist matcher's own knowledge, kept by its processor from the events: open entries in queue order, the
 * slots each entry passed on, and each provider's last weekly hours. Every write is idempotent.
 */
@Component
class MatchingModel {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<WeeklyInterval>> WINDOWS = new TypeReference<>() {
    };

    private final NamedParameterJdbcTemplate jdbc;
    private final JsonColumns json;

    MatchingModel(NamedParameterJdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = new JsonColumns(json);
    }

    void added(WaitlistEntryAddedEvent event, Instant addedAt, Long arrival) {
        jdbc.update("""
                insert into matcher_entry (entry_id, practice_id, patient_id, service_id, provider_ids, windows,
                    not_before, not_after, priority, priority_rank, waiting_since, arrival, status)
                values (:id, :practice, :patient, :service, cast(:providers as jsonb), cast(:windows as jsonb),
                    :notBefore, :notAfter, :priority, :priorityRank, :since, :arrival, 'WAITING')
                on conflict (entry_id) do nothing
                """, new MapSqlParameterSource("id", event.entryId())
                .addValue("practice", event.practiceId())
                .addValue("patient", event.patientId())
                .addValue("service", event.serviceId())
                .addValue("providers", json.write(event.providerIds()))
                .addValue("windows", json.write(event.windows()))
                .addValue("notBefore", event.notBefore())
                .addValue("notAfter", event.notAfter())
                .addValue("priority", event.priority().name())
                .addValue("priorityRank", event.priority().ordinal())
                .addValue("since", Timestamp.from(addedAt))
                .addValue("arrival", arrival, java.sql.Types.BIGINT));
    }

    void offered(String entryId, String offerId, Instant expiresAt) {
        jdbc.update("update matcher_entry set status = 'OFFERED', offer_id = :offer, offer_expires_at = :expiresAt"
                        + " where entry_id = :id and status in ('WAITING', 'OFFERED')",
                new MapSqlParameterSource("id", entryId).addValue("offer", offerId)
                        .addValue("expiresAt", Timestamp.from(expiresAt)));
    }

    /** The entry waits again after its offer {@code offerId} was declined. */
    void returned(String entryId, String offerId) {
        jdbc.update("update matcher_entry set status = 'WAITING', offer_id = null, offer_expires_at = null"
                        + " where entry_id = :id and status = 'OFFERED' and offer_id = :offer",
                new MapSqlParameterSource("id", entryId).addValue("offer", offerId));
    }

    /** The entry is closed for good: {@code FULFILLED} or {@code REMOVED}. */
    void closed(String entryId, String status) {
        jdbc.update("update matcher_entry set status = :status, offer_id = null, offer_expires_at = null"
                        + " where entry_id = :id",
                new MapSqlParameterSource("id", entryId).addValue("status", status));
    }

    void passed(String entryId, String providerId, TimeRange slot, Matchmaker.Outcome outcome) {
        jdbc.update("""
                insert into matcher_passed_slot (entry_id, provider_id, start_at, end_at, outcome)
                values (:entry, :provider, :start, :end, :outcome)
                on conflict (entry_id, provider_id, start_at) do nothing
                """, new MapSqlParameterSource("entry", entryId).addValue("provider", providerId)
                .addValue("start", Timestamp.from(slot.start())).addValue("end", Timestamp.from(slot.end()))
                .addValue("outcome", outcome.name()));
    }

    /** The provider's weekly hours before this change (none when never set), and records the new ones. */
    List<WeeklyInterval> replaceHours(String providerId, List<WeeklyInterval> weekly) {
        List<WeeklyInterval> previous = jdbc.query(
                "select weekly from matcher_provider_hours where provider_id = :id",
                new MapSqlParameterSource("id", providerId),
                (rs, row) -> json.read(rs.getString("weekly"), WINDOWS)).stream().findFirst().orElse(List.of());
        jdbc.update("""
                insert into matcher_provider_hours (provider_id, weekly) values (:id, cast(:weekly as jsonb))
                on conflict (provider_id) do update set weekly = excluded.weekly
                """, new MapSqlParameterSource("id", providerId).addValue("weekly", json.write(weekly)));
        return previous;
    }

    /** The practice's open entries (waiting, or with an offer), best-placed first: priority, then longest waiting. */
    List<Matchmaker.Open> open(String practiceId, Instant now) {
        return jdbc.query("""
                select * from matcher_entry where practice_id = :practice and status in ('WAITING', 'OFFERED')
                order by priority_rank desc, waiting_since, arrival, entry_id
                """, new MapSqlParameterSource("practice", practiceId), (rs, row) -> {
                    OffsetDateTime offerExpiresAt = rs.getObject("offer_expires_at", OffsetDateTime.class);
                    boolean pending = "OFFERED".equals(rs.getString("status"))
                            && offerExpiresAt != null && now.isBefore(offerExpiresAt.toInstant());
                    return new Matchmaker.Open(rs.getString("entry_id"), rs.getString("patient_id"),
                            rs.getString("service_id"), json.read(rs.getString("provider_ids"), STRINGS),
                            json.read(rs.getString("windows"), WINDOWS),
                            rs.getObject("not_before", LocalDate.class), rs.getObject("not_after", LocalDate.class),
                            WaitlistPriority.valueOf(rs.getString("priority")),
                            rs.getObject("waiting_since", OffsetDateTime.class).toInstant(), pending);
                });
    }

    /** The slots of the provider not yet over that entries passed on, by entry. */
    Map<String, List<Matchmaker.Passed>> passedSlots(String providerId, Instant now) {
        Map<String, List<Matchmaker.Passed>> passed = new HashMap<>();
        jdbc.query("select entry_id, start_at, end_at, outcome from matcher_passed_slot"
                        + " where provider_id = :provider and end_at > :now",
                new MapSqlParameterSource("provider", providerId).addValue("now", Timestamp.from(now)),
                rs -> {
                    passed.computeIfAbsent(rs.getString("entry_id"), id -> new ArrayList<>())
                            .add(new Matchmaker.Passed(new TimeRange(
                                    rs.getObject("start_at", OffsetDateTime.class).toInstant(),
                                    rs.getObject("end_at", OffsetDateTime.class).toInstant()),
                                    Matchmaker.Outcome.valueOf(rs.getString("outcome"))));
                });
        return passed;
    }

    void clear() {
        jdbc.getJdbcTemplate().update("delete from matcher_entry");
        jdbc.getJdbcTemplate().update("delete from matcher_passed_slot");
        jdbc.getJdbcTemplate().update("delete from matcher_provider_hours");
    }
}
