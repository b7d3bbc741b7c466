package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A flood of requests without a token from one address: past the limit it is answered 429 with Retry-After, and
 * the audit trail records a bounded number of entries that, with their counts, stand for every request.
 */
class FloodTest extends IntegrationTest {

    /** An address of its own, so the flood spends no other test's limit. */
    private static final String FLOODER = "127.0.0.2";
    /** The FHIR flood's address: 127.0.0.3 is AuditTest's, whose one refusal a flood would turn into a count. */
    private static final String FHIR_FLOODER = "127.0.0.4";
    private static final int REQUESTS = 10_000;
    /** The default limit of requests a minute without a valid token from one address. */
    private static final int UNAUTHENTICATED_PER_MINUTE = 1000;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void tenThousandRequestsWithoutATokenFromOneAddressAreThrottledAndAuditedAsCounts() throws Exception {
        Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
        AtomicInteger withoutRetryAfter = new AtomicInteger();
        AtomicInteger notAProblem = new AtomicInteger();
        long started = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                String path = "/api/v1/patients/p-" + i;
                sent.add(clients.submit(() -> {
                    String answer = api.raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                            + "Connection: close\r\n\r\n", FLOODER);
                    String status = answer.substring(9, 12);
                    answers.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    if (!answer.toLowerCase(java.util.Locale.ROOT).contains("content-type: application/problem+json")) {
                        notAProblem.incrementAndGet();
                    }
                    if (status.equals("429") && !answer.contains("Retry-After: ")) {
                        withoutRetryAfter.incrementAndGet();
                    }
                }));
            }
            for (Future<?> request : sent) {
                request.get();
            }
        } finally {
            clients.shutdown();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(answers.keySet()).containsOnly("401", "429");
        assertThat(notAProblem).hasValue(0);
        assertThat(withoutRetryAfter).hasValue(0);
        // a minute's worth at once, then what refills while the flood lasts
        long admitted = UNAUTHENTICATED_PER_MINUTE + UNAUTHENTICATED_PER_MINUTE * (took.toSeconds() + 1) / 60;
        assertThat(answers.get("401").get()).as("answered 401 in %s", took).isLessThanOrEqualTo((int) admitted);
        assertThat(answers.get("429").get()).isEqualTo(REQUESTS - answers.get("401").get());

        // per window and problem (401, 429): 20 entries one by one, then one count for the rest
        long windows = took.toSeconds() / Duration.parse(DENIAL_WINDOW).toSeconds() + 2;
        Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select coalesce(sum(count), 0) from audit_entry where source_ip = ?", Long.class, FLOODER))
                .as("every request is counted").isEqualTo(REQUESTS));
        long entries = jdbc.queryForObject("select count(*) from audit_entry where source_ip = ?", Long.class,
                FLOODER);
        System.out.printf("Flood of %d requests in %s: %s; %d audit entries%n", REQUESTS, took, answers, entries);
        assertThat(entries).isLessThanOrEqualTo(windows * 2 * 21);
        assertThat(jdbc.queryForList("select distinct outcome, problem, practice_id from audit_entry"
                + " where source_ip = ?", FLOODER)).extracting(row -> row.get("problem"))
                .containsExactlyInAnyOrder("unauthenticated", "too-many-requests");
    }

    @Test
    void aFloodOnTheFhirInterfaceIsThrottledWithOperationOutcomes() throws Exception {
        Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
        AtomicInteger throttledWithoutOutcome = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < UNAUTHENTICATED_PER_MINUTE + 500; i++) {
                String path = "/fhir/r4/Patient/p-" + i;
                sent.add(clients.submit(() -> {
                    String answer = api.raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                            + "Connection: close\r\n\r\n", FHIR_FLOODER);
                    String status = answer.substring(9, 12);
                    answers.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
                    String lower = answer.toLowerCase(java.util.Locale.ROOT);
                    if (status.equals("429") && !(lower.contains("content-type: application/fhir+json")
                            && answer.contains("\"resourceType\":\"OperationOutcome\"")
                            && answer.contains("Retry-After: "))) {
                        throttledWithoutOutcome.incrementAndGet();
                    }
                }));
            }
            for (Future<?> request : sent) {
                request.get();
            }
        } finally {
            clients.shutdown();
        }

        assertThat(answers.keySet()).containsOnly("401", "429");
        assertThat(answers.get("429")).as("past the limit").isNotNull().hasPositiveValue();
        assertThat(throttledWithoutOutcome).as("429s that are not an OperationOutcome with Retry-After").hasValue(0);
    }
}
