package com.practicescheduler.query.report;

import com.practicescheduler.api.appointment.AppointmentBookedEvent;
import com.practicescheduler.api.appointment.AppointmentSource;
import com.practicescheduler.api.provider.ReservationReleasedEvent;
import com.practicescheduler.api.provider.TimeOffRemovedEvent;
import com.practicescheduler.api.waitlist.OfferAcceptedEvent;
import com.practicescheduler.api.waitlist.OfferDeclinedEvent;
import com.practicescheduler.api.waitlist.OfferExpiredEvent;
import com.practicescheduler.api.waitlist.OfferMadeEvent;
import com.practicescheduler.api.waitlist.OfferStatus;
import com.practicescheduler.api.waitlist.OfferWithdrawnEvent;
import com.practicescheduler.api.waitlist.WaitlistEntryAddedEvent;
import com.practicescheduler.api.waitlist.WaitlistEntryFulfilledEvent;
import com.practicescheduler.api.waitlist.WaitlistEntryRemovedEvent;
import com.practicescheduler.query.readmodel.BatchedWrites;
import com.practicescheduler.query.readmodel.ReadModels;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The waitlist's course for the waitlist report: when entries were added, fulfilled (and with which provider) or
 * removed; every offer and what became of it; time freed on providers' calendars and how long it stood free until
 * the waitlist re-booked it. Entries and offers by id only, never their patients.
 */
@Component
@ProcessingGroup(ReadModels.REPORTS)
class WaitlistReportProjection {

    private final NamedParameterJdbcTemplate jdbc;
    private final BatchedWrites writes;

    WaitlistReportProjection(NamedParameterJdbcTemplate jdbc, BatchedWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(WaitlistEntryAddedEvent event, @Timestamp Instant addedAt) {
        writes.update("""
                insert into report_waitlist_entry (entry_id, practice_id, added_at) values (:id, :practice, :at)
                on conflict (entry_id) do nothing
                """, new MapSqlParameterSource("id", event.entryId())
                .addValue("practice", event.practiceId())
                .addValue("at", java.sql.Timestamp.from(addedAt)), entry(event.entryId()));
    }

    @EventHandler
    void on(WaitlistEntryRemovedEvent event, @Timestamp Instant removedAt) {
        writes.update("update report_waitlist_entry set removed_at = :at where entry_id = :id",
                new MapSqlParameterSource("id", event.entryId()).addValue("at", java.sql.Timestamp.from(removedAt)),
                entry(event.entryId()));
    }

    @EventHandler
    void on(WaitlistEntryFulfilledEvent event, @Timestamp Instant fulfilledAt) {
        writes.update("""
                update report_waitlist_entry set fulfilled_at = :at,
                    fulfilled_provider_id = (select provider_id from report_offer where offer_id = :offer)
                where entry_id = :id
                """, new MapSqlParameterSource("id", event.entryId())
                .addValue("offer", event.offerId())
                .addValue("at", java.sql.Timestamp.from(fulfilledAt)), entry(event.entryId()), offer(event.offerId()));
    }

    @EventHandler
    void on(OfferMadeEvent event, @Timestamp Instant madeAt) {
        writes.update("""
                insert into report_offer (offer_id, practice_id, entry_id, provider_id, made_by, made_at, outcome)
                values (:id, :practice, :entry, :provider, :madeBy, :at, 'PENDING')
                on conflict (offer_id) do nothing
                """, new MapSqlParameterSource("id", event.offerId())
                .addValue("practice", event.practiceId())
                .addValue("entry", event.entryId())
                .addValue("provider", event.providerId())
                .addValue("madeBy", event.reason().madeBy())
                .addValue("at", java.sql.Timestamp.from(madeAt)), offer(event.offerId()));
    }

    @EventHandler
    void on(OfferAcceptedEvent event) {
        outcome(event.offerId(), OfferStatus.ACCEPTED);
    }

    @EventHandler
    void on(OfferDeclinedEvent event) {
        outcome(event.offerId(), OfferStatus.DECLINED);
    }

    @EventHandler
    void on(OfferExpiredEvent event) {
        outcome(event.offerId(), OfferStatus.EXPIRED);
    }

    @EventHandler
    void on(OfferWithdrawnEvent event) {
        outcome(event.offerId(), OfferStatus.WITHDRAWN);
    }

    private void outcome(String offerId, OfferStatus outcome) {
        writes.update("update report_offer set outcome = :outcome where offer_id = :id",
                new MapSqlParameterSource("id", offerId).addValue("outcome", outcome.name()), offer(offerId));
    }

    /** A released appointment frees its time; a released hold (its id is its offer's) only passes a slot on. */
    @EventHandler
    void on(ReservationReleasedEvent event, @Timestamp Instant releasedAt, @MessageIdentifier String eventId) {
        writes.update("""
                insert into report_freed_time (event_id, practice_id, provider_id, start_at, end_at, freed_at)
                select :id, :practice, :provider, :start, :end, :at
                where not exists (select 1 from report_offer where offer_id = :reservation)
                on conflict (event_id) do nothing
                """, freed(eventId, event.practiceId(), event.providerId(), event.start(), event.blockedUntil(),
                releasedAt).addValue("reservation", event.reservationId()), freedTime(event.providerId()),
                offer(event.reservationId()));
    }

    @EventHandler
    void on(TimeOffRemovedEvent event, @Timestamp Instant removedAt, @MessageIdentifier String eventId) {
        writes.update("""
                insert into report_freed_time (event_id, practice_id, provider_id, start_at, end_at, freed_at)
                values (:id, :practice, :provider, :start, :end, :at)
                on conflict (event_id) do nothing
                """, freed(eventId, event.practiceId(), event.providerId(), event.start(), event.end(), removedAt),
                freedTime(event.providerId()));
    }

    private static MapSqlParameterSource freed(String eventId, String practiceId, String providerId, Instant start,
                                               Instant end, Instant at) {
        return new MapSqlParameterSource("id", eventId)
                .addValue("practice", practiceId)
                .addValue("provider", providerId)
                .addValue("start", java.sql.Timestamp.from(start))
                .addValue("end", java.sql.Timestamp.from(end))
                .addValue("at", java.sql.Timestamp.from(at));
    }

    /** A booking through the waitlist re-books the freed time it falls into, freed last before the booking. */
    @EventHandler
    void on(AppointmentBookedEvent event, @Timestamp Instant bookedAt) {
        if (event.source() != AppointmentSource.WAITLIST) {
            return;
        }
        writes.update("""
                insert into report_rebooking (appointment_id, practice_id, provider_id, freed_at, rebooked_at)
                select :id, :practice, :provider, f.freed_at, :at from report_freed_time f
                where f.provider_id = :provider and f.freed_at <= :at and f.start_at < :end and f.end_at > :start
                order by f.freed_at desc limit 1
                on conflict (appointment_id) do nothing
                """, new MapSqlParameterSource("id", event.appointmentId())
                .addValue("practice", event.practiceId())
                .addValue("provider", event.providerId())
                .addValue("start", java.sql.Timestamp.from(event.start()))
                .addValue("end", java.sql.Timestamp.from(event.end()))
                .addValue("at", java.sql.Timestamp.from(bookedAt)), "report_rebooking:" + event.appointmentId(),
                freedTime(event.providerId()));
    }

    // Keys for BatchedWrites: the rows a statement writes and the rows it reads.

    private static String entry(String entryId) {
        return "report_waitlist_entry:" + entryId;
    }

    private static String offer(String offerId) {
        return "report_offer:" + offerId;
    }

    /** Every freed time of the provider: a re-booking reads them by provider and time. */
    private static String freedTime(String providerId) {
        return "report_freed_time@provider:" + providerId;
    }

    @ResetHandler
    void reset() {
        for (String table : List.of("report_waitlist_entry", "report_offer", "report_freed_time",
                "report_rebooking")) {
            jdbc.getJdbcTemplate().update("delete from " + table);
        }
    }

    /** Entries added, fulfilled and removed in [from, to); fulfilled ones with their provider and wait. */
    record EntryCounts(long added, long removed, List<Fulfilled> fulfilled) {
    }

    record Fulfilled(String providerId, Duration waited) {
    }

    EntryCounts entries(String practiceId, Instant from, Instant to) {
        MapSqlParameterSource range = range(practiceId, from, to);
        Long added = jdbc.queryForObject("""
                select count(*) from report_waitlist_entry
                where practice_id = :practice and added_at >= :from and added_at < :to
                """, range, Long.class);
        Long removed = jdbc.queryForObject("""
                select count(*) from report_waitlist_entry
                where practice_id = :practice and removed_at >= :from and removed_at < :to
                """, range, Long.class);
        List<Fulfilled> fulfilled = jdbc.query("""
                select fulfilled_provider_id, added_at, fulfilled_at from report_waitlist_entry
                where practice_id = :practice and fulfilled_at >= :from and fulfilled_at < :to
                """, range, (rs, row) -> new Fulfilled(rs.getString("fulfilled_provider_id"), Duration.between(
                rs.getTimestamp("added_at").toInstant(), rs.getTimestamp("fulfilled_at").toInstant())));
        return new EntryCounts(added, removed, fulfilled);
    }

    record Offer(String providerId, OfferStatus outcome) {
    }

    /** Offers made in [from, to), with what became of them. */
    List<Offer> offersMade(String practiceId, Instant from, Instant to) {
        return jdbc.query("""
                select provider_id, outcome from report_offer
                where practice_id = :practice and made_at >= :from and made_at < :to
                """, range(practiceId, from, to), (rs, row) -> new Offer(rs.getString("provider_id"),
                OfferStatus.valueOf(rs.getString("outcome"))));
    }

    record Rebooking(String providerId, Duration stoodFree) {
    }

    /** Freed time re-booked through the waitlist in [from, to), with how long it stood free. */
    List<Rebooking> rebookings(String practiceId, Instant from, Instant to) {
        return jdbc.query("""
                select provider_id, freed_at, rebooked_at from report_rebooking
                where practice_id = :practice and rebooked_at >= :from and rebooked_at < :to
                """, range(practiceId, from, to), (rs, row) -> new Rebooking(rs.getString("provider_id"),
                Duration.between(rs.getTimestamp("freed_at").toInstant(), rs.getTimestamp("rebooked_at").toInstant())));
    }

    private static MapSqlParameterSource range(String practiceId, Instant from, Instant to) {
        return new MapSqlParameterSource("practice", practiceId)
                .addValue("from", java.sql.Timestamp.from(from))
                .addValue("to", java.sql.Timestamp.from(to));
    }
}
