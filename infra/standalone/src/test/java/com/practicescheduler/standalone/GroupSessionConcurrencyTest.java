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
