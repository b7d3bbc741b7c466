package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.practicescheduler.api.audit.AuditRecordedEvent;
import com.practicescheduler.api.patient.PatientRegisteredEvent;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.Awaitility;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;

/**
 * A projection handler that fails on one event parks it in that projection's dead-letter queue; everything else —
 * later events, other projections — keeps flowing, and the parked event is handled once it is retried after a fix.
 */
@Import({PoisonEventTest.FussyHandler.class, PoisonEventTest.StuckAuditHandler.class})
class PoisonEventTest extends IntegrationTest {

    /** Joins the scheduling projection and cannot handle patients named "Poison" until fixed. */
    @ProcessingGroup("scheduling")
    static class FussyHandler {

        static volatile boolean fixed;
        static final Set<String> handled = ConcurrentHashMap.newKeySet();

        @EventHandler
        void on(PatientRegisteredEvent event) {
            if (event.lastName().equals("Poison") && !fixed) {
                throw new IllegalStateException("this handler has a bug");
            }
            handled.add(event.patientId());
        }
    }

    /** Joins the audit trail's processor and fails on the entries of one practice while told to. */
    @ProcessingGroup("audit")
    static class StuckAuditHandler {

        static volatile String stuckPractice;

        @EventHandler
        void on(AuditRecordedEvent event) {
            if (event.practiceId() != null && event.practiceId().equals(stuckPractice)) {
                throw new IllegalStateException("this handler has a bug");
            }
        }
    }

    @Test
    void aStoppedAuditTrailTurnsHealthDownUntilItRunsAgain() {
        PracticeFixture practice = newPractice();
        StuckAuditHandler.stuckPractice = practice.practiceId;
        try {
            api.get(practice.admin, "/api/v1/services");
            api.get(practice.compliance, "/api/v1/audit/verify");

            Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> {
                Api.Response health = api.get(null, "/actuator/health");
                assertThat(health.status()).isEqualTo(503);
                assertThat(health.body().path("components").path("projections").path("status").asText())
                        .isEqualTo("DOWN");
            });
        } finally {
            StuckAuditHandler.stuckPractice = null;
        }
        Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> {
            Api.Response health = api.get(null, "/actuator/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.body().path("components").path("projections").path("status").asText())
                    .isIn("UP", "DEGRADED");
        });
        awaitProjectionsCaughtUp(practice);
    }

    @Test
    void aPoisonEventIsParkedOthersFlowAndARetryAfterTheFixHandlesIt() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String poisoned = practice.patient("Ivy", "Poison");

        String after = practice.patient("Ada", "After");
        String booked = practice.booked(after, s.providerId(), s.serviceId(), "2026-12-01T09:00:00-05:00");
        String waiting = api.post(practice.scheduler, "/api/v1/waitlist", Map.of("patientId", after,
                "serviceId", s.serviceId())).id();

        assertThat(api.get(practice.scheduler, "/api/v1/appointments/" + booked).status())
                .as("later events of the same projection").isEqualTo(200);
        assertThat(api.get(practice.scheduler, "/api/v1/waitlist/" + waiting).status())
                .as("another projection").isEqualTo(200);
        assertThat(FussyHandler.handled).contains(after).doesNotContain(poisoned);
        assertThat(scheduling(practice).path("deadLetters").asLong()).isEqualTo(1);
        Api.Response health = api.get(null, "/actuator/health");
        assertThat(health.status()).as("a parked event is no outage").isEqualTo(200);
        assertThat(health.body().path("components").path("projections").path("status").asText())
                .isEqualTo("DEGRADED");

        FussyHandler.fixed = true;
        JsonNode retried = api.post(practice.admin, "/api/v1/admin/projections/scheduling/dead-letters/retry", null)
                .body();

        assertThat(retried.path("retried").asInt()).isEqualTo(1);
        assertThat(retried.path("remaining").asLong()).isZero();
        Awaitility.await().atMost(EVENTUALLY).until(() -> FussyHandler.handled.contains(poisoned));
        assertThat(api.get(practice.scheduler, "/api/v1/patients/" + poisoned).status()).isEqualTo(200);
        assertThat(scheduling(practice).path("deadLetters").asLong()).isZero();
    }

    private JsonNode scheduling(PracticeFixture practice) {
        for (JsonNode projection : api.get(practice.admin, "/api/v1/admin/projections").body().path("projections")) {
            if (projection.path("name").asText().equals("scheduling")) {
                return projection;
            }
        }
        throw new AssertionError("no scheduling projection");
    }
}
