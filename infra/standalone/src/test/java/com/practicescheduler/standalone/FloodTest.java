package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
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
        long started = System.nanoTime();
        List<String> answers = flood(REQUESTS, "/api/v1/patients/p-", FLOODER);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Map<String, Long> statuses = statuses(answers);

        assertThat(statuses.keySet()).containsOnly("401", "429");
        assertThat(answers).as("answers that are not a problem document").filteredOn(answer -> !answer
                .toLowerCase(Locale.ROOT).contains("content-type: application/problem+json")).isEmpty();
        assertThat(answers).as("429s without Retry-After").filteredOn(answer -> status(answer).equals("429")
                && !answer.contains("Retry-After: ")).isEmpty();
        // a minute's worth at once, then what refills while the flood lasts
        long admitted = UNAUTHENTICATED_PER_MINUTE + UNAUTHENTICATED_PER_MINUTE * (took.toSeconds() + 1) / 60;
        assertThat(statuses.get("401")).as("answered 401 in %s", took).isLessThanOrEqualTo(admitted);
        assertThat(statuses.get("429")).isEqualTo(REQUESTS - statuses.get("401"));

        // per window and problem (401, 429): 20 entries one by one, then one count for the rest
        long windows = took.toSeconds() / Duration.parse(DENIAL_WINDOW).toSeconds() + 2;
        Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select coalesce(sum(count), 0) from audit_entry where source_ip = ?", Long.class, FLOODER))
                .as("every request is counted").isEqualTo(REQUESTS));
        long entries = jdbc.queryForObject("select count(*) from audit_entry where source_ip = ?", Long.class,
                FLOODER);
        System.out.printf("Flood of %d requests in %s: %s; %d audit entries%n", REQUESTS, took, statuses, entries);
        assertThat(entries).isLessThanOrEqualTo(windows * 2 * 21);
        assertThat(jdbc.queryForList("select distinct outcome, problem, practice_id from audit_entry"
                + " where source_ip = ?", FLOODER)).extracting(row -> row.get("problem"))
                .containsExactlyInAnyOrder("unauthenticated", "too-many-requests");
    }

    @Test
    void aFloodOnTheFhirInterfaceIsThrottledWithOperationOutcomes() throws Exception {
        List<String> answers = flood(UNAUTHENTICATED_PER_MINUTE + 500, "/fhir/r4/Patient/p-", FHIR_FLOODER);
        Map<String, Long> statuses = statuses(answers);

        assertThat(statuses.keySet()).containsOnly("401", "429");
        assertThat(statuses.get("429")).as("past the limit").isNotNull().isPositive();
        assertThat(answers).as("429s that are not an OperationOutcome with Retry-After").filteredOn(answer ->
                status(answer).equals("429") && !(answer.toLowerCase(Locale.ROOT)
                        .contains("content-type: application/fhir+json")
                        && answer.contains("\"resourceType\":\"OperationOutcome\"")
                        && answer.contains("Retry-After: "))).isEmpty();
    }

    /** {@code count} GETs of {@code pathPrefix + i} without a token from {@code address}, 8 at a time: the answers. */
    private List<String> flood(int count, String pathPrefix, String address) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String path = pathPrefix + i;
                sent.add(clients.submit(() -> api.raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "Connection: close\r\n\r\n", address)));
            }
            List<String> answers = new ArrayList<>();
            for (Future<String> answer : sent) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            clients.shutdown();
        }
    }

    private static Map<String, Long> statuses(List<String> answers) {
        return answers.stream().collect(Collectors.groupingBy(FloodTest::status, Collectors.counting()));
    }

    private static String status(String answer) {
        return answer.substring(9, 12);
    }
}
