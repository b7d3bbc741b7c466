package com.practicescheduler.query.offer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.practicescheduler.api.provider.TimeRange;
import com.practicescheduler.api.waitlist.OfferAcceptedEvent;
import com.practicescheduler.api.waitlist.OfferExpiredEvent;
import com.practicescheduler.api.waitlist.OfferMadeEvent;
import com.practicescheduler.api.waitlist.OfferReason;
import com.practicescheduler.api.waitlist.OfferStatus;
import com.practicescheduler.api.waitlist.OfferWithdrawnEvent;
import com.practicescheduler.query.ReadModelDatabase;
import com.practicescheduler.query.readmodel.BatchedWrites;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The offers read model against a real PostgreSQL with the real migrations. */
class OfferProjectionTest {

    private static final String PRACTICE = "practice-1";
    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final Instant SLOT = Instant.parse("2026-12-01T14:00:00Z");
    private static final Instant EXPIRES = T0.plus(Duration.ofHours(2));

    @RegisterExtension
    static final ReadModelDatabase db = ReadModelDatabase.migrated();
    private static final OfferProjection offers =
            new OfferProjection(db.named(), new BatchedWrites(db.named()),
                    JsonMapper.builder().findAndAddModules().build());

    @Test
    void anEntrysOffersAreListedOldestFirstWithTheirStatus() {
        offers.on(offer("offer-b", "entry-1"), T0.plusSeconds(1));
        offers.on(offer("offer-a", "entry-1"), T0.plus(Duration.ofHours(3)));
        offers.on(offer("offer-elsewhere", "entry-2"), T0);

        offers.on(new OfferExpiredEvent("offer-b", PRACTICE, "entry-1", "provider-1", SLOT,
                SLOT.plus(Duration.ofMinutes(60))));
        offers.on(new OfferAcceptedEvent("offer-a", PRACTICE, "entry-1", "appointment-1"));

        assertThat(offers.offers("entry-1"))
                .extracting(OfferProjection.OfferView::id, OfferProjection.OfferView::status,
                        OfferProjection.OfferView::appointmentId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("offer-b", OfferStatus.EXPIRED, null),
                        org.assertj.core.groups.Tuple.tuple("offer-a", OfferStatus.ACCEPTED, "appointment-1"));
    }

    @Test
    void aRedeliveredOfferIsListedOnce() {
        offers.on(offer("offer-1", "entry-1"), T0.plusSeconds(1));
        offers.on(offer("offer-1", "entry-1"), T0.plusSeconds(1));

        assertThat(offers.offers("entry-1")).hasSize(1);
    }

    @Test
    void aPendingOfferHoldsItsSlotAndBufferUntilItExpiresOrEnds() {
        offers.on(offer("offer-1", "entry-1"), T0);
        TimeRange held = new TimeRange(SLOT, SLOT.plus(Duration.ofMinutes(60)));
        Instant dayStart = SLOT.minus(Duration.ofHours(10));
        Instant dayEnd = SLOT.plus(Duration.ofHours(10));

        assertThat(offers.holds(List.of("provider-1"), dayStart, dayEnd, T0))
                .containsExactly(new OfferProjection.Hold("provider-1", held));
        assertThat(offers.holds(List.of("provider-1"), dayStart, dayEnd, EXPIRES)).isEmpty();
        assertThat(offers.holds(List.of("provider-2"), dayStart, dayEnd, T0)).isEmpty();
        assertThat(offers.holds(List.of(), dayStart, dayEnd, T0)).isEmpty();

        offers.on(new OfferWithdrawnEvent("offer-1", PRACTICE, "entry-1", "provider-1", SLOT,
                SLOT.plus(Duration.ofMinutes(60)), null));

        assertThat(offers.holds(List.of("provider-1"), dayStart, dayEnd, T0)).isEmpty();
    }

    private static OfferMadeEvent offer(String offerId, String entryId) {
        return new OfferMadeEvent(offerId, PRACTICE, entryId, "patient-1", "service-1", "provider-1", SLOT,
                SLOT.plus(Duration.ofMinutes(50)), SLOT.plus(Duration.ofMinutes(60)), EXPIRES,
                OfferReason.byStaff(1));
    }
}
