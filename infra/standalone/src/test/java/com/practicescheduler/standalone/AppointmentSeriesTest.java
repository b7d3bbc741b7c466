package com.practicescheduler.standalone;

import static com.practicescheduler.standalone.AppointmentsTest.assertSlug;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Recurring series over HTTP: preview, all-or-nothing and skipping bookings, local time across daylight saving,
 * idempotency, occurrences living as ordinary appointments, cancelling from a date, the read model, the audit
 * trail and the patient's timeline.
 */
class AppointmentSeriesTest extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    EventStore eventStore;

    static Map<String, Object> series(PracticeFixture.Setup s, String start, Map<String, Object> recurrence) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("patientId", s.patientId());
        body.put("providerId", s.providerId());
        body.put("serviceId", s.serviceId());
        body.put("start", start);
        body.put("recurrence", recurrence);
        return body;
    }

    static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(body);
        changed.put(field, value);
        return changed;
    }

    static List<String> texts(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(node -> node.path(field).asText()).toList();
    }

    /** Tuesdays at 16:00 in New York, four of them; the third is taken by a single booking. */
    private Map<String, Object> fourTuesdaysWithTheThirdTaken(PracticeFixture practice, PracticeFixture.Setup s) {
        practice.booked(practice.patient("Other", "Patient"), s.providerId(), s.serviceId(),
                "2026-12-15T16:00:00-05:00");
        return series(s, "2026-12-01T16:00:00-05:00", Map.of("everyWeeks", 1, "daysOfWeek", List.of("TUESDAY"),
                "count", 4));
    }

    @Test
    void aPreviewChecksEachOccurrenceAndOffersTheNearestFreeStartsOfThatDay() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        Map<String, Object> body = fourTuesdaysWithTheThirdTaken(practice, s);

        Api.Response preview = api.post(practice.scheduler, "/api/v1/appointment-series/preview", body);

        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        JsonNode occurrences = preview.body().path("occurrences");
        assertThat(texts(occurrences, "start")).containsExactly("2026-12-01T16:00:00-05:00",
                "2026-12-08T16:00:00-05:00", "2026-12-15T16:00:00-05:00", "2026-12-22T16:00:00-05:00");
        assertThat(texts(occurrences, "end")).first().isEqualTo("2026-12-01T16:50:00-05:00");
        assertThat(texts(occurrences, "available")).containsExactly("true", "true", "false", "true");
        assertThat(occurrences.get(0).path("problem").isNull()).isTrue();
        assertThat(occurrences.get(2).path("problem").asText()).isEqualTo("slot-unavailable");
        // the service and its buffer (60 min) must end by 17:00 and not reach into 16:00-17:00: nearest first
        assertThat(texts(occurrences.get(2).path("alternatives"), "start")).containsExactly(
                "2026-12-15T15:00:00-05:00", "2026-12-15T14:45:00-05:00", "2026-12-15T14:30:00-05:00");
        assertThat(occurrences.get(0).path("alternatives")).isEmpty();
        // it booked nothing
        assertThat(api.get(practice.scheduler, "/api/v1/calendar?providerId=" + s.providerId()
                + "&from=2026-12-01&to=2026-12-31").body().path("appointments")).hasSize(1);
    }

    @Test
    void rejectBooksNothingWhenAnyOccurrenceIsUnavailableAndListsEveryConflict() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        Map<String, Object> body = fourTuesdaysWithTheThirdTaken(practice, s);
        // and the fourth is outside the booking horizon's rules in another way: time off
        api.post(practice.admin, "/api/v1/providers/" + s.providerId() + "/time-off",
                Map.of("start", "2026-12-22T08:00:00-05:00", "end", "2026-12-22T18:00:00-05:00"));

        Api.Response refused = api.post(practice.scheduler, "/api/v1/appointment-series", body);

        assertSlug(refused, 409, "series-conflicts");
        assertThat(texts(refused.body().path("conflicts"), "start")).containsExactly("2026-12-15T16:00:00-05:00",
                "2026-12-22T16:00:00-05:00");
        assertThat(texts(refused.body().path("conflicts"), "problem")).containsExactly("slot-unavailable",
                "time-off");
        assertThat(api.get(practice.scheduler, "/api/v1/calendar?providerId=" + s.providerId()
                + "&from=2026-12-01&to=2026-12-31").body().path("appointments")).hasSize(1);
        // explicitly REJECT: the same
        assertSlug(api.post(practice.scheduler, "/api/v1/appointment-series", with(body, "onConflict", "REJECT")),
                409, "series-conflicts");
        // the free occurrences were not kept either (not even by the schedule the command side holds in memory)
        assertThat(practice.book(s.patientId(), s.providerId(), s.serviceId(), "2026-12-01T16:00:00-05:00")
                .status()).isEqualTo(201);
    }

    @Test
    void skipBooksTheFreeOccurrencesAsAppointmentsOfTheSeriesAndListsTheSkipped() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        Map<String, Object> body = with(fourTuesdaysWithTheThirdTaken(practice, s), "onConflict", "SKIP");

        Api.Response booked = api.post(practice.scheduler, "/api/v1/appointment-series", body);

        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        String seriesId = booked.id();
        assertThat(booked.headers().firstValue("Location")).hasValue("/api/v1/appointment-series/" + seriesId);
        assertThat(booked.body().path("status").asText()).isEqualTo("ACTIVE");
        JsonNode appointments = booked.body().path("appointments");
        assertThat(texts(appointments, "start")).containsExactly("2026-12-01T16:00:00-05:00",
                "2026-12-08T16:00:00-05:00", "2026-12-22T16:00:00-05:00");
        assertThat(texts(appointments, "status")).containsOnly("BOOKED");
        assertThat(texts(booked.body().path("skipped"), "start")).containsExactly("2026-12-15T16:00:00-05:00");
        assertThat(texts(booked.body().path("skipped"), "problem")).containsExactly("slot-unavailable");

        // each occurrence is an ordinary appointment that names its series, in the calendar and in its detail
        JsonNode calendar = api.get(practice.scheduler, "/api/v1/calendar?patientId=" + s.patientId()
                + "&from=2026-12-01&to=2026-12-31").body().path("appointments");
        assertThat(texts(calendar, "seriesId")).containsExactly(seriesId, seriesId, seriesId);
        String first = appointments.get(0).path("id").asText();
        assertThat(api.get(practice.scheduler, "/api/v1/appointments/" + first).body().path("seriesId").asText())
                .isEqualTo(seriesId);

        Api.Response read = api.get(practice.scheduler, "/api/v1/appointment-series/" + seriesId);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.body().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(read.body().path("recurrence").path("everyWeeks").asInt()).isEqualTo(1);
        assertThat(read.body().path("recurrence").path("daysOfWeek").get(0).asText()).isEqualTo("TUESDAY");
        assertThat(read.body().path("recurrence").path("count").asInt()).isEqualTo(4);
        assertThat(texts(read.body().path("appointments"), "id")).isEqualTo(texts(appointments, "id"));
        assertThat(texts(read.body().path("skipped"), "problem")).containsExactly("slot-unavailable");
        assertSlug(api.get(newPractice().scheduler, "/api/v1/appointment-series/" + seriesId), 404, "not-found");
    }

    @Test
    void aSeventeenHundredTuesdayStaysAtSeventeenHundredAcrossTheSpringForwardChange() {
        PracticeFixture practice = newPractice();
        practice.settings("America/New_York");
        String service = practice.service(50, 10);
        String provider = practice.provider();
        practice.hours(provider, "09:00", "18:00", "TUESDAY");
        PracticeFixture.Setup s = new PracticeFixture.Setup(service, provider, practice.patient("Grace", "Hopper"));

        Api.Response booked = api.post(practice.scheduler, "/api/v1/appointment-series",
                series(s, "2027-03-02T17:00:00-05:00", Map.of("everyWeeks", 1, "count", 3)));

        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        // New York moves its clocks on 14 March 2027: the offset changes, the local time does not
        assertThat(texts(booked.body().path("appointments"), "start")).containsExactly("2027-03-02T17:00:00-05:00",
                "2027-03-09T17:00:00-05:00", "2027-03-16T17:00:00-04:00");
        assertThat(texts(booked.body().path("appointments"), "end")).containsExactly("2027-03-02T17:50:00-05:00",
                "2027-03-09T17:50:00-05:00", "2027-03-16T17:50:00-04:00");
    }

    @Test
    void everyOtherWeekOnTwoDaysUntilADate() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();

        Api.Response booked = api.post(practice.scheduler, "/api/v1/appointment-series",
                series(s, "2026-12-01T10:00:00-05:00", Map.of("everyWeeks", 2,
                        "daysOfWeek", List.of("THURSDAY", "TUESDAY"), "until", "2026-12-29")));

        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        assertThat(texts(booked.body().path("appointments"), "start")).containsExactly("2026-12-01T10:00:00-05:00",
                "2026-12-03T10:00:00-05:00", "2026-12-15T10:00:00-05:00", "2026-12-17T10:00:00-05:00",
                "2026-12-29T10:00:00-05:00");
    }

    @Test
    void anOpenEndedSeriesIsBookedUpToTheBookingHorizon() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        api.put(practice.admin, "/api/v1/practice/settings", Map.of("timeZone", "America/New_York",
                "bookingHorizonDays", 30));

        Api.Response booked = api.post(practice.scheduler, "/api/v1/appointment-series",
                series(s, "2026-11-24T10:00:00-05:00", Map.of("everyWeeks", 1)));

        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        // 30 days from Monday 23 November, 07:00: the Tuesdays up to 22 December
        assertThat(texts(booked.body().path("appointments"), "start")).containsExactly("2026-11-24T10:00:00-05:00",
                "2026-12-01T10:00:00-05:00", "2026-12-08T10:00:00-05:00", "2026-12-15T10:00:00-05:00",
                "2026-12-22T10:00:00-05:00");
        assertThat(api.get(practice.scheduler, "/api/v1/appointment-series/" + booked.id()).body()
                .path("recurrence").path("count").isNull()).isTrue();
    }

    @Test
    void anOpenEndedSeriesKeepsItselfBookedAsTheHorizonMovesAndRecordsWhatItCannotBook() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        api.put(practice.admin, "/api/v1/practice/settings", Map.of("timeZone", "America/New_York",
                "bookingHorizonDays", 30));
        // the provider is off on Tuesday 5 January, beyond today's horizon
        assertThat(api.post(practice.admin, "/api/v1/providers/" + s.providerId() + "/time-off",
                Map.of("start", "2027-01-05T08:00:00-05:00", "end", "2027-01-05T18:00:00-05:00")).status())
                .isEqualTo(201);
        String seriesId = api.post(practice.scheduler, "/api/v1/appointment-series",
                series(s, "2026-11-24T10:00:00-05:00", Map.of("everyWeeks", 1))).id();

        // the job's list of open-ended series follows the events
        Awaitility.await().atMost(EVENTUALLY).until(() -> jdbc.queryForObject(
                "select count(*) from open_series where series_id = ?", Integer.class, seriesId) == 1);
        // two weeks on, the horizon reaches 29 December (free) and 5 January (time off)
        clock.advance(Duration.ofDays(14));
        runTheExtensionJobNow();

        JsonNode read = Awaitility.await().atMost(EVENTUALLY).until(() -> api.get(practice.scheduler,
                "/api/v1/appointment-series/" + seriesId).body(), body -> body.path("skipped").size() == 1);
        assertThat(texts(read.path("appointments"), "start")).endsWith("2026-12-22T10:00:00-05:00",
                "2026-12-29T10:00:00-05:00").hasSize(6);
        assertThat(texts(read.path("skipped"), "start")).containsExactly("2027-01-05T10:00:00-05:00");
        assertThat(texts(read.path("skipped"), "problem")).containsExactly("time-off");
        JsonNode entry = Awaitility.await().atMost(EVENTUALLY).until(() -> api.get(practice.compliance,
                "/api/v1/audit?action=ExtendSeries").body().path("entries"), entries -> entries.size() == 1).get(0);
        assertThat(entry.path("actor").asText()).isEqualTo("system");
        assertThat(entry.path("resourceId").asText()).isEqualTo(seriesId);
        assertThat(entry.path("patientId").asText()).isEqualTo(s.patientId());

        // nothing new within the horizon: the job books nothing more and records nothing more
        runTheExtensionJobNow();
        assertThat(api.get(practice.scheduler, "/api/v1/appointment-series/" + seriesId).body()
                .path("appointments")).hasSize(6);
    }

    /**
     * The extension job is a recurring db-scheduler task: due now, and the poller woken. As in production, where
     * its runs are minutes apart, its list of open series has followed the events of the last run first: moving the
     * clock already woke the poller, and the list's processor lingers under load, so a second run at once could
     * extend from a stale list.
     */
    private void runTheExtensionJobNow() {
        // refused while the task runs: then again
        Awaitility.await().atMost(EVENTUALLY).ignoreExceptions().until(() -> openSeriesFollowedEveryEvent()
                && deadlines.reschedule(TaskInstanceId.of("series-extension", RecurringTask.INSTANCE),
                clock.instant()));
        deadlines.triggerCheckForDueExecutions();
        Awaitility.await().atMost(EVENTUALLY).until(() -> deadlines.getScheduledExecution(
                TaskInstanceId.of("series-extension", RecurringTask.INSTANCE))
                .map(execution -> execution.getExecutionTime().isAfter(clock.instant())).orElse(false));
    }

    /** The job's list of open series (the {@code series-extension} processor) is at the event store's head. */
    private boolean openSeriesFollowedEveryEvent() {
        long head = eventStore.createHeadToken().position().orElse(-1);
        return processing.eventProcessor("series-extension", StreamingEventProcessor.class).orElseThrow()
                .processingStatus().values().stream()
                .allMatch(status -> status.getCurrentPosition().orElse(-1) >= head);
    }

    @Test
    void requestsOutsideTheBoundsAreRefusedAsInvalid() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String path = "/api/v1/appointment-series";
        String start = "2026-12-01T10:00:00-05:00";

        assertSlug(api.post(practice.scheduler, path, series(s, start, Map.of("count", 105))), 400,
                "validation-failed");
        assertSlug(api.post(practice.scheduler, path, series(s, start, Map.of("count", 0))), 400,
                "validation-failed");
        assertSlug(api.post(practice.scheduler, path, series(s, start, Map.of("everyWeeks", 0, "count", 2))), 400,
                "validation-failed");
        // more than 104 occurrences until that date
        assertSlug(api.post(practice.scheduler, path, series(s, start, Map.of("daysOfWeek",
                List.of("MONDAY", "TUESDAY", "WEDNESDAY"), "until", "2027-12-31"))), 400, "validation-failed");
        assertSlug(api.post(practice.scheduler, path, series(s, start, Map.of("until", "2026-11-01"))), 400,
                "validation-failed");
        assertSlug(api.post(practice.scheduler, path, series(s, start, Map.of("until", "2999-01-01"))), 400,
                "validation-failed");
        assertSlug(api.post(practice.scheduler, path, with(series(s, start, Map.of("count", 2)), "onConflict",
                "MAYBE")), 400, "validation-failed");
        assertSlug(api.post(practice.scheduler, path, with(series(s, start, Map.of("count", 2)), "recurrence",
                null)), 400, "validation-failed");
        assertSlug(api.post(practice.scheduler, path, with(series(s, start, Map.of("count", 2)), "providerId",
                "no-such-provider")), 404, "not-found");
        assertSlug(api.post(practice.scheduler, path + "/preview", with(series(s, start, Map.of("count", 2)),
                "patientId", "no-such-patient")), 404, "not-found");
        assertThat(api.get(practice.scheduler, "/api/v1/calendar?providerId=" + s.providerId()
                + "&from=2026-11-23&to=2027-02-20").body().path("appointments")).isEmpty();
    }

    @Test
    void theSameIdempotencyKeyBooksTheSeriesOnceAndAnotherBodyUnderItIsRefused() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        Map<String, Object> body = series(s, "2026-12-01T10:00:00-05:00", Map.of("count", 3));
        Map<String, String> key = Map.of("Idempotency-Key", "weekly-ada");

        Api.Response first = api.send(practice.scheduler, "POST", "/api/v1/appointment-series", body, key);
        Api.Response again = api.send(practice.scheduler, "POST", "/api/v1/appointment-series", body, key);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(texts(again.body().path("appointments"), "id"))
                .isEqualTo(texts(first.body().path("appointments"), "id"));
        assertThat(api.get(practice.scheduler, "/api/v1/calendar?providerId=" + s.providerId()
                + "&from=2026-12-01&to=2026-12-31").body().path("appointments")).hasSize(3);
        assertSlug(api.send(practice.scheduler, "POST", "/api/v1/appointment-series",
                series(s, "2026-12-01T11:00:00-05:00", Map.of("count", 3)), key), 409, "idempotency-key-reused");
    }

    @Test
    void eachOccurrenceLivesOnItsOwnAndCancellingFromADateEndsTheSeries() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        // Mondays at 15:00 from today (Monday 23 November, 07:00 in New York)
        Api.Response booked = api.post(practice.scheduler, "/api/v1/appointment-series",
                series(s, "2026-11-23T15:00:00-05:00", Map.of("count", 5)));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        String seriesId = booked.id();
        List<String> ids = texts(booked.body().path("appointments"), "id");

        // the second is checked in, the third moved to the Tuesday: each through the ordinary endpoints
        assertThat(api.post(practice.scheduler, "/api/v1/appointments/" + ids.get(1) + "/check-in", null).status())
                .isEqualTo(200);
        Api.Response moved = api.post(practice.scheduler, "/api/v1/appointments/" + ids.get(2) + "/reschedule",
                Map.of("start", "2026-12-08T15:00:00-05:00"));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(api.get(practice.scheduler, "/api/v1/appointments/" + moved.id()).body().path("seriesId").asText())
                .as("a moved occurrence stays in its series").isEqualTo(seriesId);

        Api.Response cancelled = api.post(practice.scheduler, "/api/v1/appointment-series/" + seriesId + "/cancel",
                Map.of("reason", "PATIENT_REQUEST", "from", "2026-12-07"));

        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.body().path("status").asText()).isEqualTo("ENDED");
        Map<String, String> statusByStart = new HashMap<>();
        api.get(practice.scheduler, "/api/v1/appointment-series/" + seriesId).body().path("appointments")
                .forEach(a -> statusByStart.put(a.path("start").asText(), a.path("status").asText()));
        assertThat(statusByStart).containsEntry("2026-11-23T15:00:00-05:00", "BOOKED")
                .containsEntry("2026-11-30T15:00:00-05:00", "CHECKED_IN")
                .containsEntry("2026-12-07T15:00:00-05:00", "RESCHEDULED")
                .containsEntry("2026-12-08T15:00:00-05:00", "CANCELLED")
                .containsEntry("2026-12-14T15:00:00-05:00", "CANCELLED")
                .containsEntry("2026-12-21T15:00:00-05:00", "CANCELLED");
        assertThat(api.get(practice.scheduler, "/api/v1/appointment-series/" + seriesId).body().path("status")
                .asText()).isEqualTo("ENDED");
        // the freed time can be booked again; an ended series cannot be cancelled twice
        practice.booked(practice.patient("Next", "Patient"), s.providerId(), s.serviceId(),
                "2026-12-14T15:00:00-05:00");
        assertSlug(api.post(practice.scheduler, "/api/v1/appointment-series/" + seriesId + "/cancel",
                Map.of("reason", "OTHER")), 409, "invalid-transition");
    }

    @Test
    void anOccurrenceCancelledOnItsOwnFreesItsTimeForTheWaitlist() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        Api.Response booked = api.post(practice.scheduler, "/api/v1/appointment-series",
                series(s, "2026-12-01T10:00:00-05:00", Map.of("count", 3)));
        String second = booked.body().path("appointments").get(1).path("id").asText();
        String entry = api.post(practice.scheduler, "/api/v1/waitlist", Map.of("patientId",
                practice.patient("Waiting", "Patient"), "serviceId", s.serviceId())).id();

        Api.Response cancelled = api.post(practice.scheduler, "/api/v1/appointments/" + second + "/cancel",
                Map.of("reason", "PATIENT_REQUEST"));

        assertThat(cancelled.body().path("status").asText()).isEqualTo("CANCELLED");
        JsonNode offers = Awaitility.await().atMost(EVENTUALLY).until(() -> api.get(practice.scheduler,
                "/api/v1/waitlist/" + entry).body().path("offers"), found -> found.size() == 1);
        assertThat(offers.get(0).path("start").asText()).isEqualTo("2026-12-08T10:00:00-05:00");
        assertThat(texts(api.get(practice.scheduler, "/api/v1/appointment-series/" + booked.id()).body()
                .path("appointments"), "status")).containsExactly("BOOKED", "CANCELLED", "BOOKED");
    }

    @Test
    void cancellingAWholeSeriesFollowsTheLateCancelRuleOfEachOccurrence() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        // today 15:00 is inside the 24 h late-cancel window; the next Mondays are not
        Api.Response booked = api.post(practice.scheduler, "/api/v1/appointment-series",
                series(s, "2026-11-23T15:00:00-05:00", Map.of("count", 3)));
        String seriesId = booked.id();

        Api.Response cancelled = api.post(practice.scheduler, "/api/v1/appointment-series/" + seriesId + "/cancel",
                Map.of("reason", "PRACTICE"));

        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.body().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(texts(cancelled.body().path("appointments"), "status")).containsExactly("LATE_CANCELLED",
                "CANCELLED", "CANCELLED");
        assertThat(texts(api.get(practice.scheduler, "/api/v1/appointment-series/" + seriesId).body()
                .path("appointments"), "status")).containsExactly("LATE_CANCELLED", "CANCELLED", "CANCELLED");
    }

    @Test
    void theAuditTrailNamesTheSeriesAndThePatientsTimelineShowsIt() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        Api.Response booked = api.post(practice.scheduler, "/api/v1/appointment-series",
                series(s, "2026-12-01T10:00:00-05:00", Map.of("count", 2)));
        String seriesId = booked.id();
        api.get(practice.scheduler, "/api/v1/appointment-series/" + seriesId);
        api.post(practice.scheduler, "/api/v1/appointment-series/" + seriesId + "/cancel",
                Map.of("reason", "OTHER"));

        for (String action : List.of("BookSeries", "ReadAppointmentSeries", "CancelSeries")) {
            JsonNode entry = Awaitility.await().atMost(EVENTUALLY).until(() -> api.get(practice.compliance,
                    "/api/v1/audit?action=" + action + "&patientId=" + s.patientId()).body().path("entries"),
                    entries -> entries.size() == 1).get(0);
            assertThat(entry.path("resourceType").asText()).as(action).isEqualTo("Series");
            assertThat(entry.path("resourceId").asText()).as(action).isEqualTo(seriesId);
            assertThat(entry.path("outcome").asText()).as(action).isEqualTo("SUCCESS");
        }
        List<JsonNode> events = Awaitility.await().atMost(EVENTUALLY).until(() -> StreamSupport.stream(
                api.get(practice.compliance, "/api/v1/audit/patients/" + s.patientId() + "/timeline").body()
                        .path("events").spliterator(), false).toList(), found -> found.stream()
                .anyMatch(e -> e.path("type").asText().equals("SeriesEndedEvent")));
        assertThat(events).extracting(e -> e.path("type").asText()).contains("SeriesBookedEvent",
                "AppointmentBookedEvent", "AppointmentCancelledEvent", "SeriesEndedEvent");
        assertThat(events.stream().filter(e -> e.path("type").asText().equals("AppointmentBookedEvent"))
                .map(e -> e.path("payload").path("seriesId").asText()).toList()).containsExactly(seriesId, seriesId);
    }

    @Test
    void aRefusedSeriesIsAuditedWithItsProblem() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        Map<String, Object> body = fourTuesdaysWithTheThirdTaken(practice, s);
        assertSlug(api.post(practice.scheduler, "/api/v1/appointment-series", body), 409, "series-conflicts");

        JsonNode entry = Awaitility.await().atMost(EVENTUALLY).until(() -> api.get(practice.compliance,
                "/api/v1/audit?action=BookSeries&outcome=REJECTED").body().path("entries"),
                entries -> entries.size() == 1).get(0);
        assertThat(entry.path("resourceType").asText()).isEqualTo("Series");
        assertThat(entry.path("problem").asText()).isEqualTo("series-conflicts");
    }
}
