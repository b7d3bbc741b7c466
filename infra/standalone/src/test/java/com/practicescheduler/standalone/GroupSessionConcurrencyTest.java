package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Invariant 13: a group session never holds more seats than its capacity, whatever the concurrency. */
class GroupSessionConcurrencyTest extends IntegrationTest {

    private static final int CLIENTS = 30;
    private static final int CAPACITY = 8;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void thirtyConcurrentEnrolmentsIntoASessionOfEightGiveExactlyEightSeatsEveryTime() throws Exception {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String group = GroupSessionsTest.groupService(practice, CAPACITY, api);
        List<String> patients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            patients.add(practice.patient("Patient", "Number" + i));
        }
        // three sessions, one after the other: the same race run again must end the same way
        for (String start : List.of("2026-12-01T09:00:00-05:00", "2026-12-01T11:00:00-05:00",
                "2026-12-01T13:00:00-05:00")) {
            Api.Response session = api.post(practice.scheduler, "/api/v1/group-sessions", Map.of(
                    "providerId", s.providerId(), "serviceId", group, "start", start));
            assertThat(session.status()).as(session.toString()).isEqualTo(201);
            String sessionId = session.id();

            List<Api.Response> answers = enrolAllAtOnce(practice, sessionId, patients);

            assertThat(answers).filteredOn(r -> r.status() == 201).hasSize(CAPACITY);
            assertThat(answers).filteredOn(r -> r.status() == 409 && "session-full".equals(r.slug()))
                    .hasSize(CLIENTS - CAPACITY);
            Api.Response detail = api.get(practice.scheduler, "/api/v1/group-sessions/" + sessionId);
            assertThat(detail.body().path("seatsTaken").asInt()).isEqualTo(CAPACITY);
            assertThat(detail.body().path("participants")).hasSize(CAPACITY);
            Integer seats = jdbc.queryForObject("""
                    select count(*) from domain_event_entry
                    where payload_type = 'com.practicescheduler.api.groupsession.ParticipantEnrolledEvent'
                      and aggregate_identifier = ?
                    """, Integer.class, sessionId);
            assertThat(seats).as("ParticipantEnrolledEvents in the event store").isEqualTo(CAPACITY);
            Integer appointments = jdbc.queryForObject("""
                    select count(*) from domain_event_entry
                    where payload_type = 'com.practicescheduler.api.appointment.AppointmentBookedEvent'
                      and convert_from(payload, 'UTF8')::jsonb ->> 'groupSessionId' = ?
                    """, Integer.class, sessionId);
            assertThat(appointments).as("seats booked as appointments").isEqualTo(CAPACITY);
        }
    }

    /**
     * Seats cancelled, new patients enrolling and the session itself cancelled, all at once: every path locks the
     * session before its seats, so nothing deadlocks or fails, and the session ends cancelled with every seat.
     */
    @Test
    void cancellingSeatsEnrollingAndCancellingTheSessionAtOnceEndsConsistent() throws Exception {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String group = GroupSessionsTest.groupService(practice, CAPACITY, api);
        List<String> patients = new ArrayList<>();
        for (int i = 0; i < CAPACITY + 10; i++) {
            patients.add(practice.patient("Patient", "Number" + i));
        }
        String sessionId = api.post(practice.scheduler, "/api/v1/group-sessions", Map.of("providerId",
                s.providerId(), "serviceId", group, "start", "2026-12-01T09:00:00-05:00")).id();
        List<String> seats = new ArrayList<>();
        for (String patient : patients.subList(0, CAPACITY)) {
            seats.add(api.post(practice.scheduler, "/api/v1/group-sessions/" + sessionId + "/participants",
                    Map.of("patientId", patient)).body().path("appointmentId").asText());
        }

        List<java.util.concurrent.Callable<Api.Response>> requests = new ArrayList<>();
        for (String seat : seats) {
            requests.add(() -> new Api(port).post(practice.scheduler, "/api/v1/appointments/" + seat + "/cancel",
                    Map.of("reason", "PATIENT_REQUEST")));
        }
        for (String patient : patients.subList(CAPACITY, patients.size())) {
            requests.add(() -> new Api(port).post(practice.scheduler, "/api/v1/group-sessions/" + sessionId
                    + "/participants", Map.of("patientId", patient)));
        }
        requests.add(() -> new Api(port).post(practice.scheduler, "/api/v1/group-sessions/" + sessionId
                + "/cancel", Map.of("reason", "PRACTICE")));
        List<Api.Response> answers = allAtOnce(requests);

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.toString())
                .isIn(200, 201, 409));
        assertThat(answers.get(answers.size() - 1).status()).as("the session's cancellation").isEqualTo(200);
        Api.Response detail = api.get(practice.scheduler, "/api/v1/group-sessions/" + sessionId);
        assertThat(detail.body().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(detail.body().path("seatsTaken").asInt()).isZero();
        assertThat(detail.body().path("participants")).isNotEmpty()
                .allSatisfy(p -> assertThat(p.path("status").asText()).isEqualTo("CANCELLED"));
        assertThat(practice.book(s.patientId(), s.providerId(), s.serviceId(), "2026-12-01T09:00:00-05:00")
                .status()).as("the provider's time is free again").isEqualTo(201);
    }

    private List<Api.Response> allAtOnce(List<java.util.concurrent.Callable<Api.Response>> requests)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(requests.size());
        try {
            List<Future<Api.Response>> responses = new ArrayList<>();
            for (java.util.concurrent.Callable<Api.Response> request : requests) {
                responses.add(clients.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            List<Api.Response> answers = new ArrayList<>();
            for (Future<Api.Response> response : responses) {
                answers.add(response.get());
            }
            return answers;
        } finally {
            clients.shutdown();
        }
    }

    private List<Api.Response> enrolAllAtOnce(PracticeFixture practice, String sessionId, List<String> patients)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(patients.size());
        try {
            List<Future<Api.Response>> responses = new ArrayList<>();
            for (String patientId : patients) {
                responses.add(clients.submit(() -> {
                    start.await();
                    return new Api(port).post(practice.scheduler, "/api/v1/group-sessions/" + sessionId
                            + "/participants", Map.of("patientId", patientId));
                }));
            }
            start.countDown();
            List<Api.Response> answers = new ArrayList<>();
            for (Future<Api.Response> response : responses) {
                answers.add(response.get());
            }
            return answers;
        } finally {
            clients.shutdown();
        }
    }
}
