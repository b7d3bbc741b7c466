package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Invariant 12: a series is one decision of the provider's schedule, so concurrent series and single bookings that
 * overlap in any occurrence never both get it — whatever wins, each Tuesday 10:00 has exactly one appointment.
 */
class ConcurrentSeriesTest extends IntegrationTest {

    private static final List<String> TUESDAYS = List.of("2026-12-01", "2026-12-08", "2026-12-15", "2026-12-22");

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void concurrentOverlappingSeriesAndSingleBookingsNeverShareAnOccurrence() throws Exception {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        int clients = 24;
        List<String> patients = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            patients.add(practice.patient("Patient", "Number" + i));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Api.Response>> responses = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String patientId = patients.get(i);
            int client = i;
            Callable<Api.Response> request = switch (client % 3) {
                // whole series, all or nothing, from the first Tuesday (starts 10:00 to 10:07 overlap one another)
                case 0 -> () -> new Api(port).post(practice.scheduler, "/api/v1/appointment-series", Map.of(
                        "patientId", patientId, "providerId", s.providerId(), "serviceId", s.serviceId(),
                        "start", String.format("2026-12-01T10:%02d:00-05:00", client % 8),
                        "recurrence", Map.of("everyWeeks", 1, "count", 4)));
                // series that take what is free, from the second Tuesday
                case 1 -> () -> new Api(port).post(practice.scheduler, "/api/v1/appointment-series", Map.of(
                        "patientId", patientId, "providerId", s.providerId(), "serviceId", s.serviceId(),
                        "start", "2026-12-08T10:00:00-05:00", "onConflict", "SKIP",
                        "recurrence", Map.of("everyWeeks", 1, "count", 3)));
                // single bookings on one of the Tuesdays
                default -> () -> new Api(port).post(practice.scheduler, "/api/v1/appointments", Map.of(
                        "patientId", patientId, "providerId", s.providerId(), "serviceId", s.serviceId(),
                        "start", TUESDAYS.get(client % 4) + "T10:00:00-05:00"));
            };
            responses.add(pool.submit(() -> {
                start.await();
                return request.call();
            }));
        }
        start.countDown();
        List<Api.Response> answers = new ArrayList<>();
        for (Future<Api.Response> response : responses) {
            answers.add(response.get());
        }
        pool.shutdown();

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.toString())
                .isIn(201, 409, 422));
        assertThat(answers).filteredOn(a -> a.status() == 409)
                .allSatisfy(a -> assertThat(a.slug()).isIn("slot-unavailable", "series-conflicts"));
        Map<String, Integer> bookedPerTuesday = new HashMap<>();
        JsonNode calendar = api.get(practice.scheduler, "/api/v1/calendar?providerId=" + s.providerId()
                + "&from=2026-12-01&to=2026-12-31").body().path("appointments");
        calendar.forEach(a -> bookedPerTuesday.merge(a.path("start").asText().substring(0, 10), 1, Integer::sum));
        assertThat(bookedPerTuesday).as("appointments per Tuesday")
                .containsOnlyKeys(TUESDAYS).allSatisfy((day, count) -> assertThat(count).as(day).isEqualTo(1));
        assertThat(calendar).allSatisfy(a -> assertThat(a.path("status").asText()).isEqualTo("BOOKED"));
        Integer booked = jdbc.queryForObject("""
                select count(*) from domain_event_entry
                where payload_type = 'com.practicescheduler.api.appointment.AppointmentBookedEvent'
                  and convert_from(payload, 'UTF8')::jsonb ->> 'providerId' = ?
                """, Integer.class, s.providerId());
        assertThat(booked).as("AppointmentBookedEvents in the event store").isEqualTo(4);
        int bookedByAnswers = answers.stream().filter(a -> a.status() == 201).mapToInt(a ->
                a.body().has("appointments") ? a.body().path("appointments").size() : 1).sum();
        assertThat(bookedByAnswers).as("appointments the 201 answers name").isEqualTo(4);
    }
}
