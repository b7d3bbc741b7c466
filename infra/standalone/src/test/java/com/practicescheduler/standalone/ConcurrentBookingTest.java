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

/** The invariant: no double booking, whatever the concurrency. */
class ConcurrentBookingTest extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void fiftyConcurrentOverlappingBookingsYieldExactlyOneAppointment() throws Exception {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        List<String> patients = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            patients.add(practice.patient("Patient", "Number" + i));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(50);
        List<Future<Api.Response>> responses = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String patientId = patients.get(i);
            // every start from 09:00 to 09:49 overlaps every other (50 minutes + 10 buffer)
            String startTime = String.format("2026-12-01T09:%02d:00-05:00", i % 50);
            responses.add(clients.submit(() -> {
                start.await();
                return new Api(port).post(practice.scheduler, "/api/v1/appointments", Map.of(
                        "patientId", patientId, "providerId", s.providerId(), "serviceId", s.serviceId(),
                        "start", startTime));
            }));
        }
        start.countDown();
        List<Api.Response> answers = new ArrayList<>();
        for (Future<Api.Response> response : responses) {
            answers.add(response.get());
        }
        clients.shutdown();

        assertThat(answers).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(answers).filteredOn(r -> r.status() == 409 && "slot-unavailable".equals(r.slug())).hasSize(49);
        assertThat(api.get(practice.scheduler, "/api/v1/calendar?providerId=" + s.providerId()
                + "&from=2026-12-01&to=2026-12-01").body().path("appointments")).hasSize(1);
        Integer booked = jdbc.queryForObject("""
                select count(*) from domain_event_entry
                where payload_type = 'com.practicescheduler.api.appointment.AppointmentBookedEvent'
                  and convert_from(payload, 'UTF8')::jsonb ->> 'providerId' = ?
                """, Integer.class, s.providerId());
        assertThat(booked).as("AppointmentBookedEvents in the event store").isEqualTo(1);
    }
}
