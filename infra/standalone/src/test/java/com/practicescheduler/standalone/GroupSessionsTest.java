package com.practicescheduler.standalone;

import static com.practicescheduler.standalone.AppointmentsTest.assertSlug;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Group sessions over HTTP (issue 18): a group service has a capacity; a session reserves the provider's time once
 * by the rules of a booking; patients take seats, each an appointment of its own, never more than the capacity.
 */
class GroupSessionsTest extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    /** A Tuesday, 10:00 in New York: the session runs 90 minutes with a 15-minute buffer, until 11:45. */
    private static final String TEN = "2026-12-01T10:00:00-05:00";

    @Test
    void aGroupServiceHasItsCapacityAndASessionReservesTheProvidersTimeLikeABooking() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String group = groupService(practice, 8);

        JsonNode services = api.get(practice.analyst, "/api/v1/services").body().path("services");
        assertThat(services).extracting(n -> n.path("id").asText() + " " + n.path("capacity").asInt())
                .containsExactlyInAnyOrder(s.serviceId() + " 1", group + " 8"); // defined at one instant
        for (Object capacity : List.of(0, 101, -1, "many")) {
            assertSlug(api.post(practice.admin, "/api/v1/services", Map.of("name", "Group", "durationMinutes", 90,
                    "capacity", capacity)), 400, "validation-failed");
        }

        assertSlug(session(practice, s.providerId(), s.serviceId(), TEN), 400, "validation-failed");
        Api.Response created = session(practice, s.providerId(), group, TEN);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/group-sessions/" + created.id());
        JsonNode body = created.body();
        assertThat(body.path("providerId").asText()).isEqualTo(s.providerId());
        assertThat(body.path("serviceId").asText()).isEqualTo(group);
        assertThat(body.path("start").asText()).isEqualTo(TEN);
        assertThat(body.path("end").asText()).isEqualTo("2026-12-01T11:30:00-05:00");
        assertThat(body.path("capacity").asInt()).isEqualTo(8);
        assertThat(body.path("seatsTaken").asInt()).isZero();
        assertThat(body.path("status").asText()).isEqualTo("SCHEDULED");

        // the session's time, buffer included, is taken for anything else of the provider
        assertSlug(practice.book(s.patientId(), s.providerId(), s.serviceId(), "2026-12-01T11:30:00-05:00"),
                409, "slot-unavailable");
        assertSlug(session(practice, s.providerId(), group, "2026-12-01T09:00:00-05:00"), 409, "slot-unavailable");
        assertSlug(session(practice, s.providerId(), group, "2026-12-01T16:00:00-05:00"), 422,
                "outside-working-hours");
        assertSlug(session(practice, s.providerId(), group, "2026-11-20T10:00:00-05:00"), 422, "in-the-past");
        assertSlug(session(practice, "no-such-provider", group, TEN), 404, "not-found");
        Api.Response timeOff = api.post(practice.admin, "/api/v1/providers/" + s.providerId() + "/time-off",
                Map.of("start", "2026-12-01T11:00:00-05:00", "end", "2026-12-01T12:00:00-05:00"));
        assertSlug(timeOff, 409, "conflicts-with-appointments");
        assertThat(timeOff.body().path("appointmentIds")).extracting(JsonNode::asText).containsExactly(created.id());
        assertThat(slots(practice, s.serviceId(), "2026-12-01")).extracting(n -> n.path("start").asText())
                .as("individual slots that day").contains("2026-12-01T09:00:00-05:00")
                .noneMatch(start -> start.compareTo("2026-12-01T09:00:00-05:00") > 0
                        && start.compareTo("2026-12-01T11:45:00-05:00") < 0)
                .contains("2026-12-01T11:45:00-05:00");
    }

    @Test
    void patientsTakeSeatsUntilTheSessionIsFullAndAFreedSeatCanBeTakenAgain() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String group = groupService(practice, 2);
        String sessionId = session(practice, s.providerId(), group, TEN).id();
        String grace = practice.patient("Grace", "Hopper");
        String alan = practice.patient("Alan", "Turing");

        Api.Response first = enrol(practice, sessionId, s.patientId());
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        String seat = first.body().path("appointmentId").asText();
        assertThat(first.headers().firstValue("Location")).hasValue("/api/v1/appointments/" + seat);
        assertSlug(enrol(practice, sessionId, s.patientId()), 409, "already-enrolled");
        String second = enrol(practice, sessionId, grace).body().path("appointmentId").asText();
        assertSlug(enrol(practice, sessionId, alan), 409, "session-full");
        assertSlug(enrol(practice, sessionId, "no-such-patient"), 404, "not-found");
        assertSlug(enrol(practice, "no-such-session", alan), 404, "not-found");

        JsonNode appointment = api.get(practice.scheduler, "/api/v1/appointments/" + seat).body();
        assertThat(appointment.path("groupSessionId").asText()).isEqualTo(sessionId);
        assertThat(appointment.path("start").asText()).isEqualTo(TEN);
        assertThat(appointment.path("status").asText()).isEqualTo("BOOKED");
        JsonNode detail = api.get(practice.scheduler, "/api/v1/group-sessions/" + sessionId).body();
        assertThat(detail.path("seatsTaken").asInt()).isEqualTo(2);
        assertThat(detail.path("participants")).extracting(p -> p.path("appointmentId").asText() + " "
                        + p.path("patientId").asText() + " " + p.path("patientName").asText() + " "
                        + p.path("status").asText())
                .containsExactlyInAnyOrder(seat + " " + s.patientId() + " Ada Lovelace BOOKED",
                        second + " " + grace + " Grace Hopper BOOKED");
        assertThat(slots(practice, group, "2026-12-01")).as("a full session is not offered").isEmpty();

        // a seat has its own lifecycle; it cannot be moved (its time is the session's)
        assertSlug(api.post(practice.scheduler, "/api/v1/appointments/" + second + "/reschedule",
                Map.of("start", "2026-12-02T10:00:00-05:00")), 409, "invalid-transition");
        assertThat(api.post(practice.scheduler, "/api/v1/appointments/" + second + "/check-in", null).body()
                .path("status").asText()).isEqualTo("CHECKED_IN");

        // cancelling a seat frees it, and only it: the provider's time stays the session's
        Api.Response cancelled = api.post(practice.scheduler, "/api/v1/appointments/" + seat + "/cancel",
                Map.of("reason", "PATIENT_REQUEST"));
        assertThat(cancelled.body().path("status").asText()).isEqualTo("CANCELLED");
        List<JsonNode> offered = slots(practice, group, "2026-12-01");
        assertThat(offered).hasSize(1);
        assertThat(offered.get(0).path("groupSessionId").asText()).isEqualTo(sessionId);
        assertThat(offered.get(0).path("seatsLeft").asInt()).isEqualTo(1);
        assertThat(offered.get(0).path("start").asText()).isEqualTo(TEN);
        assertThat(offered.get(0).path("providerId").asText()).isEqualTo(s.providerId());
        assertSlug(practice.book(grace, s.providerId(), s.serviceId(), TEN), 409, "slot-unavailable");
        assertThat(slots(practice, s.serviceId(), "2026-12-01")).extracting(n -> n.path("start").asText())
                .doesNotContain(TEN, "2026-12-01T10:45:00-05:00");
        assertThat(enrol(practice, sessionId, alan).status()).isEqualTo(201);
        assertThat(api.get(practice.scheduler, "/api/v1/group-sessions/" + sessionId).body()
                .path("seatsTaken").asInt()).isEqualTo(2);
    }

    @Test
    void cancellingTheSessionCancelsItsBookedSeatsAndReleasesTheProvidersTime() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String group = groupService(practice, 4);
        String sessionId = session(practice, s.providerId(), group, TEN).id();
        String grace = practice.patient("Grace", "Hopper");
        String seat = enrol(practice, sessionId, s.patientId()).body().path("appointmentId").asText();
        String other = enrol(practice, sessionId, grace).body().path("appointmentId").asText();

        Api.Response cancelled = api.post(practice.scheduler, "/api/v1/group-sessions/" + sessionId + "/cancel",
                Map.of("reason", "PROVIDER_UNAVAILABLE"));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.body().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.body().path("seatsTaken").asInt()).isZero();

        for (String appointment : List.of(seat, other)) {
            assertThat(api.get(practice.scheduler, "/api/v1/appointments/" + appointment).body().path("status")
                    .asText()).isEqualTo("CANCELLED");
        }
        JsonNode detail = api.get(practice.scheduler, "/api/v1/group-sessions/" + sessionId).body();
        assertThat(detail.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(detail.path("participants")).extracting(p -> p.path("status").asText())
                .containsExactly("CANCELLED", "CANCELLED");
        assertSlug(api.post(practice.scheduler, "/api/v1/group-sessions/" + sessionId + "/cancel",
                Map.of("reason", "OTHER")), 409, "invalid-transition");
        assertSlug(enrol(practice, sessionId, practice.patient("Alan", "Turing")), 409, "invalid-transition");
        assertThat(slots(practice, group, "2026-12-01")).isEmpty();
        assertThat(practice.book(grace, s.providerId(), s.serviceId(), TEN).status())
                .as("the provider's time is free again").isEqualTo(201);
        assertSlug(api.post(practice.scheduler, "/api/v1/group-sessions/" + sessionId + "/cancel",
                Map.of("reason", "NOT_A_REASON")), 400, "validation-failed");
    }

    @Test
    void aCancelledSeatReleasesNoProviderTimeButACancelledSessionOffersItsTimeToTheWaitlist() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String group = groupService(practice, 2);
        String sessionId = session(practice, s.providerId(), group, TEN).id();
        String seat = enrol(practice, sessionId, s.patientId()).body().path("appointmentId").asText();
        String waiting = api.post(practice.scheduler, "/api/v1/waitlist", Map.of("patientId",
                practice.patient("Grace", "Hopper"), "serviceId", s.serviceId(), "windows",
                List.of(Map.of("dayOfWeek", "TUESDAY", "start", "08:00", "end", "18:00")))).id();

        assertThat(api.post(practice.scheduler, "/api/v1/appointments/" + seat + "/cancel",
                Map.of("reason", "PATIENT_REQUEST")).status()).isEqualTo(200);
        Integer released = jdbc.queryForObject("""
                select count(*) from domain_event_entry
                where payload_type = 'com.practicescheduler.api.provider.ReservationReleasedEvent'
                  and aggregate_identifier = ?
                """, Integer.class, s.providerId());
        assertThat(released).as("provider time released by cancelling a seat").isZero();

        api.post(practice.scheduler, "/api/v1/group-sessions/" + sessionId + "/cancel", Map.of("reason", "PRACTICE"));
        Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(api.get(practice.scheduler,
                "/api/v1/waitlist/" + waiting).body().path("offers")).extracting(o -> o.path("start").asText())
                .as("the session's freed time, offered once").containsExactly(TEN));
    }

    @Test
    void aFreedSeatIsOfferedToTheBestEntryOfTheGroupServiceHeldForItAndTakenWhenAccepted() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        FullSession full = fullSessionOfTwo(practice, s);
        String group = full.group();
        String sessionId = full.sessionId();
        String seat = full.seat();
        // a therapy entry of higher priority waits for free time, not for a seat
        String therapy = practice.waiting(practice.patient("Walk", "In"), s.serviceId(), Map.of("priority", "URGENT"));
        String routine = practice.waiting(practice.patient("Alan", "Turing"), group, Map.of("priority", "ROUTINE"));
        String high = practice.waiting(practice.patient("Edsger", "Dijkstra"), group, Map.of("priority", "HIGH"));

        practice.cancelled(seat);

        JsonNode offer = practice.awaitOffer(high, 0);
        assertThat(offer.path("status").asText()).isEqualTo("PENDING");
        assertThat(offer.path("groupSessionId").asText()).isEqualTo(sessionId);
        assertThat(offer.path("start").asText()).isEqualTo(TEN);
        assertThat(offer.path("providerId").asText()).isEqualTo(s.providerId());
        assertThat(offer.path("reason").path("madeBy").asText()).isEqualTo("MATCHER");
        assertThat(offer.path("reason").path("criteria").path(0).asText())
                .isEqualTo("a seat freed in group session " + sessionId + " of DBT skills group (2 seats)");
        for (String other : List.of(routine, therapy)) {
            assertThat(api.get(practice.scheduler, "/api/v1/waitlist/" + other).body().path("offers")).isEmpty();
        }
        // held: the seat is nobody else's meanwhile (the sessions' read model follows the offer's on its own time)
        Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> {
            JsonNode held = api.get(practice.scheduler, "/api/v1/group-sessions/" + sessionId).body();
            assertThat(held.path("seatsTaken").asInt()).isEqualTo(1);
            assertThat(held.path("seatsHeld").asInt()).isEqualTo(1);
            assertThat(held.path("seatsLeft").asInt()).isZero();
        });
        assertThat(slots(practice, group, "2026-12-01")).as("no seat left to list").isEmpty();
        assertSlug(enrol(practice, sessionId, practice.patient("Barbara", "Liskov")), 409, "session-full");

        Api.Response accepted = api.post(practice.scheduler, "/api/v1/waitlist/offers/" + offer.path("id").asText()
                + "/accept", null);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        String appointmentId = accepted.body().path("appointmentId").asText();
        JsonNode appointment = api.get(practice.scheduler, "/api/v1/appointments/" + appointmentId).body();
        assertThat(appointment.path("groupSessionId").asText()).isEqualTo(sessionId);
        assertThat(appointment.path("source").asText()).isEqualTo("WAITLIST");
        assertThat(appointment.path("start").asText()).isEqualTo(TEN);
        JsonNode taken = api.get(practice.scheduler, "/api/v1/group-sessions/" + sessionId).body();
        assertThat(taken.path("seatsTaken").asInt()).isEqualTo(2);
        assertThat(taken.path("seatsHeld").asInt()).isZero();
        assertThat(taken.path("participants")).extracting(p -> p.path("appointmentId").asText())
                .contains(appointmentId);
        assertThat(api.get(practice.scheduler, "/api/v1/waitlist/" + high).body().path("status").asText())
                .isEqualTo("FULFILLED");
        assertThat(api.get(practice.scheduler, "/api/v1/waitlist/" + routine).body().path("offers")).isEmpty();
        Integer reserved = jdbc.queryForObject("""
                select count(*) from domain_event_entry
                where aggregate_identifier = ? and payload_type like '%Reserv%'
                """, Integer.class, s.providerId());
        assertThat(reserved).as("the provider's time: the session's one reservation, nothing for the seat")
                .isEqualTo(1);
        // the cancellation's audit entry names the patient whose seat it was
        Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(api.get(practice.compliance,
                "/api/v1/audit?action=CancelAppointment&patientId=" + s.patientId()).body().path("entries"))
                .extracting(e -> e.path("resourceId").asText()).containsExactly(seat));
    }

    @Test
    void aDeclinedExpiredOrRemovedSeatOfferPassesTheSeatToTheNextEntry() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        FullSession full = fullSessionOfTwo(practice, s);
        String group = full.group();
        String sessionId = full.sessionId();
        String seat = full.seat();
        String first = practice.waiting(practice.patient("First", "InLine"), group, Map.of("priority", "URGENT"));
        String second = practice.waiting(practice.patient("Second", "InLine"), group, Map.of("priority", "HIGH"));
        String third = practice.waiting(practice.patient("Third", "InLine"), group, Map.of("priority", "ROUTINE"));
        String fourth = practice.waiting(practice.patient("Fourth", "InLine"), group, Map.of("priority", "ROUTINE"));
        practice.cancelled(seat);

        String declined = practice.awaitOffer(first, 0).path("id").asText();
        assertThat(api.post(practice.scheduler, "/api/v1/waitlist/offers/" + declined + "/decline", null).status())
                .isEqualTo(200);
        JsonNode next = practice.awaitOffer(second, 0);
        assertThat(next.path("groupSessionId").asText()).isEqualTo(sessionId);
        assertThat(next.path("reason").path("skipped")).extracting(JsonNode::asText)
                .containsExactly("entry " + first + " (URGENT): declined this slot before");

        // the entry is removed: its offer withdrawn, the seat passed on
        assertThat(api.delete(practice.scheduler, "/api/v1/waitlist/" + second).status()).isEqualTo(204);
        JsonNode thirdOffer = practice.awaitOffer(third, 0);

        // the offer runs out: its deadline records the expiry, and the seat goes on again
        clock.advance(Duration.ofHours(3));
        JsonNode fourthOffer = practice.awaitOffer(fourth, 0);
        assertThat(fourthOffer.path("groupSessionId").asText()).isEqualTo(sessionId);
        assertThat(api.get(practice.scheduler, "/api/v1/waitlist/" + third).body().path("offers"))
                .extracting(o -> o.path("id").asText() + " " + o.path("status").asText())
                .containsExactly(thirdOffer.path("id").asText() + " EXPIRED");
        Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(api.get(practice.scheduler,
                "/api/v1/group-sessions/" + sessionId).body().path("seatsHeld").asInt()).isEqualTo(1));
    }

    @Test
    void cancellingASessionWithdrawsItsSeatOffersWhichThenAnswerSlotUnavailable() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        FullSession full = fullSessionOfTwo(practice, s);
        String group = full.group();
        String sessionId = full.sessionId();
        String seat = full.seat();
        String waiting = practice.waiting(practice.patient("Grace", "Hopper"), group, Map.of("priority", "ROUTINE"));
        practice.cancelled(seat);
        String offerId = practice.awaitOffer(waiting, 0).path("id").asText();

        assertThat(api.post(practice.scheduler, "/api/v1/group-sessions/" + sessionId + "/cancel",
                Map.of("reason", "PROVIDER_UNAVAILABLE")).status()).isEqualTo(200);

        Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> {
            JsonNode entry = api.get(practice.scheduler, "/api/v1/waitlist/" + waiting).body();
            assertThat(entry.path("status").asText()).isEqualTo("WAITING");
            assertThat(entry.path("offers").path(0).path("status").asText()).isEqualTo("WITHDRAWN");
            assertThat(entry.path("offers").path(0).path("withdrawnBecause").asText())
                    .isEqualTo("the group session was cancelled");
        });
        assertSlug(api.post(practice.scheduler, "/api/v1/waitlist/offers/" + offerId + "/accept", null), 409,
                "slot-unavailable");
    }

    /** A group service of two seats, a session of it at ten, both seats taken: {@code seat} is the first. */
    private FullSession fullSessionOfTwo(PracticeFixture practice, PracticeFixture.Setup s) {
        String group = groupService(practice, 2);
        String sessionId = session(practice, s.providerId(), group, TEN).id();
        String seat = enrol(practice, sessionId, s.patientId()).body().path("appointmentId").asText();
        assertThat(enrol(practice, sessionId, practice.patient("Ada", "Byron")).status()).isEqualTo(201);
        return new FullSession(group, sessionId, seat);
    }

    private record FullSession(String group, String sessionId, String seat) {
    }




    @Test
    void enrolmentsReadsAndTheCancellationOfASessionAreAuditedWithTheirPatients() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String group = groupService(practice, 2);
        String sessionId = session(practice, s.providerId(), group, TEN).id();
        enrol(practice, sessionId, s.patientId());
        enrol(practice, sessionId, s.patientId()); // refused: already enrolled
        assertThat(api.get(practice.compliance, "/api/v1/group-sessions/" + sessionId).status()).isEqualTo(200);
        assertSlug(api.get(practice.analyst, "/api/v1/group-sessions/" + sessionId), 403, "forbidden");
        assertThat(api.post(practice.scheduler, "/api/v1/group-sessions/" + sessionId + "/cancel",
                Map.of("reason", "PRACTICE")).status()).isEqualTo(200);

        Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> {
            JsonNode entries = api.get(practice.compliance, "/api/v1/audit?patientId=" + s.patientId())
                    .body().path("entries");
            List<String> seen = StreamSupport.stream(entries.spliterator(), false)
                    .map(e -> e.path("action").asText() + " " + e.path("outcome").asText() + " "
                            + e.path("resourceType").asText() + " " + e.path("resourceId").asText())
                    .toList();
            assertThat(seen).contains("EnrolParticipant SUCCESS GroupSession " + sessionId,
                    "EnrolParticipant REJECTED GroupSession " + sessionId,
                    "ReadGroupSession SUCCESS GroupSession " + sessionId,
                    "CancelGroupSession SUCCESS GroupSession " + sessionId);
        });
        Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(api.get(practice.compliance,
                "/api/v1/audit?action=ScheduleGroupSession").body().path("entries")).extracting(
                e -> e.path("resourceId").asText() + " " + e.path("outcome").asText())
                .contains(sessionId + " SUCCESS"));
    }

    @Test
    void reportsCountASessionsTimeOnceAndEachSeatsAttendanceWithoutNamingPatients() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String group = groupService(practice, 4);
        String sessionId = session(practice, s.providerId(), group, TEN).id();
        String cancelledSession = session(practice, s.providerId(), group, "2026-12-01T14:00:00-05:00").id();
        List<String> seats = new java.util.ArrayList<>();
        for (String patient : List.of(s.patientId(), practice.patient("Grace", "Hopper"),
                practice.patient("Alan", "Turing"))) {
            seats.add(enrol(practice, sessionId, patient).body().path("appointmentId").asText());
        }
        enrol(practice, cancelledSession, s.patientId());
        api.post(practice.scheduler, "/api/v1/group-sessions/" + cancelledSession + "/cancel",
                Map.of("reason", "PRACTICE"));
        clock.set(java.time.Instant.parse("2026-12-01T16:00:00Z")); // 11:00 in New York, the session under way
        for (String seat : seats.subList(0, 2)) {
            assertThat(api.post(practice.scheduler, "/api/v1/appointments/" + seat + "/check-in", null).status())
                    .isEqualTo(200);
            assertThat(api.post(practice.scheduler, "/api/v1/appointments/" + seat + "/complete", null).status())
                    .isEqualTo(200);
        }
        assertThat(api.post(practice.scheduler, "/api/v1/appointments/" + seats.get(2) + "/no-show", null)
                .status()).isEqualTo(200);
        // each step's audit entry names the patient whose appointment it was
        Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(api.get(practice.compliance,
                "/api/v1/audit?patientId=" + s.patientId()).body().path("entries"))
                .filteredOn(e -> e.path("action").asText().startsWith("RecordVisitStep"))
                .extracting(e -> e.path("action").asText() + " " + e.path("resourceId").asText())
                .containsExactly("RecordVisitStep:COMPLETE " + seats.get(0),
                        "RecordVisitStep:CHECK_IN " + seats.get(0)));

        Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> {
            JsonNode utilization = api.get(practice.analyst,
                    "/api/v1/reports/utilization?from=2026-12-01&to=2026-12-01").body();
            assertThat(utilization.path("practice").path("total").path("bookedMinutes").asInt())
                    .as("the held session's 90 minutes once; its three seats and the cancelled session nothing")
                    .isEqualTo(90);
            assertThat(utilization.path("practice").path("total").path("completedMinutes").asInt()).isEqualTo(90);
        });
        Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> {
            Api.Response attendance = api.get(practice.analyst,
                    "/api/v1/reports/no-shows?from=2026-12-01&to=2026-12-01");
            JsonNode sessions = attendance.body().path("groupSessions");
            assertThat(sessions).extracting(n -> n.path("groupSessionId").asText() + " "
                    + n.path("status").asText())
                    .containsExactly(sessionId + " SCHEDULED", cancelledSession + " CANCELLED");
            JsonNode held = sessions.get(0);
            assertThat(held.path("capacity").asInt()).isEqualTo(4);
            assertThat(held.path("seats").path("completed").asInt()).isEqualTo(2);
            assertThat(held.path("seats").path("noShow").asInt()).isEqualTo(1);
            assertThat(held.path("participants")).extracting(JsonNode::asText)
                    .containsExactly("COMPLETED", "COMPLETED", "NO_SHOW");
            assertThat(attendance.text()).doesNotContain(s.patientId(), "Lovelace", seats.get(0));
        });
        String csv = api.get(practice.analyst, "/api/v1/reports/no-shows?from=2026-12-01&to=2026-12-01&format=csv")
                .text();
        assertThat(csv.lines().filter(line -> line.startsWith("GROUP_SESSION,")))
                .as("one row per session: its seats' figures (the cancelled session's seat cancelled by the practice),"
                        + " then the session")
                .containsExactly("GROUP_SESSION," + s.providerId() + ",3,2,1,0,0,0,0,0,3,33.3,0.0,0,0,0,0,"
                                + sessionId + "," + group + ",2026-12-01T15:00:00Z,4,SCHEDULED",
                        "GROUP_SESSION," + s.providerId() + ",1,0,0,1,0,0,0,0,1,0.0,0.0,0,0,1,0,"
                                + cancelledSession + "," + group + ",2026-12-01T19:00:00Z,4,CANCELLED");
        assertThat(csv).doesNotContain(s.patientId(), "Lovelace", seats.get(0));
    }

    @Test
    void aClinicianReadsOnlyTheirOwnSessions() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String group = groupService(practice, 2);
        String sessionId = session(practice, s.providerId(), group, TEN).id();
        String colleague = practice.provider();

        assertThat(api.get(practice.clinician(s.providerId()), "/api/v1/group-sessions/" + sessionId).status())
                .isEqualTo(200);
        assertSlug(api.get(practice.clinician(colleague), "/api/v1/group-sessions/" + sessionId), 403, "forbidden");
        assertSlug(enrol(practice.clinician(s.providerId()), sessionId, s.patientId()), 403, "forbidden");
    }

    // --- helpers

    static String groupService(PracticeFixture practice, int capacity, Api api) {
        Api.Response response = api.post(practice.admin, "/api/v1/services", Map.of("name", "DBT skills group",
                "durationMinutes", 90, "bufferMinutes", 15, "modality", "IN_PERSON", "capacity", capacity));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.id();
    }

    private String groupService(PracticeFixture practice, int capacity) {
        return groupService(practice, capacity, api);
    }

    private Api.Response session(PracticeFixture practice, String providerId, String serviceId, String start) {
        return api.post(practice.scheduler, "/api/v1/group-sessions", Map.of("providerId", providerId,
                "serviceId", serviceId, "start", start));
    }

    private Api.Response enrol(PracticeFixture practice, String sessionId, String patientId) {
        return enrol(practice.scheduler, sessionId, patientId);
    }

    private Api.Response enrol(String token, String sessionId, String patientId) {
        return api.post(token, "/api/v1/group-sessions/" + sessionId + "/participants",
                Map.of("patientId", patientId));
    }

    private List<JsonNode> slots(PracticeFixture practice, String serviceId, String day) {
        Api.Response response = api.get(practice.scheduler, "/api/v1/availability?serviceId=" + serviceId
                + "&from=" + day + "&to=" + day);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return StreamSupport.stream(response.body().path("slots").spliterator(), false).toList();
    }
}
