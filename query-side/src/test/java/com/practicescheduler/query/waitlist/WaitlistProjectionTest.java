package com.practicescheduler.query.waitlist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.practicescheduler.api.waitlist.OfferExpiredEvent;
import com.practicescheduler.api.waitlist.OfferMadeEvent;
import com.practicescheduler.api.waitlist.OfferReason;
import com.practicescheduler.api.waitlist.WaitlistEntryAddedEvent;
import com.practicescheduler.api.waitlist.WaitlistEntryRemovedEvent;
import com.practicescheduler.api.waitlist.WaitlistPriority;
import com.practicescheduler.api.waitlist.WaitlistStatus;
import com.practicescheduler.query.ReadModelDatabase;
import com.practicescheduler.query.readmodel.BatchedWrites;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The waitlist entries read model against a real PostgreSQL with the real migrations. */
class WaitlistProjectionTest {

    private static final String PRACTICE = "practice-1";
    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final Instant SLOT = Instant.parse("2026-12-01T14:00:00Z");

    @RegisterExtension
    static final ReadModelDatabase db = ReadModelDatabase.migrated();
    private static final WaitlistProjection waitlist =
            new WaitlistProjection(db.named(), new BatchedWrites(db.named()),
                    JsonMapper.builder().findAndAddModules().build());

    @Test
    void anExpiryRecordedAfterANewerOfferLeavesTheEntryOffered() {
        waitlist.on(added("entry-1"), T0, null);
        waitlist.on(offer("offer-1", "entry-1"));
        waitlist.on(offer("offer-2", "entry-1")); // offer-1 had run out by time

        waitlist.on(expired("offer-1", "entry-1"));

        assertThat(waitlist.entry(PRACTICE, "entry-1").orElseThrow().status()).isEqualTo(WaitlistStatus.OFFERED);
    }

    @Test
    void anExpiryOfTheOnlyPendingOfferPutsTheEntryBackInTheQueue() {
        waitlist.on(added("entry-1"), T0, null);
        waitlist.on(offer("offer-1", "entry-1"));

        waitlist.on(expired("offer-1", "entry-1"));

        WaitlistProjection.EntryView entry = waitlist.entry(PRACTICE, "entry-1").orElseThrow();
        assertThat(entry.status()).isEqualTo(WaitlistStatus.WAITING);
        assertThat(entry.rank()).isEqualTo(1);
    }

    @Test
    void aRemovedEntryStaysRemovedWhateverHappensToItsOffer() {
        waitlist.on(added("entry-1"), T0, null);
        waitlist.on(offer("offer-1", "entry-1"));
        waitlist.on(new WaitlistEntryRemovedEvent("entry-1", PRACTICE));

        waitlist.on(expired("offer-1", "entry-1"));

        assertThat(waitlist.entry(PRACTICE, "entry-1").orElseThrow().status()).isEqualTo(WaitlistStatus.REMOVED);
    }

    @Test
    void aRedeliveredOfferLeavesTheEntryOffered() {
        waitlist.on(added("entry-1"), T0, null);
        waitlist.on(offer("offer-1", "entry-1"));
        waitlist.on(offer("offer-1", "entry-1"));

        assertThat(waitlist.entry(PRACTICE, "entry-1").orElseThrow().status()).isEqualTo(WaitlistStatus.OFFERED);
    }

    @Test
    void entriesAddedAtTheSameInstantAreRankedInTheOrderTheyArrived() {
        // ids in the opposite order of arrival: the id must not decide
        waitlist.on(new WaitlistEntryAddedEvent("entry-z", "practice-same-instant", "patient-1", "service-1",
                List.of(), List.of(), null, null, WaitlistPriority.ROUTINE, null), T0,
                new GlobalSequenceTrackingToken(41));
        waitlist.on(new WaitlistEntryAddedEvent("entry-a", "practice-same-instant", "patient-2", "service-1",
                List.of(), List.of(), null, null, WaitlistPriority.ROUTINE, null), T0,
                new GlobalSequenceTrackingToken(42));

        assertThat(waitlist.entries("practice-same-instant", WaitlistStatus.WAITING, 10))
                .extracting(WaitlistProjection.EntryView::id, WaitlistProjection.EntryView::rank)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("entry-z", 1),
                        org.assertj.core.groups.Tuple.tuple("entry-a", 2));
    }

    private static WaitlistEntryAddedEvent added(String entryId) {
        return new WaitlistEntryAddedEvent(entryId, PRACTICE, "patient-1", "service-1", List.of(), List.of(), null,
                null, WaitlistPriority.ROUTINE, null);
    }

    private static OfferMadeEvent offer(String offerId, String entryId) {
        return new OfferMadeEvent(offerId, PRACTICE, entryId, "patient-1", "service-1", "provider-1", SLOT,
                SLOT.plus(Duration.ofMinutes(50)), SLOT.plus(Duration.ofMinutes(60)), T0.plus(Duration.ofHours(2)),
                OfferReason.byStaff(1));
    }

    private static OfferExpiredEvent expired(String offerId, String entryId) {
        return new OfferExpiredEvent(offerId, PRACTICE, entryId, "provider-1", SLOT, SLOT.plus(Duration.ofMinutes(60)));
    }
}
