package com.practicescheduler.standalone;

import static com.practicescheduler.standalone.AppointmentsTest.assertSlug;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The reports of a known month — December 2026 in New York — with every figure worked out by hand, the CSV
 * export, and the same figures again after the report tables were dropped and rebuilt from the events.
 */
class ReportsTest extends IntegrationTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final String DECEMBER = "?from=2026-12-01&to=2026-12-31";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aKnownMonthGivesTheFiguresWorkedOutByHand() {
        Month month = knownMonth();

        JsonNode utilization = report(month, "utilization");
        assertThat(utilization.path("timeZone").asText()).isEqualTo("America/New_York");
        // A: 23 weekdays of 420 minutes, less the 24th off; booked a1, a2, a3w, a5r, a6 (30), a7; completed
        // a1, a3w, a5r. B: Tuesdays and Thursdays of 240 minutes, and Wednesdays from the 14th, when they were
        // added; booked b1 (30), b2, b3w (30); completed b1, b3w.
        assertThat(figures(utilization.path("practice").path("total")))
                .isEqualTo("2026-12-01..2026-12-31 12360/390/210 3.2");
        JsonNode a = provider(utilization, month.a);
        JsonNode b = provider(utilization, month.b);
        assertThat(figures(a.path("total"))).isEqualTo("2026-12-01..2026-12-31 9240/280/150 3.0");
        assertThat(figures(b.path("total"))).isEqualTo("2026-12-01..2026-12-31 3120/110/60 3.5");
        assertThat(a.path("weeks")).extracting(ReportsTest::figures).containsExactly(
                "2026-12-01..2026-12-06 1680/200/150 11.9",
                "2026-12-07..2026-12-13 2100/30/0 1.4",
                "2026-12-14..2026-12-20 2100/0/0 0.0",
                "2026-12-21..2026-12-27 1680/0/0 0.0",
                "2026-12-28..2026-12-31 1680/50/0 3.0");
        assertThat(b.path("weeks")).extracting(ReportsTest::figures).containsExactly(
                "2026-12-01..2026-12-06 480/80/30 16.7",
                "2026-12-07..2026-12-13 480/30/30 6.3",
                "2026-12-14..2026-12-20 720/0/0 0.0",
                "2026-12-21..2026-12-27 720/0/0 0.0",
                "2026-12-28..2026-12-31 720/0/0 0.0");
        assertThat(utilization.path("practice").path("weeks")).extracting(ReportsTest::figures).containsExactly(
                "2026-12-01..2026-12-06 2160/280/180 13.0",
                "2026-12-07..2026-12-13 2580/60/30 2.3",
                "2026-12-14..2026-12-20 2820/0/0 0.0",
                "2026-12-21..2026-12-27 2400/0/0 0.0",
                "2026-12-28..2026-12-31 2400/50/0 2.1");
        // day by day, 1 to 31 December (Tuesday to Thursday)
        assertThat(days(a, "availableMinutes")).isEqualTo(
                "420 420 420 420 0 0 420 420 420 420 420 0 0 420 420 420 420 420 0 0 420 420 420 0 420 0 0 "
                        + "420 420 420 420");
        assertThat(days(b, "availableMinutes")).isEqualTo(
                "240 0 240 0 0 0 0 240 0 240 0 0 0 0 240 240 240 0 0 0 0 240 240 240 0 0 0 0 240 240 240");
        assertThat(days(a, "bookedMinutes")).isEqualTo(
                "100 50 0 50 0 0 30 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 50 0");
        assertThat(days(a, "completedMinutes")).isEqualTo(
                "50 50 0 50 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0");
        assertThat(days(b, "bookedMinutes")).isEqualTo(
                "30 0 50 0 0 0 0 30 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0");
        assertThat(days(b, "completedMinutes")).isEqualTo(
                "30 0 0 0 0 0 0 30 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0");
        assertThat(a.path("days").get(0).path("utilizationPercent").decimalValue()).isEqualByComparingTo("23.8");
        assertThat(a.path("days").get(23).path("utilizationPercent").isNull()).as("the 24th, off").isTrue();
        assertThat(utilization.path("practice").path("days").get(0).path("utilizationPercent").decimalValue())
                .as("(100 + 30) / (420 + 240)").isEqualByComparingTo("19.7");

        JsonNode attendance = report(month, "no-shows");
        // A: a1, a3w, a5r completed; a2 no-show; a3 cancelled; a4 late; a5 rescheduled; a7 booked; a6 checked in
        assertThat(attendance(provider(attendance, month.a)))
                .isEqualTo("9: 3 done, 1 no-show, 1 cancelled, 1 late, 1 moved, 1 booked, 1 in; 6 final, "
                        + "16.7% no-show, 16.7% late; {PATIENT_REQUEST=1, PROVIDER_UNAVAILABLE=0, PRACTICE=0, OTHER=1}");
        assertThat(attendance(provider(attendance, month.b)))
                .isEqualTo("4: 2 done, 1 no-show, 1 cancelled, 0 late, 0 moved, 0 booked, 0 in; 4 final, "
                        + "25.0% no-show, 0.0% late; {PATIENT_REQUEST=0, PROVIDER_UNAVAILABLE=1, PRACTICE=0, OTHER=0}");
        assertThat(attendance(attendance.path("practice")))
                .isEqualTo("13: 5 done, 2 no-show, 2 cancelled, 1 late, 1 moved, 1 booked, 1 in; 10 final, "
                        + "20.0% no-show, 10.0% late; {PATIENT_REQUEST=1, PROVIDER_UNAVAILABLE=1, PRACTICE=0, OTHER=1}");

        JsonNode waitlist = report(month, "waitlist");
        // added on 1 December: W1, W2, W3, W4, W5 (W0 in November); fulfilled W1 after 1 h 30 min, W5 after
        // 124 h; removed W0 and W4. Offers: o1 and o5 accepted, o3 declined, o4 expired. Re-booked: Dec 2 at
        // 09:00 30 min after a3 freed it, Dec 8 at 10:00 one hour after b3 did.
        assertThat(waitlist(waitlist.path("practice"))).isEqualTo("+5 =2 -2 wait PT62H45M/PT111H45M; "
                + "offers 4: 2 accepted, 1 declined, 1 expired, 0 withdrawn, 0 pending, 50.0%; rebooked 2 in PT45M");
        assertThat(waitlist(provider(waitlist, month.a))).isEqualTo("+null =1 -null wait PT1H30M/PT1H30M; "
                + "offers 3: 1 accepted, 1 declined, 1 expired, 0 withdrawn, 0 pending, 33.3%; rebooked 1 in PT30M");
        assertThat(waitlist(provider(waitlist, month.b))).isEqualTo("+null =1 -null wait PT124H/PT124H; "
                + "offers 1: 1 accepted, 0 declined, 0 expired, 0 withdrawn, 0 pending, 100.0%; rebooked 1 in PT1H");

        Api.Response csv = api.get(month.practice.analyst, "/api/v1/reports/utilization" + DECEMBER + "&format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/csv"));
        List<String> lines = csv.text().lines().toList();
        assertThat(lines).hasSize(1 + 3 * (1 + 5 + 31));
        assertThat(lines.subList(0, 3)).containsExactly(
                "scope,providerId,period,from,to,availableMinutes,bookedMinutes,completedMinutes,utilizationPercent",
                "PRACTICE,,RANGE,2026-12-01,2026-12-31,12360,390,210,3.2",
                "PRACTICE,,WEEK,2026-12-01,2026-12-06,2160,280,180,13.0");
        assertThat(lines).contains("PROVIDER," + month.a + ",DAY,2026-12-24,2026-12-24,0,0,0,",
                "PROVIDER," + month.b + ",WEEK,2026-12-07,2026-12-13,480,30,30,6.3");
        assertCsv(api.get(month.practice.compliance, "/api/v1/reports/no-shows" + DECEMBER + "&format=csv"),
                "scope,providerId,appointments,completed,noShow,cancelled,lateCancelled,rescheduled,booked,"
                        + "checkedIn,withFinalStatus,noShowRatePercent,lateCancelRatePercent,cancelled_PATIENT_REQUEST,"
                        + "cancelled_PROVIDER_UNAVAILABLE,cancelled_PRACTICE,cancelled_OTHER,groupSessionId,serviceId,"
                        + "start,capacity,sessionStatus",
                "PRACTICE,,13,5,2,2,1,1,1,1,10,20.0,10.0,1,1,0,1,,,,,",
                "PROVIDER," + month.a + ",9,3,1,1,1,1,1,1,6,16.7,16.7,1,0,0,1,,,,,",
                "PROVIDER," + month.b + ",4,2,1,1,0,0,0,0,4,25.0,0.0,0,1,0,0,,,,,");
        assertCsv(api.get(month.practice.admin, "/api/v1/reports/waitlist" + DECEMBER + "&format=csv"),
                "scope,providerId,entriesAdded,entriesFulfilled,entriesRemoved,waitToFillMedian,waitToFillP90,"
                        + "offersMade,offersAccepted,offersDeclined,offersExpired,offersWithdrawn,offersPending,"
                        + "acceptanceRatePercent,slotsRebooked,timeToRebookMedian",
                "PRACTICE,,5,2,2,PT62H45M,PT111H45M,4,2,1,1,0,0,50.0,2,PT45M",
                "PROVIDER," + month.a + ",,1,,PT1H30M,PT1H30M,3,1,1,1,0,0,33.3,1,PT30M",
                "PROVIDER," + month.b + ",,1,,PT124H,PT124H,1,1,0,0,0,0,100.0,1,PT1H");

        String everything = utilization + " " + attendance + " " + waitlist;
        for (String patientId : month.patients) {
            assertThat(everything).doesNotContain(patientId);
        }
    }

    @Test
    void reportTablesDroppedAndRebuiltFromTheEventsGiveTheSameFigures() {
        Month month = knownMonth();
        List<String> before = allReports(month);

        for (String table : List.of("report_practice", "report_provider", "report_working_hours", "report_time_off",
                "report_appointment", "report_waitlist_entry", "report_offer", "report_freed_time",
                "report_rebooking")) {
            jdbc.update("delete from " + table);
        }
        assertThat(report(month, "no-shows").path("practice").path("appointments").asLong())
                .as("the figures come from the report's own tables").isZero();
        Api.Response rebuild = api.post(month.practice.admin, "/api/v1/admin/projections/reports/rebuild", null);
        assertThat(rebuild.status()).as(rebuild.toString()).isEqualTo(202);
        awaitProjectionsCaughtUp(month.practice);

        assertThat(allReports(month)).isEqualTo(before);
    }

    @Test
    void badRangesAndFormatsAreRefused() {
        PracticeFixture practice = newPractice();
        assertSlug(api.get(practice.analyst, "/api/v1/reports/utilization?from=2026-12-31&to=2026-12-01"),
                400, "validation-failed");
        assertSlug(api.get(practice.analyst, "/api/v1/reports/no-shows?from=2026-01-01&to=2027-01-02"),
                400, "validation-failed");
        assertSlug(api.get(practice.analyst, "/api/v1/reports/waitlist?from=2026-12-01"), 400,
                "validation-failed");
        assertSlug(api.get(practice.analyst, "/api/v1/reports/waitlist?from=2026-12-01&to=yesterday"), 400,
                "validation-failed");
        assertSlug(api.get(practice.analyst, "/api/v1/reports/waitlist" + DECEMBER + "&format=xlsx"), 400,
                "validation-failed");
        JsonNode empty = api.get(practice.analyst, "/api/v1/reports/utilization?from=2026-01-01&to=2026-12-31")
                .body();
        assertThat(empty.path("timeZone").asText()).as("UTC until the practice sets its zone").isEqualTo("UTC");
        assertThat(empty.path("practice").path("days")).hasSize(365);
        assertThat(empty.path("practice").path("total").path("utilizationPercent").isNull()).isTrue();
    }

    /** The month's practice: its two providers and every patient's id. */
    private record Month(PracticeFixture practice, String a, String b, List<String> patients) {
    }

    /**
     * December 2026 in New York, its events stamped by the test clock. Set up on 23 November: provider A works
     * Monday to Friday 09:00–12:00 and 13:00–17:00 with the 24th off, B Tuesdays and Thursdays 10:00–14:00;
     * services S1 (50 + 10 minutes) and S2 (30). Waitlist entries are narrow enough that only the freed time
     * meant for them suits them.
     */
    private Month knownMonth() {
        PracticeFixture practice = newPractice().settings("America/New_York");
        String s1 = practice.service(50, 10);
        String s2 = practice.service(30, 0);
        String a = practice.provider();
        String b = practice.provider();
        workingHours(practice, a, Stream.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")
                .flatMap(day -> Stream.of(interval(day, "09:00", "12:00"), interval(day, "13:00", "17:00"))).toList());
        workingHours(practice, b, List.of(interval("TUESDAY", "10:00", "14:00"), interval("THURSDAY", "10:00",
                "14:00")));
        timeOff(practice, a, "2026-12-24T09:00", "2026-12-24T17:00");
        String laterRemoved = timeOff(practice, a, "2026-12-10T13:00", "2026-12-10T15:00");
        List<String> patients = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            patients.add(practice.patient("Patient", "Number" + i));
        }
        String a1 = practice.booked(patients.get(0), a, s1, local("2026-12-01T09:00"));
        String a2 = practice.booked(patients.get(1), a, s1, local("2026-12-01T10:00"));
        String a3 = practice.booked(patients.get(2), a, s1, local("2026-12-02T09:00"));
        String a4 = practice.booked(patients.get(3), a, s2, local("2026-12-02T13:00"));
        String a5 = practice.booked(patients.get(4), a, s1, local("2026-12-03T09:00"));
        String a6 = practice.booked(patients.get(5), a, s2, local("2026-12-07T09:00"));
        practice.booked(patients.get(6), a, s1, local("2026-12-30T09:00"));
        String b1 = practice.booked(patients.get(7), b, s2, local("2026-12-01T10:00"));
        String b2 = practice.booked(patients.get(8), b, s1, local("2026-12-03T10:00"));
        String b3 = practice.booked(patients.get(9), b, s2, local("2026-12-08T10:00"));
        String w0 = entry(practice, patients.get(10), s1, List.of(), "MONDAY", "09:00", "17:00", "2027-01-10");

        at("2026-12-01T06:00");
        String w1 = entry(practice, patients.get(11), s1, List.of(a), "WEDNESDAY", "09:00", "10:00", "2026-12-02");
        entry(practice, patients.get(12), s2, List.of(b), "MONDAY", "06:00", "07:00", "2026-12-28");
        String w3 = entry(practice, patients.get(13), s1, List.of(a), "THURSDAY", "09:00", "10:00", "2026-12-03");
        String w4 = entry(practice, patients.get(14), s2, List.of(a), "WEDNESDAY", "13:00", "14:00", "2026-12-02");
        String w5 = entry(practice, patients.get(15), s2, List.of(b), "TUESDAY", "10:00", "11:00", "2026-12-08");

        at("2026-12-01T07:00");
        cancel(practice, a3, "PATIENT_REQUEST", "CANCELLED");
        String o1 = awaitOffer(practice, w1);
        at("2026-12-01T07:30");
        String a3w = accept(practice, o1);
        at("2026-12-01T08:00");
        Api.Response moved = api.post(practice.scheduler, "/api/v1/appointments/" + a5 + "/reschedule",
                Map.of("start", local("2026-12-04T09:00")));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        String a5r = moved.id();
        String o3 = awaitOffer(practice, w3);
        at("2026-12-01T08:10");
        assertThat(api.post(practice.scheduler, "/api/v1/waitlist/offers/" + o3 + "/decline", null).status())
                .isEqualTo(200);
        at("2026-12-01T10:00");
        visit(practice, a1, "check-in", "complete");
        visit(practice, b1, "check-in", "complete");
        at("2026-12-01T11:00");
        visit(practice, a2, "no-show");

        at("2026-12-02T08:00");
        cancel(practice, a4, "OTHER", "LATE_CANCELLED");
        String o4 = awaitOffer(practice, w4);
        at("2026-12-02T09:55");
        visit(practice, a3w, "check-in", "complete");
        at("2026-12-02T10:01");
        Awaitility.await().atMost(EVENTUALLY).until(() -> offerStatus(practice, w4, o4).equals("EXPIRED"));

        at("2026-12-03T11:00");
        visit(practice, b2, "no-show");
        at("2026-12-04T10:00");
        visit(practice, a5r, "check-in", "complete");
        at("2026-12-05T09:00");
        assertThat(api.delete(practice.scheduler, "/api/v1/waitlist/" + w0).status()).isEqualTo(204);
        at("2026-12-06T09:00");
        cancel(practice, b3, "PROVIDER_UNAVAILABLE", "CANCELLED");
        String o5 = awaitOffer(practice, w5);
        at("2026-12-06T10:00");
        String b3w = accept(practice, o5);
        at("2026-12-07T09:10");
        visit(practice, a6, "check-in");
        at("2026-12-08T11:00");
        visit(practice, b3w, "check-in", "complete");
        at("2026-12-09T09:00");
        assertThat(api.delete(practice.admin, "/api/v1/providers/" + a + "/time-off/" + laterRemoved).status())
                .isEqualTo(204);
        at("2026-12-14T10:00");
        workingHours(practice, b, Stream.of("TUESDAY", "WEDNESDAY", "THURSDAY")
                .map(day -> interval(day, "10:00", "14:00")).toList());
        at("2026-12-14T10:05");
        assertThat(api.delete(practice.scheduler, "/api/v1/waitlist/" + w4).status()).isEqualTo(204);

        awaitProjectionsCaughtUp(practice);
        return new Month(practice, a, b, patients);
    }

    private void at(String localTime) {
        clock.set(LocalDateTime.parse(localTime).atZone(NEW_YORK).toInstant());
    }

    private static String local(String localTime) {
        return LocalDateTime.parse(localTime).atZone(NEW_YORK).toOffsetDateTime().toString();
    }

    private static Map<String, String> interval(String day, String start, String end) {
        return Map.of("dayOfWeek", day, "start", start, "end", end);
    }

    private void workingHours(PracticeFixture practice, String providerId, List<Map<String, String>> weekly) {
        Api.Response response = api.put(practice.admin, "/api/v1/providers/" + providerId + "/working-hours",
                Map.of("weekly", weekly));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    private String timeOff(PracticeFixture practice, String providerId, String start, String end) {
        Api.Response response = api.post(practice.admin, "/api/v1/providers/" + providerId + "/time-off",
                Map.of("start", local(start), "end", local(end), "reason", "away"));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.id();
    }

    /** An entry that suits only {@code day}'s window on {@code date} (or, with a later date, nothing this month). */
    private String entry(PracticeFixture practice, String patientId, String serviceId, List<String> providerIds,
                         String day, String start, String end, String date) {
        Api.Response response = api.post(practice.scheduler, "/api/v1/waitlist", Map.of("patientId", patientId,
                "serviceId", serviceId, "providerIds", providerIds, "windows", List.of(interval(day, start, end)),
                "notBefore", date, "notAfter", date));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.id();
    }

    private void cancel(PracticeFixture practice, String appointmentId, String reason, String status) {
        Api.Response response = api.post(practice.scheduler, "/api/v1/appointments/" + appointmentId + "/cancel",
                Map.of("reason", reason));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body().path("status").asText()).isEqualTo(status);
    }

    private void visit(PracticeFixture practice, String appointmentId, String... steps) {
        for (String step : steps) {
            Api.Response response = api.post(practice.scheduler, "/api/v1/appointments/" + appointmentId + "/"
                    + step, null);
            assertThat(response.status()).as(step + " " + response).isEqualTo(200);
        }
    }

    /** The matcher's one offer to {@code entryId}, once made. */
    private String awaitOffer(PracticeFixture practice, String entryId) {
        JsonNode offers = Awaitility.await().atMost(EVENTUALLY).until(() -> api.get(practice.scheduler,
                "/api/v1/waitlist/" + entryId).body().path("offers"), found -> found.size() == 1);
        return offers.get(0).path("id").asText();
    }

    private String offerStatus(PracticeFixture practice, String entryId, String offerId) {
        for (JsonNode offer : api.get(practice.scheduler, "/api/v1/waitlist/" + entryId).body().path("offers")) {
            if (offer.path("id").asText().equals(offerId)) {
                return offer.path("status").asText();
            }
        }
        return "";
    }

    private String accept(PracticeFixture practice, String offerId) {
        Api.Response response = api.post(practice.scheduler, "/api/v1/waitlist/offers/" + offerId + "/accept", null);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body().path("appointmentId").asText();
    }

    private JsonNode report(Month month, String name) {
        Api.Response response = api.get(month.practice.analyst, "/api/v1/reports/" + name + DECEMBER);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    private List<String> allReports(Month month) {
        List<String> reports = new ArrayList<>();
        for (String name : List.of("utilization", "no-shows", "waitlist")) {
            reports.add(report(month, name).toString());
            reports.add(api.get(month.practice.analyst, "/api/v1/reports/" + name + DECEMBER + "&format=csv").text());
        }
        return reports;
    }

    /** The header, the practice's line, then the providers' lines (in the order they were registered). */
    private static void assertCsv(Api.Response csv, String header, String practice, String... providers) {
        assertThat(csv.status()).isEqualTo(200);
        List<String> lines = csv.text().lines().toList();
        assertThat(lines).hasSize(2 + providers.length);
        assertThat(lines.subList(0, 2)).containsExactly(header, practice);
        // registered at the same instant of the test clock: their order is by id
        assertThat(lines.subList(2, lines.size())).containsExactlyInAnyOrder(providers);
    }

    private static JsonNode provider(JsonNode report, String providerId) {
        for (JsonNode provider : report.path("providers")) {
            if (provider.path("providerId").asText().equals(providerId)) {
                return provider;
            }
        }
        throw new AssertionError("no line for provider " + providerId + " in " + report);
    }

    /** "from..to available/booked/completed utilization" */
    private static String figures(JsonNode period) {
        return period.path("from").asText() + ".." + period.path("to").asText() + " "
                + period.path("availableMinutes").asLong() + "/" + period.path("bookedMinutes").asLong() + "/"
                + period.path("completedMinutes").asLong() + " " + period.path("utilizationPercent").asText();
    }

    private static String days(JsonNode utilization, String field) {
        List<String> values = new ArrayList<>();
        utilization.path("days").forEach(day -> values.add(day.path(field).asText()));
        return String.join(" ", values);
    }

    private static String attendance(JsonNode a) {
        return a.path("appointments").asLong() + ": " + a.path("completed").asLong() + " done, "
                + a.path("noShow").asLong() + " no-show, " + a.path("cancelled").asLong() + " cancelled, "
                + a.path("lateCancelled").asLong() + " late, " + a.path("rescheduled").asLong() + " moved, "
                + a.path("booked").asLong() + " booked, " + a.path("checkedIn").asLong() + " in; "
                + a.path("withFinalStatus").asLong() + " final, " + a.path("noShowRatePercent").asText()
                + "% no-show, " + a.path("lateCancelRatePercent").asText() + "% late; "
                + Api.JSON.convertValue(a.path("cancellationsByReason"), Map.class);
    }

    private static String waitlist(JsonNode w) {
        return "+" + w.path("entriesAdded").asText("null") + " =" + w.path("entriesFulfilled").asLong() + " -"
                + w.path("entriesRemoved").asText("null") + " wait " + w.path("waitToFillMedian").asText() + "/"
                + w.path("waitToFillP90").asText() + "; offers " + w.path("offersMade").asLong() + ": "
                + w.path("offersAccepted").asLong() + " accepted, " + w.path("offersDeclined").asLong()
                + " declined, " + w.path("offersExpired").asLong() + " expired, "
                + w.path("offersWithdrawn").asLong() + " withdrawn, " + w.path("offersPending").asLong()
                + " pending, " + w.path("acceptanceRatePercent").asText() + "%; rebooked "
                + w.path("slotsRebooked").asLong() + " in " + w.path("timeToRebookMedian").asText();
    }
}
