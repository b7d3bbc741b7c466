package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Booking, the calendar, availability and an appointment's life, over HTTP. "NOW" is Mon 2026-11-23 07:00 NY. */
class AppointmentsTest extends IntegrationTest {

    private static final String TUESDAY_9 = "2026-12-01T09:00:00-05:00";

    @Test
    void booksAndShowsTheAppointmentInCalendarAndDetailAndTakesItsSlotsOutOfAvailability() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        assertThat(slotStarts(practice, s, "2026-12-01")).contains("2026-12-01T09:00-05:00",
                "2026-12-01T09:45-05:00", "2026-12-01T10:00-05:00");

        Api.Response booked = practice.book(s.patientId(), s.providerId(), s.serviceId(), TUESDAY_9);

        assertThat(booked.status()).isEqualTo(201);
        assertThat(booked.headers().firstValue("Location")).hasValue("/api/v1/appointments/" + booked.id());
        assertThat(booked.body().path("status").asText()).isEqualTo("BOOKED");
        assertThat(booked.body().path("source").asText()).isEqualTo("DIRECT");
        assertThat(booked.body().path("start").asText()).isEqualTo("2026-12-01T09:00:00-05:00");
        assertThat(booked.body().path("end").asText()).isEqualTo("2026-12-01T09:50:00-05:00");

        JsonNode calendar = api.get(practice.scheduler, "/api/v1/calendar?providerId=" + s.providerId()
                + "&from=2026-12-01&to=2026-12-01").body().path("appointments");
        assertThat(calendar).hasSize(1);
        assertThat(calendar.get(0).path("id").asText()).isEqualTo(booked.id());
        assertThat(calendar.get(0).path("patientName").asText()).isEqualTo("Ada Lovelace");

        JsonNode detail = api.get(practice.scheduler, "/api/v1/appointments/" + booked.id()).body();
        assertThat(detail.path("patientName").asText()).isEqualTo("Ada Lovelace");
        assertThat(detail.path("start").asText()).isEqualTo("2026-12-01T09:00:00-05:00");

        // 50 minutes plus a 10-minute buffer: 09:00 up to 10:00 is taken, 10:00 is free again
        assertThat(slotStarts(practice, s, "2026-12-01"))
                .doesNotContain("2026-12-01T08:15-05:00", "2026-12-01T09:00-05:00", "2026-12-01T09:45-05:00")
                .contains("2026-12-01T10:00-05:00");
        JsonNode patientCalendar = api.get(practice.scheduler, "/api/v1/calendar?patientId=" + s.patientId()
                + "&from=2026-11-30&to=2026-12-06").body().path("appointments");
        assertThat(patientCalendar).hasSize(1);
    }

    /** A JSON answer, a problem too, goes whole with its length, not chunked (WholeJsonConverter). */
    @Test
    void aJsonAnswerIsSentWholeWithItsLength() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();

        Api.Response booked = practice.book(s.patientId(), s.providerId(), s.serviceId(), TUESDAY_9);
        Api.Response refused = practice.book(s.patientId(), s.providerId(), s.serviceId(), TUESDAY_9);

        assertThat(refused.slug()).isEqualTo("slot-unavailable");
        for (Api.Response answer : List.of(booked, refused)) {
            assertThat(answer.headers().firstValue("Transfer-Encoding")).as(answer.toString()).isEmpty();
            assertThat(answer.headers().firstValueAsLong("Content-Length"))
                    .hasValue(answer.text().getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void refusesTimeThatOverlapsAnotherAppointmentOrItsBuffer() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        practice.booked(s.patientId(), s.providerId(), s.serviceId(), TUESDAY_9);

        Api.Response inBuffer = practice.book(s.patientId(), s.providerId(), s.serviceId(),
                "2026-12-01T09:55:00-05:00");
        Api.Response before = practice.book(s.patientId(), s.providerId(), s.serviceId(),
                "2026-12-01T08:15:00-05:00");
        Api.Response after = practice.book(s.patientId(), s.providerId(), s.serviceId(),
                "2026-12-01T10:00:00-05:00");

        assertThat(inBuffer.status()).isEqualTo(409);
        assertThat(inBuffer.slug()).isEqualTo("slot-unavailable");
        assertThat(inBuffer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(before.status()).as("08:15 is outside working hours").isEqualTo(422);
        assertThat(after.status()).isEqualTo(201);
    }

    @Test
    void refusesBookingsAgainstTheBookingRulesWithTheirOwnSlugs() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String otherService = practice.service(30, 0);
        String specialist = practice.provider(s.serviceId());
        practice.hours(specialist, "09:00", "17:00", "TUESDAY");
        Api.Response timeOff = api.post(practice.admin, "/api/v1/providers/" + s.providerId() + "/time-off",
                Map.of("start", "2026-12-02T12:00:00-05:00", "end", "2026-12-02T14:00:00-05:00", "reason", "x"));
        assertThat(timeOff.status()).isEqualTo(201);

        assertSlug(practice.book(s.patientId(), s.providerId(), s.serviceId(), "2026-12-01T16:30:00-05:00"),
                422, "outside-working-hours");
        assertSlug(practice.book(s.patientId(), s.providerId(), s.serviceId(), "2026-12-05T10:00:00-05:00"),
                422, "outside-working-hours");
        assertSlug(practice.book(s.patientId(), s.providerId(), s.serviceId(), "2026-12-02T13:00:00-05:00"),
                422, "time-off");
        assertSlug(practice.book(s.patientId(), s.providerId(), s.serviceId(), "2026-11-20T10:00:00-05:00"),
                422, "in-the-past");
        assertSlug(practice.book(s.patientId(), s.providerId(), s.serviceId(), "2027-06-01T10:00:00-04:00"),
                422, "beyond-horizon");
        assertSlug(practice.book(s.patientId(), specialist, otherService, TUESDAY_9), 422, "service-not-offered");
        assertSlug(practice.book("no-such-patient", s.providerId(), s.serviceId(), TUESDAY_9), 404, "not-found");
        assertSlug(practice.book(s.patientId(), "no-such-provider", s.serviceId(), TUESDAY_9), 404, "not-found");
        assertSlug(practice.book(s.patientId(), s.providerId(), "no-such-service", TUESDAY_9), 404, "not-found");
        assertThat(calendar(practice, s.providerId(), "2026-11-01", "2026-12-31")).isEmpty();
    }

    @Test
    void cancellingOutsideTheLateCancelWindowIsCancelledAndFreesTheSlot() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String early = practice.booked(s.patientId(), s.providerId(), s.serviceId(), TUESDAY_9);
        // 26 hours ahead: outside the 24-hour late-cancel window
        String tomorrow = practice.booked(s.patientId(), s.providerId(), s.serviceId(),
                "2026-11-24T09:00:00-05:00");

        Api.Response cancelled = api.post(practice.scheduler, "/api/v1/appointments/" + early + "/cancel",
                Map.of("reason", "PATIENT_REQUEST", "note", "called in"));
        Api.Response dayAhead = api.post(practice.scheduler, "/api/v1/appointments/" + tomorrow + "/cancel",
                Map.of("reason", "PATIENT_REQUEST"));
        Api.Response again = api.post(practice.scheduler, "/api/v1/appointments/" + early + "/cancel",
                Map.of("reason", "OTHER"));

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(dayAhead.body().path("status").asText()).isEqualTo("CANCELLED");
        assertSlug(again, 409, "invalid-transition");
        assertThat(slotStarts(practice, s, "2026-12-01")).contains("2026-12-01T09:00-05:00");
        assertThat(calendar(practice, s.providerId(), "2026-12-01", "2026-12-01"))
                .extracting(a -> a.path("status").asText()).containsExactly("CANCELLED");
    }

    @Test
    void aCancellationInsideTheLateCancelWindowIsRecordedAsLate() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String appointment = practice.booked(s.patientId(), s.providerId(), s.serviceId(), TUESDAY_9);
        clock.set(java.time.Instant.parse("2026-11-30T15:00:00Z")); // 19 hours before the start

        Api.Response late = api.post(practice.scheduler, "/api/v1/appointments/" + appointment + "/cancel",
                Map.of("reason", "PATIENT_REQUEST"));

        assertThat(late.status()).isEqualTo(200);
        assertThat(late.body().path("status").asText()).isEqualTo("LATE_CANCELLED");
        assertThat(api.get(practice.compliance, "/api/v1/appointments/" + appointment).body()
                .path("status").asText()).isEqualTo("LATE_CANCELLED");
    }

    @Test
    void reschedulingToTheSameProviderMovesTheAppointmentAndFreesTheOldTime() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String original = practice.booked(s.patientId(), s.providerId(), s.serviceId(), TUESDAY_9);

        // overlaps its own old time: only the old reservation is in the way, and it is being replaced
        Api.Response moved = api.post(practice.scheduler, "/api/v1/appointments/" + original + "/reschedule",
                Map.of("start", "2026-12-01T09:30:00-05:00"));

        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.id()).isNotEqualTo(original);
        assertThat(moved.body().path("status").asText()).isEqualTo("BOOKED");
        assertThat(moved.body().path("start").asText()).isEqualTo("2026-12-01T09:30:00-05:00");
        JsonNode old = api.get(practice.scheduler, "/api/v1/appointments/" + original).body();
        assertThat(old.path("status").asText()).isEqualTo("RESCHEDULED");
        assertThat(old.path("rescheduledTo").asText()).isEqualTo(moved.id());
        assertThat(calendar(practice, s.providerId(), "2026-12-01", "2026-12-01"))
                .extracting(a -> a.path("status").asText()).containsExactly("RESCHEDULED", "BOOKED");
        assertThat(slotStarts(practice, s, "2026-12-01")).doesNotContain("2026-12-01T09:30-05:00")
                .contains("2026-12-01T10:30-05:00");
        assertSlug(api.post(practice.scheduler, "/api/v1/appointments/" + original + "/reschedule",
                Map.of("start", "2026-12-02T09:00:00-05:00")), 409, "invalid-transition");
    }

    @Test
    void reschedulingToAnotherProviderBooksThereAndReleasesTheFirst() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String second = practice.provider();
        practice.hours(second, "09:00", "17:00", "TUESDAY");
        String original = practice.booked(s.patientId(), s.providerId(), s.serviceId(), TUESDAY_9);

        Api.Response moved = api.post(practice.scheduler, "/api/v1/appointments/" + original + "/reschedule",
                Map.of("start", TUESDAY_9, "providerId", second));

        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.body().path("providerId").asText()).isEqualTo(second);
        assertThat(calendar(practice, second, "2026-12-01", "2026-12-01")).hasSize(1);
        practice.booked(s.patientId(), s.providerId(), s.serviceId(), TUESDAY_9); // the first provider is free
        assertSlug(practice.book(s.patientId(), second, s.serviceId(), TUESDAY_9), 409, "slot-unavailable");
    }

    @Test
    void aVisitGoesFromBookedToCheckedInToCompletedAndNoShowOnlyAfterTheStart() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String visit = practice.booked(s.patientId(), s.providerId(), s.serviceId(), TUESDAY_9);
        String missed = practice.booked(s.patientId(), s.providerId(), s.serviceId(), "2026-12-01T10:00:00-05:00");

        assertSlug(api.post(practice.scheduler, "/api/v1/appointments/" + visit + "/complete", null),
                409, "invalid-transition");
        assertThat(api.post(practice.scheduler, "/api/v1/appointments/" + visit + "/check-in", null)
                .body().path("status").asText()).isEqualTo("CHECKED_IN");
        assertThat(api.post(practice.scheduler, "/api/v1/appointments/" + visit + "/complete", null)
                .body().path("status").asText()).isEqualTo("COMPLETED");
        assertSlug(api.post(practice.scheduler, "/api/v1/appointments/" + visit + "/cancel",
                Map.of("reason", "OTHER")), 409, "invalid-transition");

        assertSlug(api.post(practice.scheduler, "/api/v1/appointments/" + missed + "/no-show", null),
                409, "invalid-transition");
        clock.set(java.time.Instant.parse("2026-12-01T15:05:00Z")); // 10:05 in New York
        Api.Response noShow = api.post(practice.scheduler, "/api/v1/appointments/" + missed + "/no-show", null);
        assertThat(noShow.status()).isEqualTo(200);
        assertThat(noShow.body().path("status").asText()).isEqualTo("NO_SHOW");
    }

    @Test
    void theSameIdempotencyKeyBooksOnceAndAnswersAsTheFirstTime() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        Map<String, Object> body = Map.of("patientId", s.patientId(), "providerId", s.providerId(),
                "serviceId", s.serviceId(), "start", TUESDAY_9);
        Map<String, String> key = Map.of("Idempotency-Key", "booking-42");

        Api.Response first = api.send(practice.scheduler, "POST", "/api/v1/appointments", body, key);
        Api.Response repeat = api.send(practice.scheduler, "POST", "/api/v1/appointments", body, key);
        Api.Response reused = api.send(practice.scheduler, "POST", "/api/v1/appointments",
                Map.of("patientId", s.patientId(), "providerId", s.providerId(), "serviceId", s.serviceId(),
                        "start", "2026-12-01T11:00:00-05:00"), key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertSlug(reused, 409, "idempotency-key-reused");
        assertThat(calendar(practice, s.providerId(), "2026-12-01", "2026-12-01")).hasSize(1);
        // the key is scoped to the practice: another practice may use the same key
        PracticeFixture other = newPractice();
        PracticeFixture.Setup o = other.standard();
        assertThat(api.send(other.scheduler, "POST", "/api/v1/appointments", Map.of("patientId", o.patientId(),
                "providerId", o.providerId(), "serviceId", o.serviceId(), "start", TUESDAY_9), key).status())
                .isEqualTo(201);
    }

    @Test
    void timeOffIsRefusedOverBookedAppointmentsAndCanBeRemoved() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String appointment = practice.booked(s.patientId(), s.providerId(), s.serviceId(), TUESDAY_9);
        String timeOffPath = "/api/v1/providers/" + s.providerId() + "/time-off";

        Api.Response conflict = api.post(practice.admin, timeOffPath, Map.of("start", "2026-12-01T08:00:00-05:00",
                "end", "2026-12-01T12:00:00-05:00", "reason", "conference"));
        assertSlug(conflict, 409, "conflicts-with-appointments");
        assertThat(conflict.body().path("appointmentIds")).extracting(JsonNode::asText).containsExactly(appointment);

        Api.Response added = api.post(practice.admin, timeOffPath, Map.of("start", "2026-12-02T00:00:00-05:00",
                "end", "2026-12-03T00:00:00-05:00", "reason", "conference"));
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.headers().firstValue("Location")).hasValue(timeOffPath + "/" + added.id());
        assertThat(slotStarts(practice, s, "2026-12-02")).isEmpty();

        assertThat(api.delete(practice.admin, timeOffPath + "/" + added.id()).status()).isEqualTo(204);
        assertThat(slotStarts(practice, s, "2026-12-02")).contains("2026-12-02T09:00-05:00");
        assertSlug(api.delete(practice.admin, timeOffPath + "/" + added.id()), 404, "not-found");
    }

    @Test
    void settingsServicesAndProvidersReadBackAsWritten() {
        PracticeFixture practice = newPractice();
        assertThat(api.get(practice.scheduler, "/api/v1/practice/settings").body().path("timeZone").asText())
                .as("defaults until set").isEqualTo("UTC");
        PracticeFixture.Setup s = practice.standard();

        JsonNode settings = api.get(practice.analyst, "/api/v1/practice/settings").body();
        assertThat(settings.path("timeZone").asText()).isEqualTo("America/New_York");
        assertThat(settings.path("slotMinutes").asInt()).isEqualTo(15);
        JsonNode services = api.get(practice.scheduler, "/api/v1/services").body().path("services");
        assertThat(services).hasSize(1);
        assertThat(services.get(0).path("id").asText()).isEqualTo(s.serviceId());
        assertThat(services.get(0).path("durationMinutes").asInt()).isEqualTo(50);
        JsonNode providers = api.get(practice.scheduler, "/api/v1/providers").body().path("providers");
        assertThat(providers).hasSize(1);
        assertThat(providers.get(0).path("weekly")).hasSize(5);
        assertThat(providers.get(0).path("weekly").get(0).path("start").asText()).isEqualTo("09:00");
        JsonNode patient = api.get(practice.scheduler, "/api/v1/patients/" + s.patientId()).body();
        assertThat(patient.path("lastName").asText()).isEqualTo("Lovelace");
        assertThat(patient.path("dateOfBirth").asText()).isEqualTo("1985-04-12");
    }

    private List<String> slotStarts(PracticeFixture practice, PracticeFixture.Setup s, String date) {
        Api.Response response = api.get(practice.scheduler, "/api/v1/availability?serviceId=" + s.serviceId()
                + "&from=" + date + "&to=" + date);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> starts = new ArrayList<>();
        response.body().path("slots").forEach(slot -> starts.add(
                java.time.OffsetDateTime.parse(slot.path("start").asText()).toString()));
        return starts;
    }

    private List<JsonNode> calendar(PracticeFixture practice, String providerId, String from, String to) {
        Api.Response response = api.get(practice.scheduler, "/api/v1/calendar?providerId=" + providerId
                + "&from=" + from + "&to=" + to);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> appointments = new ArrayList<>();
        response.body().path("appointments").forEach(appointments::add);
        return appointments;
    }

    static void assertSlug(Api.Response response, int status, String slug) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.slug()).as(response.toString()).isEqualTo(slug);
    }
}
