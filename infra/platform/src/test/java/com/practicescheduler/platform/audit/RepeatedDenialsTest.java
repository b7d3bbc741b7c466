package com.practicescheduler.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.practicescheduler.api.audit.AuditOutcome;
import com.practicescheduler.api.audit.AuditRecordedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

class RepeatedDenialsTest {

    private final AtomicLong nanos = new AtomicLong();
    private final List<AuditRecordedEvent> recorded = new ArrayList<>();
    private final RepeatedDenials denials = new RepeatedDenials(entry -> recorded.add(entry.entry()),
            Duration.ofMinutes(1), 3, nanos::get);

    @Test
    void theFirstRefusalsOfASourceAreRecordedAtOnceAndTheRestAsOneCountWhenTheWindowEnds() {
        for (int i = 0; i < 1000; i++) {
            denials.denied(denial("10.0.0.1", "GET /api/v1/calendar/" + i), MetaData.emptyInstance());
        }
        assertThat(recorded).extracting(AuditRecordedEvent::action).containsExactly("GET /api/v1/calendar/0",
                "GET /api/v1/calendar/1", "GET /api/v1/calendar/2");

        nanos.addAndGet(Duration.ofSeconds(59).toNanos());
        denials.close(false);
        assertThat(recorded).as("the window has not ended").hasSize(3);

        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        denials.close(false);
        assertThat(recorded).hasSize(4);
        AuditRecordedEvent count = recorded.get(3);
        assertThat(count.count()).isEqualTo(997);
        assertThat(count.action()).as("the first of those counted").isEqualTo("GET /api/v1/calendar/3");
        assertThat(count.sourceIp()).isEqualTo("10.0.0.1");
        assertThat(count.outcome()).isEqualTo(AuditOutcome.DENIED);
        assertThat(recorded.stream().mapToInt(AuditRecordedEvent::count).sum()).as("none lost").isEqualTo(1000);

        denials.denied(denial("10.0.0.1", "GET /api/v1/services"), MetaData.emptyInstance());
        assertThat(recorded).as("a new window records again").hasSize(5);
    }

    @Test
    void sourcesAreCountedApartAndPendingCountsAreRecordedOnStop() {
        for (int i = 0; i < 5; i++) {
            denials.denied(denial("10.0.0.1", "GET /a"), MetaData.emptyInstance());
            denials.denied(denial("10.0.0.2", "GET /b"), MetaData.emptyInstance());
        }
        assertThat(recorded).hasSize(6);

        denials.stop();

        assertThat(recorded).hasSize(8);
        assertThat(recorded.subList(6, 8)).extracting(AuditRecordedEvent::sourceIp, AuditRecordedEvent::count)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("10.0.0.1", 2),
                        org.assertj.core.groups.Tuple.tuple("10.0.0.2", 2));
    }

    @Test
    void moreSourcesThanItKeepsAreCountedTogether() {
        for (int i = 0; i < RepeatedDenials.MAX_SOURCES + 500; i++) {
            denials.denied(denial("10.1." + (i / 250) + "." + (i % 250), "GET /x"), MetaData.emptyInstance());
        }

        denials.stop();

        assertThat(recorded).hasSize(RepeatedDenials.MAX_SOURCES + 3 + 1);
        AuditRecordedEvent many = recorded.get(recorded.size() - 1);
        assertThat(many.sourceIp()).isEqualTo(RepeatedDenials.MANY);
        assertThat(many.count()).isEqualTo(497);
    }

    private static AuditRecordedEvent denial(String sourceIp, String action) {
        return new AuditRecordedEvent(UUID.randomUUID().toString(), null, null, List.of(), action, "Route", null,
                List.of(), AuditOutcome.DENIED, "unauthenticated", sourceIp, "c-" + UUID.randomUUID());
    }
}
