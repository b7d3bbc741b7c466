package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests that once stopped a projection or the audit trail for every practice, or answered 500. Each answers a
 * 4xx problem, and afterwards every projection runs with no lag and the audit trail still records.
 */
class HostileInputTest extends IntegrationTest {

    @Test
    void textWithNulControlCharactersOrHalfASurrogatePairIsRefusedBeforeItBecomesAnEvent() {
        PracticeFixture practice = newPractice();
        // as the JSON escapes a client sends (a Java string could not carry half a surrogate pair to the wire)
        for (String name : new String[] {"a\\u0000b", "bell\\u0007", "half \\ud800 pair", "escape\\u001b[2J"}) {
            Api.Response refused = api.post(practice.admin, "/api/v1/services",
                    "{\"name\":\"" + name + "\",\"durationMinutes\":30}");

            assertThat(refused.status()).as(name).isEqualTo(400);
            assertThat(refused.slug()).isEqualTo("validation-failed");
            assertThat(refused.body().path("errors").get(0).path("field").asText()).isEqualTo("name");
        }
        Api.Response fine = api.post(practice.admin, "/api/v1/services", Map.of("name", "Ĝroup\ttherapy 🧠",
                "durationMinutes", 30));
        assertThat(fine.status()).isEqualTo(201);

        awaitProjectionsCaughtUp(practice);
        assertThat(api.get(practice.admin, "/api/v1/services").body().path("services"))
                .extracting(s -> s.path("name").asText()).containsExactly("Ĝroup\ttherapy 🧠");
    }

    @Test
    void anIdLongerThanOursAnswers404AndTheAuditTrailKeepsRecording() {
        PracticeFixture practice = newPractice();
        String longId = "x".repeat(201);

        Api.Response refused = api.put(practice.admin, "/api/v1/providers/" + longId + "/working-hours",
                Map.of("weekly", java.util.List.of()));

        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.slug()).isEqualTo("not-found");
        assertAuditTrailStillRecords(practice);
    }

    @Test
    void aLongPathWithoutAnyTokenAnswers401AndTheAuditTrailKeepsRecording() {
        PracticeFixture practice = newPractice();

        Api.Response refused = api.get(null, "/api/v1/services/" + "y".repeat(200) + "/" + "z".repeat(2000));

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.slug()).isEqualTo("unauthenticated");
        assertAuditTrailStillRecords(practice);
    }

    @Test
    void aNonAsciiHeaderValueAnswers400NotA500() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String body = "{\"patientId\":\"" + s.patientId() + "\",\"providerId\":\"" + s.providerId()
                + "\",\"serviceId\":\"" + s.serviceId() + "\",\"start\":\"2026-12-01T09:00:00-05:00\"}";

        String answer = api.raw("POST /api/v1/appointments HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + practice.scheduler + "\r\nContent-Type: application/json\r\n"
                + "Idempotency-Key: ключ\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                + "\r\nConnection: close\r\n\r\n" + body, "127.0.0.1");

        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json")
                .contains("/problems/validation-failed");
        assertThat(api.get(practice.scheduler, "/api/v1/calendar?providerId=" + s.providerId()
                + "&from=2026-12-01&to=2026-12-01").body().path("appointments")).as("nothing booked").isEmpty();
    }

    @Test
    void aMultipartBodyNoRouteTakesIsRefusedAsAProblemNotA500() {
        PracticeFixture practice = newPractice();

        Api.Response read = api.send(practice.admin, "GET", "/api/v1/services", null,
                Map.of("Content-Type", "multipart/form-data"));
        Api.Response write = api.send(practice.admin, "POST", "/api/v1/services", "--x\r\n\r\n--x--",
                Map.of("Content-Type", "multipart/form-data; boundary=y"));

        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(write.status()).as(write.toString()).isEqualTo(415);
        assertThat(write.slug()).isEqualTo("unsupported-media-type");
        assertThat(api.get(practice.admin, "/api/v1/services").body().path("services")).as("nothing created")
                .isEmpty();
    }

    @Test
    void aFormBodyThatDoesNotDecodeOnAPutOrDeleteAnswersAsTheRouteDoesNotA500() {
        PracticeFixture practice = newPractice();
        Map<String, String> form = Map.of("Content-Type", "application/x-www-form-urlencoded");

        Api.Response delete = api.send(practice.admin, "DELETE", "/api/v1/waitlist/" + java.util.UUID.randomUUID(),
                "%", form);
        Api.Response put = api.send(practice.admin, "PUT", "/api/v1/practice/settings", "timeZone=%zz", form);

        assertThat(delete.status()).as(delete.toString()).isEqualTo(404);
        assertThat(delete.slug()).isEqualTo("not-found");
        assertThat(put.status()).as(put.toString()).isEqualTo(415);
        assertThat(put.slug()).isEqualTo("unsupported-media-type");
    }

    @Test
    void aBodyInYamlOrAnotherFormatThanJsonIsRefusedSoItsTextIsNeverLetThroughUnchecked() {
        PracticeFixture practice = newPractice();

        for (String type : new String[] {"application/yaml", "application/x-yaml", "application/xml",
                "application/x-jackson-smile", "application/cbor"}) {
            Api.Response answer = api.send(practice.admin, "POST", "/api/v1/services",
                    "name: \"a\\0b\"\ndurationMinutes: 50\n", Map.of("Content-Type", type));

            assertThat(answer.status()).as(type + ": " + answer).isEqualTo(415);
            assertThat(answer.slug()).isEqualTo("unsupported-media-type");
        }
        assertThat(api.get(practice.admin, "/api/v1/services").body().path("services")).as("nothing created")
                .isEmpty();
    }

    @Test
    void anAcceptHeaderThatDoesNotParseStillGetsItsAnswerAndItsProblem() {
        PracticeFixture practice = newPractice();

        Api.Response unknown = api.send(practice.admin, "GET", "/api/v1/services/" + java.util.UUID.randomUUID(),
                null, Map.of("Accept", "garbage"));
        Api.Response list = api.send(practice.admin, "GET", "/api/v1/services", null, Map.of("Accept", "garbage"));

        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/problem+json"));
        assertThat(unknown.slug()).isEqualTo("not-found");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.body().path("services").isArray()).as(list.text()).isTrue();
    }

    @Test
    void aQueryParameterWithNulIsAValidationFailureNotA500() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();

        Api.Response availability = api.get(practice.scheduler, "/api/v1/availability?serviceId=%00&from=2026-12-01"
                + "&to=2026-12-01&providerId=" + s.providerId());
        Api.Response calendar = api.get(practice.scheduler, "/api/v1/calendar?providerId=a%00b&from=2026-12-01"
                + "&to=2026-12-01");

        assertThat(availability.status()).as(availability.toString()).isEqualTo(400);
        assertThat(availability.slug()).isEqualTo("validation-failed");
        assertThat(availability.body().path("errors").get(0).path("field").asText()).isEqualTo("serviceId");
        assertThat(calendar.status()).as(calendar.toString()).isEqualTo(400);
        assertThat(calendar.body().path("errors").get(0).path("field").asText()).isEqualTo("providerId");
    }

    @Test
    void theErrorPageAskedForDirectlyIsNotFoundNotAnError() {
        Api.Response answer = api.get(null, "/error");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.slug()).isEqualTo("not-found");
    }

    /** What the container or the firewall refuses before any controller runs, from a raw socket. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void whatTheServerRefusesBeforeAnyControllerRunsIsAProblemNeverAnHtmlPage(String label, String request) {
        String answer = api.raw(request, "127.0.0.1");

        assertThat(answer).as(label).startsWith("HTTP/1.1 400");
        assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json")
                .contains("\"type\":\"/problems/validation-failed\"").contains("\"status\":400")
                .doesNotContainIgnoringCase("<html").doesNotContain("Exception").doesNotContain("at org.");
    }

    /** The firewall reads a header's value when the application asks for it: a control character there is refused. */
    @Test
    void aControlCharacterInAHeaderTheApplicationReadsIsRefusedAsAProblem() {
        PracticeFixture practice = newPractice();
        String body = "{\"patientId\":\"p\",\"providerId\":\"q\",\"serviceId\":\"s\","
                + "\"start\":\"2026-12-01T09:00:00-05:00\"}";
        // U+0085 (NEXT LINE, a C1 control) travels as the bytes C2 85, which the server reads as Latin-1 text
        String answer = api.raw("POST /api/v1/appointments HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + practice.admin + "\r\nContent-Type: application/json\r\n"
                + "Idempotency-Key: key\u0085x\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n"
                + body, "127.0.0.1");

        assertThat(answer).startsWith("HTTP/1.1 400").contains("\"type\":\"/problems/validation-failed\"")
                .doesNotContain("Exception");
        assertAuditTrailStillRecords(practice);
    }

    static Stream<Arguments> malformedRequests() {
        String tail = " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
        String big = "a".repeat(9_000);
        return Stream.of(
                Arguments.of("NUL escaped in the path", "GET /api/v1/services/a%00b" + tail),
                Arguments.of("encoded slash", "GET /api/v1/services/a%2Fb" + tail),
                Arguments.of("malformed escape", "GET /api/v1/services/%zz" + tail),
                Arguments.of("escape that is not UTF-8", "GET /api/v1/services/%ff" + tail),
                Arguments.of("backslash", "GET /api/v1/services/a\\b" + tail),
                Arguments.of("semicolon", "GET /api/v1/services/a;b" + tail),
                Arguments.of("encoded semicolon", "GET /api/v1/services/a%3Bb" + tail),
                Arguments.of("dot segment", "GET /api/v1/services/../services" + tail),
                Arguments.of("TRACE", "TRACE /api/v1/services" + tail),
                Arguments.of("9 KB query string", "GET /api/v1/services?q=" + big + tail),
                Arguments.of("9 KB header", "GET /api/v1/services HTTP/1.1\r\nHost: localhost\r\nX-Big: " + big
                        + "\r\nConnection: close\r\n\r\n"));
    }

    /** Every projection runs with no lag, and a read made now appears in the practice's trail. */
    private void assertAuditTrailStillRecords(PracticeFixture practice) {
        awaitProjectionsCaughtUp(practice);
        api.get(practice.compliance, "/api/v1/audit/verify");
        awaitProjectionsCaughtUp(practice);
        JsonNode entries = api.get(practice.compliance, "/api/v1/audit?action=VerifyAuditTrail").body()
                .path("entries");
        assertThat(entries).as("the verification just made is recorded").isNotEmpty();
        assertThat(api.get(practice.compliance, "/api/v1/audit/verify").body().path("valid").asBoolean()).isTrue();
    }
}
