package com.practicescheduler.standalone;

import static com.practicescheduler.standalone.AppointmentsTest.assertSlug;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Staff-made waitlist offers: the hold, accepting, declining, and what expiry leaves behind. */
class WaitlistOffersTest extends IntegrationTest {

    private static final String SLOT = "2026-12-01T09:00:00-05:00";
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anOfferHoldsItsSlotAndAcceptingItBooksAWaitlistAppointment() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String entry = entry(practice, s);

        Api.Response offer = api.post(practice.scheduler, "/api/v1/waitlist/" + entry + "/offers",
                Map.of("providerId", s.providerId(), "start", SLOT));

        assertThat(offer.status()).as(offer.toString()).isEqualTo(201);
        assertThat(offer.body().path("status").asText()).isEqualTo("PENDING");
        String offerId = offer.id();
        // the expiry deadline is a row in PostgreSQL whose data names the offer (its aggregate scope)
        assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks"
                        + " where position(convert_to(?, 'UTF8') in task_data) > 0", Integer.class, offerId))
                .as("the expiry deadline, stored in PostgreSQL").isEqualTo(1);
        JsonNode detail = api.get(practice.scheduler, "/api/v1/waitlist/" + entry).body();
        assertThat(detail.path("status").asText()).isEqualTo("OFFERED");
        JsonNode shown = detail.path("offers").get(0);
        assertThat(shown.path("status").asText()).isEqualTo("PENDING");
        assertThat(shown.path("start").asText()).isEqualTo("2026-12-01T09:00:00-05:00");
        assertThat(shown.path("expiresAt").asText()).isEqualTo("2026-11-23T09:00:00-05:00"); // NOW + PT2H
        assertThat(shown.path("reason").path("madeBy").asText()).isEqualTo("STAFF");
        // the hold: nobody can book over it, and availability does not offer it
        assertSlug(practice.book(practice.patient("Someone", "Else"), s.providerId(), s.serviceId(),
                "2026-12-01T09:30:00-05:00"), 409, "slot-unavailable");
        assertThat(slotStarts(practice, s)).doesNotContain("2026-12-01T09:00-05:00")
                .contains("2026-12-01T10:00-05:00");

        Api.Response accepted = api.post(practice.scheduler, "/api/v1/waitlist/offers/" + offerId + "/accept", null);

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        String appointmentId = accepted.body().path("appointmentId").asText();
        JsonNode appointment = api.get(practice.scheduler, "/api/v1/appointments/" + appointmentId).body();
        assertThat(appointment.path("source").asText()).isEqualTo("WAITLIST");
        assertThat(appointment.path("patientId").asText()).isEqualTo(s.patientId());
        assertThat(appointment.path("start").asText()).isEqualTo("2026-12-01T09:00:00-05:00");
        assertThat(api.get(practice.scheduler, "/api/v1/calendar?providerId=" + s.providerId()
                + "&from=2026-12-01&to=2026-12-01").body().path("appointments")).hasSize(1);
        JsonNode fulfilled = api.get(practice.scheduler, "/api/v1/waitlist/" + entry).body();
        assertThat(fulfilled.path("status").asText()).isEqualTo("FULFILLED");
        assertThat(fulfilled.path("offers").get(0).path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(fulfilled.path("offers").get(0).path("appointmentId").asText()).isEqualTo(appointmentId);
        assertSlug(api.post(practice.scheduler, "/api/v1/waitlist/offers/" + offerId + "/accept", null),
                409, "invalid-transition");
    }

    @Test
    void acceptingWhileOthersBookTheSameSlotLeavesExactlyOneAppointment() throws Exception {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String entry = entry(practice, s);
        String offerId = offer(practice, s, entry);
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            others.add(practice.patient("Walk", "In" + i));
        }
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(11);
        List<java.util.concurrent.Future<Api.Response>> bookings = new ArrayList<>();
        for (String patient : others) {
            bookings.add(clients.submit(() -> {
                go.await();
                return new Api(port).post(practice.scheduler, "/api/v1/appointments", Map.of("patientId", patient,
                        "providerId", s.providerId(), "serviceId", s.serviceId(), "start", SLOT));
            }));
        }
        java.util.concurrent.Future<Api.Response> accept = clients.submit(() -> {
            go.await();
            return new Api(port).post(practice.scheduler, "/api/v1/waitlist/offers/" + offerId + "/accept", null);
        });
        go.countDown();
        List<Integer> bookingStatuses = new ArrayList<>();
        for (java.util.concurrent.Future<Api.Response> booking : bookings) {
            bookingStatuses.add(booking.get().status());
        }
        Api.Response accepted = accept.get();
        clients.shutdown();

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(bookingStatuses).containsOnly(409);
        JsonNode calendar = api.get(practice.scheduler, "/api/v1/calendar?providerId=" + s.providerId()
                + "&from=2026-12-01&to=2026-12-01").body().path("appointments");
        assertThat(calendar).hasSize(1);
        assertThat(calendar.get(0).path("source").asText()).isEqualTo("WAITLIST");
    }

    @Test
    void decliningReleasesTheHoldAndTheEntryWaitsAgain() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String entry = entry(practice, s);
        String offerId = offer(practice, s, entry);

        Api.Response declined = api.post(practice.scheduler, "/api/v1/waitlist/offers/" + offerId + "/decline", null);

        assertThat(declined.status()).isEqualTo(200);
        JsonNode detail = api.get(practice.scheduler, "/api/v1/waitlist/" + entry).body();
        assertThat(detail.path("status").asText()).isEqualTo("WAITING");
        assertThat(detail.path("offers").get(0).path("status").asText()).isEqualTo("DECLINED");
        assertSlotFreeAgain(practice, s);
        assertSlug(api.post(practice.scheduler, "/api/v1/waitlist/offers/" + offerId + "/decline", null),
                409, "invalid-transition");
    }

    @Test
    void removingAnEntryWithdrawsItsPendingOfferAndFreesTheSlot() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String entry = entry(practice, s);
        String offerId = offer(practice, s, entry);

        assertThat(api.delete(practice.scheduler, "/api/v1/waitlist/" + entry).status()).isEqualTo(204);

        JsonNode detail = api.get(practice.scheduler, "/api/v1/waitlist/" + entry).body();
        assertThat(detail.path("status").asText()).isEqualTo("REMOVED");
        assertThat(detail.path("offers").get(0).path("status").asText()).isEqualTo("WITHDRAWN");
        assertSlotFreeAgain(practice, s);
        assertSlug(api.post(practice.scheduler, "/api/v1/waitlist/offers/" + offerId + "/accept", null),
                409, "invalid-transition");
    }

    @Test
    void onceTheHoldHasRunOutTheOfferIsGoneAndTheSlotIsFree() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String entry = entry(practice, s);
        String offerId = offer(practice, s, entry);

        clock.advance(Duration.ofHours(2)); // the practice's offer hold

        assertSlug(api.post(practice.scheduler, "/api/v1/waitlist/offers/" + offerId + "/accept", null),
                410, "offer-expired");
        assertSlug(api.post(practice.scheduler, "/api/v1/waitlist/offers/" + offerId + "/decline", null),
                410, "offer-expired");
        assertSlotFreeAgain(practice, s);
    }

    @Test
    void theExpiryDeadlineFiresByItselfAndPutsTheEntryBackInTheQueue() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String entry = entry(practice, s);
        String slot = ZonedDateTime.of(LocalDate.ofInstant(clock.instant(), NEW_YORK).plusDays(7).with(TemporalAdjusters.next(
                DayOfWeek.TUESDAY)), LocalTime.of(9, 0), NEW_YORK).toOffsetDateTime().toString();
        String offerId = api.post(practice.scheduler, "/api/v1/waitlist/" + entry + "/offers",
                Map.of("providerId", s.providerId(), "start", slot)).id();
        // db-scheduler polls every second on the application's clock: once it says the hold is over, it fires
        clock.advance(Duration.ofHours(2));

        Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> {
            JsonNode detail = api.get(practice.scheduler, "/api/v1/waitlist/" + entry).body();
            assertThat(detail.path("offers").get(0).path("status").asText()).isEqualTo("EXPIRED");
            assertThat(detail.path("status").asText()).isEqualTo("WAITING");
        });
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?"
                + " and payload_type like '%OfferExpiredEvent'", Integer.class, offerId)).isEqualTo(1);
        assertSlug(api.post(practice.scheduler, "/api/v1/waitlist/offers/" + offerId + "/accept", null),
                410, "offer-expired");
    }

    @Test
    void offersAreRefusedForEntriesThatCannotTakeThemAndForTakenSlots() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String entry = entry(practice, s);
        practice.booked(practice.patient("Already", "Booked"), s.providerId(), s.serviceId(), SLOT);

        assertSlug(api.post(practice.scheduler, "/api/v1/waitlist/" + entry + "/offers",
                Map.of("providerId", s.providerId(), "start", SLOT)), 409, "slot-unavailable");
        assertSlug(api.post(practice.scheduler, "/api/v1/waitlist/" + entry + "/offers",
                Map.of("providerId", s.providerId(), "start", "2026-12-05T09:00:00-05:00")), 422,
                "outside-working-hours");
        assertThat(api.post(practice.scheduler, "/api/v1/waitlist/" + entry + "/offers",
                Map.of("providerId", s.providerId(), "start", "2026-12-01T11:00:00-05:00")).status()).isEqualTo(201);
        assertSlug(api.post(practice.scheduler, "/api/v1/waitlist/" + entry + "/offers",
                Map.of("providerId", s.providerId(), "start", "2026-12-01T13:00:00-05:00")), 409,
                "invalid-transition");
        assertSlug(api.post(practice.scheduler, "/api/v1/waitlist/unknown/offers",
                Map.of("providerId", s.providerId(), "start", SLOT)), 404, "not-found");
        assertSlug(api.post(practice.scheduler, "/api/v1/waitlist/offers/unknown/accept", null), 404, "not-found");
        PracticeFixture other = newPractice();
        assertSlug(api.post(other.scheduler, "/api/v1/waitlist/" + entry + "/offers",
                Map.of("providerId", s.providerId(), "start", SLOT)), 404, "not-found");
        for (String token : List.of(practice.analyst, practice.compliance, practice.clinician(s.providerId()))) {
            assertSlug(api.post(token, "/api/v1/waitlist/" + entry + "/offers",
                    Map.of("providerId", s.providerId(), "start", SLOT)), 403, "forbidden");
        }
    }

    /** Availability shows {@link #SLOT} again, and someone else can book it. */
    private void assertSlotFreeAgain(PracticeFixture practice, PracticeFixture.Setup s) {
        assertThat(slotStarts(practice, s)).contains("2026-12-01T09:00-05:00");
        assertThat(practice.book(practice.patient("Next", "Patient"), s.providerId(), s.serviceId(), SLOT).status())
                .isEqualTo(201);
    }

    /** A staff-made offer of {@link #SLOT} with the setup's provider. */
    private String offer(PracticeFixture practice, PracticeFixture.Setup s, String entry) {
        Api.Response offer = api.post(practice.scheduler, "/api/v1/waitlist/" + entry + "/offers",
                Map.of("providerId", s.providerId(), "start", SLOT));
        assertThat(offer.status()).as(offer.toString()).isEqualTo(201);
        return offer.id();
    }

    private String entry(PracticeFixture practice, PracticeFixture.Setup s) {
        Api.Response added = api.post(practice.scheduler, "/api/v1/waitlist",
                Map.of("patientId", s.patientId(), "serviceId", s.serviceId()));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return added.id();
    }

    private List<String> slotStarts(PracticeFixture practice, PracticeFixture.Setup s) {
        List<String> starts = new ArrayList<>();
        api.get(practice.scheduler, "/api/v1/availability?serviceId=" + s.serviceId()
                        + "&from=2026-12-01&to=2026-12-01").body().path("slots")
                .forEach(slot -> starts.add(java.time.OffsetDateTime.parse(slot.path("start").asText()).toString()));
        return starts;
    }
}
