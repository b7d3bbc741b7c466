package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A command's answer waits for the read models, and says up to where its events are written. When the read models
 * do not get there in time the answer still goes out — its events are durable — and the late wait is counted, so
 * operators see it (on Axon Server, block listing once made every command wait out its timeout, unnoticed).
 */
class ReadYourWritesTest extends IntegrationTest {

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    MeterRegistry metrics;

    @Test
    void aCommandWhoseReadModelsFallBehindIsAnsweredAndTheLateWaitCounted() {
        PracticeFixture practice = newPractice();
        double lateBefore = lateWaits();
        StreamingEventProcessor scheduling = processing.eventProcessor("scheduling", StreamingEventProcessor.class)
                .orElseThrow();
        scheduling.shutDown();
        Api.Response created;
        try {
            created = api.post(practice.admin, "/api/v1/services", Map.of("name", "Intake", "durationMinutes", 60));

            assertThat(created.status()).isEqualTo(201);
            assertThat(lateWaits()).isEqualTo(lateBefore + 1);
        } finally {
            scheduling.start();
        }
        String position = created.headers().firstValue("X-Event-Position").orElseThrow();
        assertThat(api.send(practice.admin, "GET", "/api/v1/services", null, Map.of("X-Event-Position", position))
                .body().path("services")).extracting(s -> s.path("id").asText()).containsExactly(created.id());
    }

    @Test
    void aCommandAnsweredAfterItsReadModelsCaughtUpCountsNoLateWait() {
        PracticeFixture practice = newPractice();
        double lateBefore = lateWaits();

        Api.Response created = api.post(practice.admin, "/api/v1/services", Map.of("name", "Intake",
                "durationMinutes", 60));

        assertThat(created.status()).isEqualTo(201);
        assertThat(Long.parseLong(created.headers().firstValue("X-Event-Position").orElseThrow())).isPositive();
        assertThat(api.get(practice.admin, "/api/v1/services").body().path("services")).hasSize(1);
        assertThat(lateWaits()).isEqualTo(lateBefore);
    }

    private double lateWaits() {
        return metrics.counter("practice_scheduler.read_your_writes.timeouts").count();
    }
}
