package com.practicescheduler.query.offer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.practicescheduler.api.provider.TimeRange;
import com.practicescheduler.api.waitlist.OfferAcceptedEvent;
import com.practicescheduler.api.waitlist.OfferDeclinedEvent;
import com.practicescheduler.api.waitlist.OfferExpiredEvent;
import com.practicescheduler.api.waitlist.OfferMadeEvent;
import com.practicescheduler.api.waitlist.OfferReason;
import com.practicescheduler.api.waitlist.OfferStatus;
import com.practicescheduler.api.waitlist.OfferWithdrawnEvent;
import com.practicescheduler.platform.Port;
import com.practicescheduler.platform.persistence.Rows;
import com.practicescheduler.platform.persistence.JsonColumns;
import com.practicescheduler.query.readmodel.BatchedWrites;
import com.practicescheduler.query.readmodel.ReadModels;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Offers of freed time with their status; a pending offer holds its slot until it expires. */
@Port("a waitlist entry shows its offers; availability subtracts the time pending offers hold")
@Component
@ProcessingGroup(ReadModels.WAITLIST)
public class OfferProjection {

    private static final TypeReference<OfferReason> REASON = new TypeReference<>() {
    };

    private final NamedParameterJdbcTemplate jdbc;
    private final BatchedWrites writes;
    private final JsonColumns json;

    OfferProjection(NamedParameterJdbcTemplate jdbc, BatchedWrites writes, ObjectMapper json) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.json = new JsonColumns(json);
    }

    @EventHandler
    void on(OfferMadeEvent event, @org.axonframework.eventhandling.Timestamp Instant madeAt) {
        writes.update("""
                insert into waitlist_offer_view (offer_id, practice_id, entry_id, provider_id, start_at, end_at,
                    blocked_until, expires_at, status, reason, made_at, group_session_id)
                values (:id, :practice, :entry, :provider, :start, :end, :blockedUntil, :expiresAt, 'PENDING',
                    cast(:reason as jsonb), :madeAt, :groupSession)
                on conflict (offer_id) do nothing
                """, new MapSqlParameterSource("id", event.offerId())
                .addValue("practice", event.practiceId())
                .addValue("entry", event.entryId())
                .addValue("provider", event.providerId())
                .addValue("start", Timestamp.from(event.start()))
                .addValue("end", Timestamp.from(event.end()))
                .addValue("blockedUntil", Timestamp.from(event.blockedUntil()))
                .addValue("expiresAt", Timestamp.from(event.expiresAt()))
                .addValue("reason", json.write(event.reason()))
                .addValue("madeAt", Timestamp.from(madeAt))
                .addValue("groupSession", event.groupSessionId()), row(event.offerId()));
    }

    @EventHandler
    void on(OfferAcceptedEvent event) {
        writes.update("update waitlist_offer_view set status = 'ACCEPTED', appointment_id = :appointment"
                        + " where offer_id = :id",
                new MapSqlParameterSource("id", event.offerId()).addValue("appointment", event.appointmentId()),
                row(event.offerId()));
    }

    @EventHandler
    void on(OfferDeclinedEvent event) {
        status(event.offerId(), OfferStatus.DECLINED);
    }

    @EventHandler
    void on(OfferExpiredEvent event) {
        status(event.offerId(), OfferStatus.EXPIRED);
    }

    @EventHandler
    void on(OfferWithdrawnEvent event) {
        writes.update("""
                update waitlist_offer_view set status = 'WITHDRAWN', withdrawn_because = :reason where offer_id = :id
                """, new MapSqlParameterSource("id", event.offerId()).addValue("reason", event.reason()),
                row(event.offerId()));
    }

    private void status(String offerId, OfferStatus status) {
        writes.update("update waitlist_offer_view set status = :status where offer_id = :id",
                new MapSqlParameterSource("id", offerId).addValue("status", status.name()), row(offerId));
    }

    /** The key of an offer's row for {@link BatchedWrites}. */
    private static String row(String offerId) {
        return "waitlist_offer_view:" + offerId;
    }

    @ResetHandler
    void reset() {
        jdbc.getJdbcTemplate().update("delete from waitlist_offer_view");
    }

    /** An entry's offers, oldest first. */
    public List<OfferView> offers(String entryId) {
        return jdbc.query("select * from waitlist_offer_view where entry_id = :entry order by made_at, offer_id",
                new MapSqlParameterSource("entry", entryId),
                (rs, row) -> new OfferView(rs.getString("offer_id"), rs.getString("provider_id"),
                        Rows.instant(rs, "start_at"), Rows.instant(rs, "end_at"),
                        OfferStatus.valueOf(rs.getString("status")), Rows.instant(rs, "expires_at"),
                        json.read(rs.getString("reason"), REASON),
                        rs.getString("appointment_id"), rs.getString("withdrawn_because"),
                        rs.getString("group_session_id")));
    }

    /**
     * The time the providers' offers still pending at {@code now} hold (buffers included), overlapping [from, to).
     * The predicate is that of the partial index {@code waitlist_offer_view_holds} (V3.3). A seat offer holds a seat
     * in its session, not time: the session holds the time.
     */
    public List<Hold> holds(Collection<String> providerIds, Instant from, Instant to, Instant now) {
        if (providerIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("""
                select provider_id, start_at, blocked_until from waitlist_offer_view
                where provider_id in (:providers) and start_at < :to and blocked_until > :from
                  and status = 'PENDING' and expires_at > :now and group_session_id is null
                """, new MapSqlParameterSource("providers", providerIds)
                        .addValue("from", Timestamp.from(from)).addValue("to", Timestamp.from(to))
                        .addValue("now", Timestamp.from(now)),
                (rs, row) -> new Hold(rs.getString("provider_id"),
                        new TimeRange(Rows.instant(rs, "start_at"), Rows.instant(rs, "blocked_until"))));
    }


    public record OfferView(String id, String providerId, Instant start, Instant end, OfferStatus status,
                            Instant expiresAt, OfferReason reason, String appointmentId, String withdrawnBecause,
                            String groupSessionId) {
    }

    /** A pending offer's hold on its provider's time. */
    public record Hold(String providerId, TimeRange range) {
    }
}
