package com.practicescheduler.query.waitlist;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.practicescheduler.api.provider.WeeklyInterval;
import com.practicescheduler.api.waitlist.OfferAcceptedEvent;
import com.practicescheduler.api.waitlist.OfferDeclinedEvent;
import com.practicescheduler.api.waitlist.OfferExpiredEvent;
import com.practicescheduler.api.waitlist.OfferMadeEvent;
import com.practicescheduler.api.waitlist.OfferWithdrawnEvent;
import com.practicescheduler.api.waitlist.WaitlistEntryAddedEvent;
import com.practicescheduler.api.waitlist.WaitlistEntryRemovedEvent;
import com.practicescheduler.api.waitlist.WaitlistPriority;
import com.practicescheduler.api.waitlist.WaitlistStatus;
import com.practicescheduler.platform.axon.EventPositions;
import com.practicescheduler.platform.persistence.JsonColumns;
import com.practicescheduler.query.readmodel.BatchedWrites;
import com.practicescheduler.query.readmodel.ReadModels;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Waitlist entries per practice; rank is each waiting entry's place in its service's queue. Offers move an entry
 * between WAITING, OFFERED and FULFILLED; the offers themselves are the offer feature's ({@code OfferProjection}).
 */
@Component
@ProcessingGroup(ReadModels.WAITLIST)
class WaitlistProjection {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<WeeklyInterval>> WINDOWS = new TypeReference<>() {
    };
    /** Rank among the same service's waiting entries: priority first, then longest waiting, then first to arrive. */
    private static final String RANKED = """
            select e.*, case when e.status = 'WAITING' then rank() over (
                partition by e.practice_id, e.service_id, e.status = 'WAITING'
                order by e.priority_rank desc, e.waiting_since, e.arrival, e.entry_id) end as queue_rank
            from waitlist_entry_view e where e.practice_id = :practice
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final BatchedWrites writes;
    private final JsonColumns json;

    WaitlistProjection(NamedParameterJdbcTemplate jdbc, BatchedWrites writes, ObjectMapper json) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.json = new JsonColumns(json);
    }

    @EventHandler
    void on(WaitlistEntryAddedEvent event, @org.axonframework.eventhandling.Timestamp Instant addedAt,
            TrackingToken position) {
        writes.update("""
                insert into waitlist_entry_view (entry_id, practice_id, patient_id, service_id, provider_ids, windows,
                    not_before, not_after, priority, priority_rank, status, waiting_since, arrival, note)
                values (:id, :practice, :patient, :service, cast(:providers as jsonb), cast(:windows as jsonb),
                    :notBefore, :notAfter, :priority, :priorityRank, 'WAITING', :since, :arrival, :note)
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
                .addValue("arrival", EventPositions.of(position), java.sql.Types.BIGINT)
                .addValue("note", event.note()), row(event.entryId()));
    }

    @EventHandler
    void on(WaitlistEntryRemovedEvent event) {
        writes.update("update waitlist_entry_view set status = 'REMOVED' where entry_id = :id",
                new MapSqlParameterSource("id", event.entryId()), row(event.entryId()));
    }

    @EventHandler
    void on(OfferMadeEvent event) {
        writes.update("""
                update waitlist_entry_view set status = 'OFFERED', pending_offer_id = :offer
                where entry_id = :id and status <> 'REMOVED'
                """, new MapSqlParameterSource("id", event.entryId()).addValue("offer", event.offerId()),
                row(event.entryId()));
    }

    @EventHandler
    void on(OfferAcceptedEvent event) {
        entryStatus(event.entryId(), WaitlistStatus.FULFILLED);
    }

    @EventHandler
    void on(OfferDeclinedEvent event) {
        entryStatus(event.entryId(), WaitlistStatus.WAITING);
    }

    @EventHandler
    void on(OfferExpiredEvent event) {
        // the expiry may be recorded after a newer offer was made to the same entry: then it stays OFFERED
        writes.update("""
                update waitlist_entry_view set status = 'WAITING', pending_offer_id = null
                where entry_id = :id and status = 'OFFERED' and pending_offer_id = :offer
                """, new MapSqlParameterSource("id", event.entryId()).addValue("offer", event.offerId()),
                row(event.entryId()));
    }

    /** A broadcast's offer another entry's acceptance withdrew: its entry waits again (a removed one stays so). */
    @EventHandler
    void on(OfferWithdrawnEvent event) {
        writes.update("""
                update waitlist_entry_view set status = 'WAITING', pending_offer_id = null
                where entry_id = :id and status = 'OFFERED' and pending_offer_id = :offer
                """, new MapSqlParameterSource("id", event.entryId()).addValue("offer", event.offerId()),
                row(event.entryId()));
    }

    /** Sets an entry's status, no offer pending, unless it was removed meanwhile (removal is final). */
    private void entryStatus(String entryId, WaitlistStatus status) {
        writes.update("update waitlist_entry_view set status = :status, pending_offer_id = null"
                        + " where entry_id = :id and status <> 'REMOVED'",
                new MapSqlParameterSource("id", entryId).addValue("status", status.name()), row(entryId));
    }

    /** The key of an entry's row for {@link BatchedWrites}. */
    private static String row(String entryId) {
        return "waitlist_entry_view:" + entryId;
    }

    @ResetHandler
    void reset() {
        jdbc.getJdbcTemplate().update("delete from waitlist_entry_view");
    }

    /** Entries of the practice (of one status, when given), best-placed first, at most {@code limit}. */
    List<EntryView> entries(String practiceId, WaitlistStatus status, int limit) {
        return jdbc.query("select * from (" + RANKED + ") ranked where (:status is null or status = :status)"
                        + " order by priority_rank desc, waiting_since, arrival, entry_id limit :limit",
                new MapSqlParameterSource("practice", practiceId)
                        .addValue("status", status == null ? null : status.name(), java.sql.Types.VARCHAR)
                        .addValue("limit", limit),
                (rs, row) -> entry(rs));
    }

    Optional<EntryView> entry(String practiceId, String entryId) {
        return jdbc.query("select * from (" + RANKED + ") ranked where entry_id = :id",
                new MapSqlParameterSource("practice", practiceId).addValue("id", entryId),
                (rs, row) -> entry(rs)).stream().findFirst();
    }

    private EntryView entry(ResultSet rs) throws SQLException {
        Long rank = rs.getObject("queue_rank", Long.class);
        return new EntryView(rs.getString("entry_id"), rs.getString("patient_id"), rs.getString("service_id"),
                json.read(rs.getString("provider_ids"), STRINGS), json.read(rs.getString("windows"), WINDOWS),
                rs.getObject("not_before", LocalDate.class), rs.getObject("not_after", LocalDate.class),
                WaitlistPriority.valueOf(rs.getString("priority")), WaitlistStatus.valueOf(rs.getString("status")),
                rank == null ? null : rank.intValue(), rs.getObject("waiting_since", OffsetDateTime.class).toInstant(),
                rs.getString("note"));
    }


    /** A waitlist entry; {@code rank} only while waiting. The note may hold clinical detail: never logged. */
    record EntryView(String id, String patientId, String serviceId, List<String> providerIds,
                     List<WeeklyInterval> windows, LocalDate notBefore, LocalDate notAfter,
                     WaitlistPriority priority, WaitlistStatus status, Integer rank, Instant waitingSince,
                     String note) {

        @Override
        public String toString() {
            return "EntryView[id=" + id + ", status=" + status + "]";
        }
    }
}
