package com.practicescheduler.query.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.practicescheduler.api.appointment.AppointmentBookedEvent;
import com.practicescheduler.api.appointment.AppointmentSource;
import com.practicescheduler.api.provider.ReservationReleasedEvent;
import com.practicescheduler.api.provider.TimeOffRemovedEvent;
import com.practicescheduler.api.waitlist.OfferAcceptedEvent;
import com.practicescheduler.api.waitlist.OfferMadeEvent;
import com.practicescheduler.api.waitlist.OfferReason;
import com.practicescheduler.api.waitlist.OfferStatus;
import com.practicescheduler.api.waitlist.WaitlistEntryAddedEvent;
import com.practicescheduler.api.waitlist.WaitlistEntryFulfilledEvent;
import com.practicescheduler.api.waitlist.WaitlistPriority;
import com.practicescheduler.query.ProcessorBatch;
import com.practicescheduler.query.ReadModelDatabase;
import com.practicescheduler.query.readmodel.BatchedWrites;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The waitlist report's facts against a real PostgreSQL with the real migrations. */
class WaitlistReportProjectionTest {

    private static final String PRACTICE = "practice-1";
    private static final String PROVIDER = "provider-1";
    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final Instant SLOT = Instant.parse("2026-12-01T14:00:00Z");
    private static final Instant FAR = Instant.parse("2030-01-01T00:00:00Z");

    @RegisterExtension
    static final ReadModelDatabase db = ReadModelDatabase.migrated();
    private static final WaitlistReportProjection waitlist =
            new WaitlistReportProjection(db.named(), new BatchedWrites(db.named()));

    @Test
    void freedTimeStandsFreeFromTheAppointmentsReleaseNotFromTheReleaseOfAnOffersHold() {
        waitlist.on(added("entry-1"), T0);
        waitlist.on(released("appointment-1", SLOT), T0.plus(Duration.ofHours(1)), "event-1");
        waitlist.on(offer("offer-1", "entry-1", SLOT), T0.plus(Duration.ofHours(1)));
        waitlist.on(released("offer-1", SLOT), T0.plus(Duration.ofHours(2)), "event-2"); // declined
        waitlist.on(offer("offer-2", "entry-1", SLOT), T0.plus(Duration.ofHours(2)));
        waitlist.on(new OfferAcceptedEvent("offer-2", PRACTICE, "entry-1", "appointment-2"));
        waitlist.on(booked("appointment-2", SLOT, AppointmentSource.WAITLIST), T0.plus(Duration.ofHours(3)));
        waitlist.on(new WaitlistEntryFulfilledEvent("entry-1", PRACTICE, "offer-2", "appointment-2"),
                T0.plus(Duration.ofHours(3)));

        assertThat(waitlist.rebookings(PRACTICE, T0, FAR)).containsExactly(
                new WaitlistReportProjection.Rebooking(PROVIDER, Duration.ofHours(2)));
        assertThat(waitlist.entries(PRACTICE, T0, FAR).fulfilled()).containsExactly(
                new WaitlistReportProjection.Fulfilled(PROVIDER, Duration.ofHours(3)));
        assertThat(waitlist.offersMade(PRACTICE, T0, FAR)).extracting(WaitlistReportProjection.Offer::outcome)
                .containsExactlyInAnyOrder(OfferStatus.PENDING, OfferStatus.ACCEPTED);
    }

    @Test
    void theLatestFreeingBeforeTheBookingCountsAndRemovedTimeOffFreesTimeToo() {
        waitlist.on(released("appointment-1", SLOT), T0, "event-1");
        waitlist.on(new TimeOffRemovedEvent(PROVIDER, PRACTICE, "time-off-1", SLOT.minus(Duration.ofHours(1)),
                SLOT.plus(Duration.ofHours(2))), T0.plus(Duration.ofHours(5)), "event-2");

        waitlist.on(booked("appointment-2", SLOT, AppointmentSource.WAITLIST), T0.plus(Duration.ofHours(6)));

        assertThat(waitlist.rebookings(PRACTICE, T0, FAR)).extracting(WaitlistReportProjection.Rebooking::stoodFree)
                .containsExactly(Duration.ofHours(1));
    }

    @Test
    void onlyBookingsThroughTheWaitlistIntoFreedTimeAreRebookings() {
        waitlist.on(released("appointment-1", SLOT), T0, "event-1");

        waitlist.on(booked("appointment-2", SLOT, AppointmentSource.DIRECT), T0.plusSeconds(60));
        waitlist.on(booked("appointment-3", SLOT.plus(Duration.ofDays(1)), AppointmentSource.WAITLIST),
                T0.plusSeconds(120));

        assertThat(waitlist.rebookings(PRACTICE, T0, FAR)).isEmpty();
    }

    @Test
    void redeliveredEventsCountOnce() {
        waitlist.on(added("entry-1"), T0);
        waitlist.on(added("entry-1"), T0);
        waitlist.on(released("appointment-1", SLOT), T0, "event-1");
        waitlist.on(released("appointment-1", SLOT), T0, "event-1");
        waitlist.on(booked("appointment-2", SLOT, AppointmentSource.WAITLIST), T0.plusSeconds(60));
        waitlist.on(booked("appointment-2", SLOT, AppointmentSource.WAITLIST), T0.plusSeconds(60));

        assertThat(waitlist.entries(PRACTICE, T0, FAR).added()).isEqualTo(1);
        assertThat(waitlist.rebookings(PRACTICE, T0, FAR)).hasSize(1);
    }

    /**
     * In a batch, statements that read what earlier events of the batch wrote (an offer, freed time) still see it:
     * the facts do not differ from those of the events one at a time.
     */
    @Test
    void aBatchOfEventsGivesTheSameFactsAsTheEventsOneAtATime() {
        List<java.util.function.Consumer<WaitlistReportProjection>> history = List.of(
                w -> w.on(added("entry-1"), T0),
                w -> w.on(released("appointment-1", SLOT), T0.plus(Duration.ofHours(1)), "event-1"),
                w -> w.on(offer("offer-1", "entry-1", SLOT), T0.plus(Duration.ofHours(1))),
                w -> w.on(released("offer-1", SLOT), T0.plus(Duration.ofHours(2)), "event-2"),
                w -> w.on(offer("offer-2", "entry-1", SLOT), T0.plus(Duration.ofHours(2))),
                w -> w.on(new OfferAcceptedEvent("offer-2", PRACTICE, "entry-1", "appointment-2")),
                w -> w.on(booked("appointment-2", SLOT, AppointmentSource.WAITLIST), T0.plus(Duration.ofHours(3))),
                w -> w.on(new WaitlistEntryFulfilledEvent("entry-1", PRACTICE, "offer-2", "appointment-2"),
                        T0.plus(Duration.ofHours(3))),
                w -> w.on(added("entry-1"), T0)); // delivered again
        history.forEach(event -> event.accept(waitlist));
        List<List<String>> oneAtATime = facts();
        waitlist.reset();

        ProcessorBatch.run(waitlist, history);

        assertThat(facts()).isEqualTo(oneAtATime);
        assertThat(waitlist.rebookings(PRACTICE, T0, FAR)).hasSize(1);
        assertThat(waitlist.entries(PRACTICE, T0, FAR).fulfilled()).containsExactly(
                new WaitlistReportProjection.Fulfilled(PROVIDER, Duration.ofHours(3)));
    }

    private static List<List<String>> facts() {
        return List.of("report_waitlist_entry", "report_offer", "report_freed_time", "report_rebooking").stream()
                .map(db::rows).toList();
    }

    private static WaitlistEntryAddedEvent added(String entryId) {
        return new WaitlistEntryAddedEvent(entryId, PRACTICE, "patient-1", "service-1", List.of(), List.of(), null,
                null, WaitlistPriority.ROUTINE, null);
    }

    private static ReservationReleasedEvent released(String reservationId, Instant start) {
        return new ReservationReleasedEvent(PROVIDER, PRACTICE, reservationId, start,
                start.plus(Duration.ofHours(1)));
    }

    private static OfferMadeEvent offer(String offerId, String entryId, Instant start) {
        return new OfferMadeEvent(offerId, PRACTICE, entryId, "patient-1", "service-1", PROVIDER, start,
                start.plus(Duration.ofMinutes(50)), start.plus(Duration.ofHours(1)), start.minusSeconds(3600),
                new OfferReason("MATCHER", 1, 1, List.of(), List.of()));
    }

    private static AppointmentBookedEvent booked(String appointmentId, Instant start, AppointmentSource source) {
        return new AppointmentBookedEvent(appointmentId, PRACTICE, "patient-1", PROVIDER, "service-1", start,
                start.plus(Duration.ofMinutes(50)), start.plus(Duration.ofHours(1)), source, null, null);
    }
}
