package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.RawValue;
import com.nimbusds.jwt.JWTClaimsSet;
import com.practicescheduler.platform.security.DevelopmentKeys;
import com.practicescheduler.platform.security.DevelopmentTokens;
import com.practicescheduler.platform.security.Role;
import com.practicescheduler.platform.testing.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.awaitility.Awaitility;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Every route of the REST contract called with hostile values: ids too long, with NUL, unicode, half a surrogate
 * pair, dot segments, empty, of another practice, or valid ones of this practice; bodies with wrong types, nulls,
 * huge strings, control characters, nested junk, missing and extra fields, numbers out of range, broken JSON;
 * queries and headers likewise; with the token of each role, another practice's, a garbage one or none.
 *
 * <p>Every answer is a success or a problem of the contract: never a 5xx, and each 4xx an
 * {@code application/problem+json} whose {@code type} is {@code /problems/<slug>} of {@code api.md} and whose
 * {@code status} is the HTTP status. Afterwards every projection runs with no lag, the audit trail still records
 * and verifies, and the application is healthy.
 *
 * <p>Runs on an application of its own (jqwik cannot take Spring's test context), started once for the class.
 * The seed is random; jqwik prints it with any failure, and {@code @Property(seed = "...")} replays it.
 */
class EveryRouteFuzzTest {

    /** Tries of the fuzzing property: what a loaded two-core machine sends in about a minute. */
    private static final int REQUESTS = 2000;

    /** The problem slugs of {@code api.md}, each with its status. */
    private static final Map<Integer, Set<String>> CONTRACT_SLUGS = Map.of(
            400, Set.of("validation-failed"),
            401, Set.of("unauthenticated"),
            403, Set.of("forbidden"),
            404, Set.of("not-found"),
            409, Set.of("slot-unavailable", "invalid-transition", "conflicts-with-appointments",
                    "idempotency-key-reused", "series-conflicts", "session-full", "already-enrolled"),
            410, Set.of("offer-expired"),
            422, Set.of("outside-working-hours", "time-off", "in-the-past", "beyond-horizon", "service-not-offered"),
            429, Set.of("too-many-requests"));

    /**
     * Refusals of HTTP itself that {@code api.md}'s table leaves out, with the slugs the application has always
     * answered (BadInputTest): a wrong method, an unsatisfiable {@code Accept}, a body over the cap, a body that is
     * not JSON.
     */
    private static final Map<Integer, String> PROTOCOL_SLUGS = Map.of(
            405, "method-not-allowed",
            406, "not-acceptable",
            413, "payload-too-large",
            415, "unsupported-media-type");

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static ConfigurableApplicationContext app;
    private static String base;
    private static Api api;
    private static PracticeFixture practice;
    private static Ids mine;
    private static Ids theirs;
    /** Staff of the fuzzed practice, one per role; another practice's; broken or missing tokens. */
    private static List<Caller> staff;
    private static List<Caller> strangers;
    private static List<Caller> broken;
    private static final AtomicInteger SENT = new AtomicInteger();
    private static Instant started;

    @BeforeContainer
    static void startTheApplicationAndTwoPractices() throws IOException {
        app = StandaloneRun.start(TestPostgres.newDatabase(), Files.createTempDirectory("practice-scheduler-fuzz"));
        int port = StandaloneRun.port(app);
        base = "http://localhost:" + port;
        api = new Api(port);
        DevelopmentKeys keys = app.getBean(DevelopmentKeys.class);
        practice = new PracticeFixture(api, keys);
        mine = Ids.of(practice);
        PracticeFixture other = new PracticeFixture(api, keys);
        theirs = Ids.of(other);
        staff = staff();
        strangers = List.of(bearer("PRACTICE_ADMIN of another practice", other.admin),
                bearer("SCHEDULER of another practice", other.scheduler),
                bearer("CLINICIAN of another provider", practice.clinician(UUID.randomUUID().toString())));
        broken = broken(keys);
        started = Instant.now();
    }

    @AfterContainer
    static void stopTheApplication() {
        if (app != null) {
            app.close();
        }
    }

    @Property(tries = REQUESTS, shrinking = ShrinkingMode.BOUNDED)
    @AddLifecycleHook(ThenTheApplicationStillWorks.class)
    void everyAnswerIsASuccessOrAProblemOfTheContract(@ForAll("requests") Request request) {
        SENT.incrementAndGet();
        Api.Response response = send(request);
        Statistics.label("status").collect(response.status());

        assertThat(response.status()).as("%s\nanswered %s", request, response.text()).isLessThan(500);
        if (response.status() >= 400) {
            assertIsAProblemOfTheContract(request, response);
        }
    }

    @Example
    void theFuzzedRoutesAreEveryRouteTheApplicationServes() {
        RequestMappingHandlerMapping mappings = app.getBean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class);
        List<String> missing = new ArrayList<>();
        mappings.getHandlerMethods().keySet().forEach(mapping -> mapping.getPatternValues().stream()
                .filter(pattern -> pattern.startsWith("/api/"))
                .forEach(pattern -> mapping.getMethodsCondition().getMethods().forEach(method -> {
                    var parsed = PathPatternParser.defaultInstance.parse(pattern);
                    boolean fuzzed = ROUTES.stream().anyMatch(route -> route.method().equals(method.name())
                            && parsed.matches(PathContainer.parsePath(route.template().replaceAll("\\{[^}]+}",
                                    "some-id"))));
                    if (!fuzzed) {
                        missing.add(method + " " + pattern);
                    }
                })));
        assertThat(missing).as("routes the fuzzer never calls").isEmpty();
    }

    /** After the fuzzing: every projection runs with no lag, the audit trail records and verifies, health is UP. */
    static class ThenTheApplicationStillWorks implements AroundPropertyHook {

        @Override
        public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
            PropertyExecutionResult result = property.execute();
            System.out.printf("EveryRouteFuzzTest: %d requests in %d s%n", SENT.get(),
                    Duration.between(started, Instant.now()).toSeconds());
            if (result.status() != PropertyExecutionResult.Status.SUCCESSFUL) {
                return result;
            }
            try {
                assertTheApplicationStillWorks();
                return result;
            } catch (AssertionError | RuntimeException e) {
                return result.mapToFailed(e);
            }
        }
    }

    private static void assertTheApplicationStillWorks() {
        Awaitility.await().atMost(IntegrationTest.EVENTUALLY).untilAsserted(() -> {
            JsonNode projections = api.get(practice.admin, "/api/v1/admin/projections").body().path("projections");
            assertThat(projections).isNotEmpty().allSatisfy(p -> {
                assertThat(p.path("status").asText()).as(p.toString()).isEqualTo("RUNNING");
                assertThat(p.path("lag").asLong()).as(p.toString()).isZero();
                assertThat(p.path("deadLetters").asLong(0)).as("events parked: " + p).isZero();
            });
        });

        String lastVerification = newestVerification();
        Api.Response verify = api.get(practice.compliance, "/api/v1/audit/verify");
        assertThat(verify.status()).as(verify.toString()).isEqualTo(200);
        assertThat(verify.body().path("valid").asBoolean()).as(verify.toString()).isTrue();
        Awaitility.await().atMost(IntegrationTest.EVENTUALLY).untilAsserted(() ->
                assertThat(newestVerification()).as("the verification just made is recorded")
                        .isNotEqualTo(lastVerification));

        Api.Response health = api.get(null, "/actuator/health");
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.body().path("status").asText()).isEqualTo("UP");
    }

    private static void assertIsAProblemOfTheContract(Request request, Api.Response response) {
        String seen = request + "\nanswered " + response.status() + " " + response.headers().map() + " "
                + response.text();
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (request.path().startsWith("/fhir/") && contentType.startsWith("application/fhir+json")) {
            // the FHIR interface refuses with an OperationOutcome (api.md, Interoperability)
            assertThat(response.body().path("resourceType").asText()).as(seen).isEqualTo("OperationOutcome");
            return;
        }
        String accept = request.headers().getOrDefault("Accept", "");
        if (request.path().startsWith("/offers/") && accept.contains("text/html")
                && contentType.startsWith("text/html")) {
            // the patient's offer page answers a browser with a page of the same status (api.md, Reaching patients)
            assertThat(response.status()).as(seen).isIn(404, 409, 410);
            assertThat(response.text()).as(seen).startsWith("<!DOCTYPE html>").doesNotContain("Exception");
            return;
        }
        assertThat(contentType).as(seen).startsWith("application/problem+json");
        assertThat(response.body().path("status").asInt()).as(seen).isEqualTo(response.status());
        String type = response.body().path("type").asText();
        assertThat(type).as(seen).startsWith("/problems/");
        String slug = type.substring("/problems/".length());
        Set<String> allowed = CONTRACT_SLUGS.containsKey(response.status()) ? CONTRACT_SLUGS.get(response.status())
                : PROTOCOL_SLUGS.containsKey(response.status()) ? Set.of(PROTOCOL_SLUGS.get(response.status()))
                : Set.of();
        assertThat(slug).as(seen).isIn(allowed);
        if (response.status() == 429) {
            assertThat(response.headers().firstValue("Retry-After")).as(seen).isPresent();
        }
    }

    private static String newestVerification() {
        Api.Response entries = api.get(practice.compliance, "/api/v1/audit?action=VerifyAuditTrail&limit=1");
        assertThat(entries.status()).as(entries.toString()).isEqualTo(200);
        return entries.body().path("entries").path(0).path("id").asText("none yet");
    }

    // ---------------------------------------------------------------------------------------------------------
    // The routes of api.md, and those the application serves besides (GET by id, dead-letter retry)
    // ---------------------------------------------------------------------------------------------------------

    /**
     * {@code template}: the path with {@code {kind}} placeholders; {@code query}: each parameter with its kind;
     * {@code body}: the valid body's fields with their kinds, null for a route without a body.
     */
    private record Route(String method, String template, Map<String, String> query, Map<String, Object> body) {

        static Route of(String method, String template) {
            return new Route(method, template, Map.of(), null);
        }

        Route withQuery(Object... kinds) {
            return new Route(method, template, pairs(kinds), body);
        }

        Route withBody(Object... fields) {
            return new Route(method, template, query, pairs(fields));
        }

        @SuppressWarnings("unchecked")
        private static <V> Map<String, V> pairs(Object... pairs) {
            Map<String, V> map = new LinkedHashMap<>();
            for (int i = 0; i < pairs.length; i += 2) {
                map.put((String) pairs[i], (V) pairs[i + 1]);
            }
            return map;
        }
    }

    private static final List<Route> ROUTES = List.of(
            // setup
            Route.of("GET", "/api/v1/practice/settings"),
            Route.of("PUT", "/api/v1/practice/settings").withBody("timeZone", "zone", "slotMinutes", "minutes",
                    "lateCancelHours", "hours", "offerHold", "duration", "offerStrategy", "strategy",
                    "bookingHorizonDays", "days", "broadcastSize", "small"),
            Route.of("GET", "/api/v1/services"),
            Route.of("POST", "/api/v1/services").withBody("name", "text", "durationMinutes", "minutes",
                    "bufferMinutes", "minutes", "modality", "modality", "capacity", "small"),
            Route.of("GET", "/api/v1/services/{service}"),
            Route.of("GET", "/api/v1/providers"),
            Route.of("POST", "/api/v1/providers").withBody("displayName", "text", "serviceIds", List.of("service")),
            Route.of("GET", "/api/v1/providers/{provider}"),
            Route.of("PUT", "/api/v1/providers/{provider}/working-hours").withBody("weekly",
                    List.of(Map.of("dayOfWeek", "day", "start", "time", "end", "time"))),
            Route.of("GET", "/api/v1/providers/{provider}/time-off"),
            Route.of("POST", "/api/v1/providers/{provider}/time-off").withBody("start", "instant", "end", "instant",
                    "reason", "text"),
            Route.of("DELETE", "/api/v1/providers/{provider}/time-off/{timeOff}"),
            Route.of("POST", "/api/v1/patients").withBody("firstName", "text", "lastName", "text",
                    "dateOfBirth", "birthDate", "email", "email", "phone", "text"),
            Route.of("GET", "/api/v1/patients/{patient}"),
            // appointments
            Route.of("POST", "/api/v1/appointments").withBody("patientId", "patient", "providerId", "provider",
                    "serviceId", "service", "start", "instant"),
            Route.of("POST", "/api/v1/appointments/{appointment}/reschedule").withBody("start", "instant",
                    "providerId", "provider"),
            Route.of("POST", "/api/v1/appointments/{appointment}/cancel").withBody("reason", "cancelReason",
                    "note", "text"),
            Route.of("POST", "/api/v1/appointments/{appointment}/check-in"),
            Route.of("POST", "/api/v1/appointments/{appointment}/complete"),
            Route.of("POST", "/api/v1/appointments/{appointment}/no-show"),
            Route.of("GET", "/api/v1/appointments/{appointment}"),
            Route.of("GET", "/api/v1/appointments/{appointment}/history"),
            Route.of("GET", "/api/v1/calendar").withQuery("providerId", "provider", "patientId", "patient",
                    "from", "date", "to", "date", "asOf", "instant"),
            Route.of("GET", "/api/v1/availability").withQuery("serviceId", "service", "from", "date", "to", "date",
                    "providerId", "provider"),
            // waitlist
            Route.of("POST", "/api/v1/waitlist").withBody("patientId", "patient", "serviceId", "service",
                    "providerIds", List.of("provider"),
                    "windows", List.of(Map.of("dayOfWeek", "day", "start", "time", "end", "time")),
                    "notBefore", "date", "notAfter", "date", "priority", "priority", "note", "text"),
            Route.of("DELETE", "/api/v1/waitlist/{entry}"),
            Route.of("GET", "/api/v1/waitlist").withQuery("status", "waitlistStatus", "limit", "limit"),
            Route.of("GET", "/api/v1/waitlist/{entry}"),
            Route.of("POST", "/api/v1/waitlist/{entry}/offers").withBody("providerId", "provider", "start", "instant"),
            Route.of("POST", "/api/v1/waitlist/offers/{offer}/accept"),
            Route.of("POST", "/api/v1/waitlist/offers/{offer}/decline"),
            // audit
            Route.of("GET", "/api/v1/audit").withQuery("patientId", "patient", "actor", "text", "action", "text",
                    "outcome", "outcome", "from", "instant", "to", "instant", "limit", "limit", "cursor", "text"),
            Route.of("GET", "/api/v1/audit/patients/{patient}/timeline"),
            Route.of("GET", "/api/v1/audit/verify"),
            Route.of("GET", "/api/v1/audit/export").withQuery("from", "date", "to", "date"),
            // reports and operations
            Route.of("GET", "/api/v1/reports/utilization").withQuery("from", "date", "to", "date", "format", "format"),
            Route.of("GET", "/api/v1/reports/no-shows").withQuery("from", "date", "to", "date", "format", "format"),
            Route.of("GET", "/api/v1/reports/waitlist").withQuery("from", "date", "to", "date", "format", "format"),
            Route.of("POST", "/api/v1/admin/projections/{projection}/rebuild"),
            Route.of("POST", "/api/v1/admin/projections/{projection}/dead-letters/retry"),
            Route.of("GET", "/api/v1/admin/projections"),
            Route.of("GET", "/actuator/health"),
            Route.of("GET", "/actuator/prometheus"),
            Route.of("GET", "/v3/api-docs"),
            Route.of("GET", "/swagger-ui.html"),
            // recurring series
            Route.of("POST", "/api/v1/appointment-series/preview").withBody("patientId", "patient",
                    "providerId", "provider", "serviceId", "service", "start", "instant", "recurrence",
                    Map.of("everyWeeks", "small", "daysOfWeek", List.of("day"), "count", "small", "until", "date")),
            Route.of("POST", "/api/v1/appointment-series").withBody("patientId", "patient", "providerId", "provider",
                    "serviceId", "service", "start", "instant", "recurrence",
                    Map.of("everyWeeks", "small", "daysOfWeek", List.of("day"), "count", "small", "until", "date"),
                    "onConflict", "onConflict"),
            Route.of("GET", "/api/v1/appointment-series/{series}"),
            Route.of("POST", "/api/v1/appointment-series/{series}/cancel").withBody("reason", "cancelReason",
                    "from", "date"),
            // group sessions
            Route.of("POST", "/api/v1/group-sessions").withBody("providerId", "provider", "serviceId", "service",
                    "start", "instant"),
            Route.of("POST", "/api/v1/group-sessions/{session}/participants").withBody("patientId", "patient"),
            Route.of("POST", "/api/v1/group-sessions/{session}/cancel").withBody("reason", "cancelReason"),
            Route.of("GET", "/api/v1/group-sessions/{session}"),
            // reaching patients
            Route.of("PUT", "/api/v1/patients/{patient}/contact-preferences").withBody("email", "flag", "sms", "flag",
                    "reminders", "flag", "waitlistOffers", "flag"),
            Route.of("PUT", "/api/v1/practice/notifications").withBody("reminders", List.of("duration"),
                    "quietHours", Map.of("start", "time", "end", "time"), "includeServiceName", "flag"),
            Route.of("GET", "/api/v1/practice/notifications"),
            Route.of("GET", "/api/v1/patients/{patient}/messages"),
            Route.of("GET", "/offers/{offerToken}"),
            Route.of("POST", "/offers/{offerToken}/accept"),
            Route.of("POST", "/offers/{offerToken}/decline"),
            // webhooks
            Route.of("POST", "/api/v1/webhooks").withBody("url", "url", "events", List.of("webhookEvent"),
                    "description", "text"),
            Route.of("GET", "/api/v1/webhooks"),
            Route.of("DELETE", "/api/v1/webhooks/{webhook}"),
            Route.of("GET", "/api/v1/webhooks/{webhook}/deliveries"),
            // interoperability
            Route.of("GET", "/fhir/r4/metadata"),
            Route.of("GET", "/fhir/r4/Schedule").withQuery("actor", "provider"),
            Route.of("GET", "/fhir/r4/Slot").withQuery("schedule", "provider", "start", "instant", "status", "text",
                    "service-type", "service"),
            Route.of("GET", "/fhir/r4/Appointment").withQuery("patient", "patient", "actor", "provider",
                    "date", "date", "status", "text"),
            Route.of("GET", "/fhir/r4/Appointment/{appointment}"),
            Route.of("GET", "/fhir/r4/Practitioner/{provider}"),
            Route.of("GET", "/fhir/r4/Patient/{patient}"),
            Route.of("GET", "/fhir/r4/HealthcareService/{service}"),
            Route.of("POST", "/fhir/r4/Appointment").withBody("resourceType", "text", "status", "text",
                    "start", "instant", "end", "instant",
                    "participant", List.of(Map.of("actor", Map.of("reference", "text")))),
            Route.of("POST", "/api/v1/providers/{provider}/calendar-feeds"),
            Route.of("DELETE", "/api/v1/providers/{provider}/calendar-feeds/{feed}"),
            Route.of("GET", "/calendar-feeds/{feedToken}.ics"));

    // ---------------------------------------------------------------------------------------------------------
    // Requests
    // ---------------------------------------------------------------------------------------------------------

    /** One request as sent; its {@code toString} is what a failure shows (tokens by their role, not their text). */
    record Request(String method, String path, String query, String caller, Map<String, String> headers,
                   byte[] body) {

        String target() {
            return query.isEmpty() ? path : path + "?" + query;
        }

        @Override
        public String toString() {
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            Map<String, String> shown = new LinkedHashMap<>(headers);
            shown.remove("Authorization");
            return method + " " + target() + " as " + caller + " " + shown + " "
                    + (text.length() > 400 ? text.substring(0, 400) + "… (" + body.length + " bytes)" : text);
        }
    }

    private record Caller(String label, String authorization) {
    }

    @Provide
    Arbitrary<Request> requests() {
        Arbitrary<Route> route = Arbitraries.of(ROUTES);
        return route.flatMap(r -> Combinators.combine(method(r), path(r.template()), query(r), caller(),
                        headers(), body(r))
                .as((method, path, query, caller, headers, body) -> {
                    Map<String, String> all = new LinkedHashMap<>(headers);
                    if (caller.authorization() != null) {
                        all.put("Authorization", caller.authorization());
                    }
                    if (body != null && !all.containsKey("Content-Type")) {
                        all.put("Content-Type", "application/json");
                    }
                    all.values().removeIf(value -> value == null);
                    return new Request(method, path, query, caller.label(), all, body);
                }));
    }

    private static Arbitrary<String> method(Route route) {
        return Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.just(route.method())),
                Tuple.of(1, Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS")));
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");

    /** The template with each placeholder filled: a fitting id, another kind's, another practice's, or hostile. */
    private static Arbitrary<String> path(String template) {
        Matcher placeholders = PLACEHOLDER.matcher(template);
        List<String> kinds = new ArrayList<>();
        while (placeholders.find()) {
            kinds.add(placeholders.group(1));
        }
        if (kinds.isEmpty()) {
            return Arbitraries.just(template);
        }
        List<Arbitrary<String>> segments = kinds.stream().map(EveryRouteFuzzTest::pathSegment).toList();
        return Combinators.combine(segments).as(values -> {
            StringBuilder path = new StringBuilder();
            Matcher m = PLACEHOLDER.matcher(template);
            int i = 0;
            while (m.find()) {
                m.appendReplacement(path, Matcher.quoteReplacement(values.get(i++)));
            }
            m.appendTail(path);
            return path.toString();
        });
    }

    private static Arbitrary<String> pathSegment(String kind) {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(mine.of(kind)).map(EveryRouteFuzzTest::encode)),
                Tuple.of(1, Arbitraries.of(mine.all()).map(EveryRouteFuzzTest::encode)),
                Tuple.of(2, Arbitraries.of(theirs.of(kind)).map(EveryRouteFuzzTest::encode)),
                Tuple.of(4, hostileSegment()));
    }

    /** Path segments as they go on the wire (already percent-encoded where they must be). */
    private static Arbitrary<String> hostileSegment() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("", "%00", "a%00b", "%ED%A0%80", "..", "%2e%2e", "%2F", "%5C", ".",
                        "x".repeat(201), "x".repeat(3000), "%25", "-1", "0", "null", "undefined", "%20",
                        "%E2%80%AE", "%EF%BB%BF", "%C0%AF", "practice", "..%2F..%2Fetc%2Fpasswd", "*",
                        UUID.randomUUID().toString(), encode("ключ"), encode("🧠"), encode("' OR 1=1 --"),
                        encode("<script>alert(1)</script>"), encode("\u0007\u001b[2J"), encode("a/b"),
                        encode("${jndi:ldap://x}"), "scheduling", "audit", "waitlist", "reports")),
                Tuple.of(3, hostileText().map(EveryRouteFuzzTest::encode)));
    }

    /** Query parameters: valid ones, hostile values, some left out, unknown and repeated ones added. */
    private static Arbitrary<String> query(Route route) {
        List<Arbitrary<String>> parameters = new ArrayList<>();
        route.query().forEach((name, kind) -> parameters.add(Arbitraries.frequencyOf(
                Tuple.of(6, value(kind).map(v -> name + "=" + encodeQuery(v))),
                Tuple.of(2, Arbitraries.just("")),
                Tuple.of(3, hostileText().map(v -> name + "=" + encodeQuery(v))),
                Tuple.of(1, Arbitraries.of(name + "=%00", name + "=%ED%A0%80", name, name + "=",
                        name + "=a&" + name + "=b", name + "=" + "x".repeat(5000))))));
        parameters.add(Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.of("page=-1", "size=100000", "limit=2147483648", "sort=id;drop",
                        "%00=%00", "=", "&&&", "cursor=" + "%FF".repeat(10), "practiceId=" + theirs.practiceId()))));
        return Combinators.combine(parameters).as(values -> String.join("&", values.stream()
                .filter(v -> !v.isEmpty()).toList()));
    }

    /** Mostly the practice's own staff, so requests get past the door and reach the routes' rules. */
    private static Arbitrary<Caller> caller() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of(staff)),
                Tuple.of(1, Arbitraries.of(strangers)),
                Tuple.of(2, Arbitraries.of(broken)));
    }

    private static List<Caller> staff() {
        List<Caller> all = new ArrayList<>();
        for (Role role : Role.values()) {
            if (role != Role.CLINICIAN) {
                all.add(bearer(role.name(), practice.token(role)));
            }
        }
        all.add(bearer("CLINICIAN", practice.clinician(mine.of("provider").get(0))));
        return all;
    }

    private static List<Caller> broken(DevelopmentKeys keys) throws IOException {
        List<Caller> all = new ArrayList<>();
        all.add(new Caller("no token", null));
        all.add(new Caller("garbage token", "Bearer not-a-jwt"));
        all.add(new Caller("empty bearer", "Bearer "));
        all.add(new Caller("three dots", "Bearer a.b.c"));
        all.add(new Caller("basic", "Basic dXNlcjpwYXNz"));
        all.add(new Caller("lower-case scheme", "bearer " + practice.scheduler));
        Instant now = Instant.now();
        all.add(bearer("expired", DevelopmentTokens.mint(keys, "u", practice.practiceId, List.of(Role.SCHEDULER),
                null, now.minus(Duration.ofHours(2)), Duration.ofHours(1))));
        all.add(bearer("without practice", DevelopmentTokens.mint(keys, "u", null, List.of(Role.SCHEDULER), null,
                now, Duration.ofHours(1))));
        all.add(bearer("unknown role", DevelopmentTokens.sign(keys, new JWTClaimsSet.Builder()
                .issuer(DevelopmentKeys.ISSUER).subject("u").claim("practice_id", practice.practiceId)
                .claim("roles", List.of("ROOT", "")).expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .build())));
        all.add(bearer("hostile claims", DevelopmentTokens.sign(keys, new JWTClaimsSet.Builder()
                .issuer(DevelopmentKeys.ISSUER).subject("x".repeat(5000) + "\u0000")
                .claim("practice_id", practice.practiceId + "\u0000").claim("roles", "PRACTICE_ADMIN")
                .claim("provider_id", List.of(1, 2)).expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .build())));
        all.add(bearer("signed by a stranger", DevelopmentTokens.mint(DevelopmentKeys.loadOrCreate(
                Files.createTempDirectory("stranger-keys")), "u", practice.practiceId, Role.PRACTICE_ADMIN)));
        return all;
    }

    private static Caller bearer(String label, String token) {
        return new Caller(label, "Bearer " + token);
    }

    /** Idempotency keys, Accept and Content-Type headers, mostly absent or ordinary. */
    private static Arbitrary<Map<String, String>> headers() {
        Arbitrary<String> idempotencyKey = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just((String) null)),
                Tuple.of(2, Arbitraries.create(() -> UUID.randomUUID().toString())),
                Tuple.of(2, Arbitraries.just("the-same-key")),
                Tuple.of(1, Arbitraries.of("", " ", "x".repeat(300), "x".repeat(5000), "ümlaut-ÿ", "a\tb",
                        "%00", "' OR 1=1 --", "null")));
        Arbitrary<String> accept = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just((String) null)),
                Tuple.of(1, Arbitraries.of("application/json", "application/problem+json", "*/*", "text/html",
                        "application/xml", "text/csv", "image/png", "application/x-ndjson", "garbage",
                        "application/json;q=0", "text/plain, */*;q=0.1")));
        Arbitrary<String> contentType = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.just((String) null)),
                Tuple.of(1, Arbitraries.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                        "multipart/form-data; boundary=x", "multipart/form-data", "application/json; charset=UTF-16",
                        "application/json; charset=nonsense", "application/merge-patch+json", "garbage", "",
                        "application/octet-stream")));
        return Combinators.combine(idempotencyKey, accept, contentType).as((key, a, type) -> {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Idempotency-Key", key);
            headers.put("Accept", a);
            headers.put("Content-Type", type);
            return headers;
        });
    }

    // ---------------------------------------------------------------------------------------------------------
    // Bodies
    // ---------------------------------------------------------------------------------------------------------

    private static final RawValue LONE_SURROGATE = new RawValue("\"half \\ud800 pair\"");

    /** The route's valid body, with hostile fields, missing and extra ones; or broken JSON; or none. */
    private static Arbitrary<byte[]> body(Route route) {
        Arbitrary<byte[]> broken = brokenBody();
        if (route.body() == null) {
            return Arbitraries.frequencyOf(
                    Tuple.of(8, Arbitraries.just((byte[]) null)),
                    Tuple.of(1, broken),
                    Tuple.of(1, Arbitraries.just(json(Map.of("note", "unexpected")))));
        }
        Arbitrary<Map<String, Object>> valid = object(route.body());
        Arbitrary<Map<String, Object>> mutated = Combinators.combine(valid,
                Arbitraries.of(route.body().keySet().toArray(String[]::new)), hostileJson(), extraField(),
                Arbitraries.integers().between(0, 3))
                .as((fields, name, hostile, extra, how) -> {
                    Map<String, Object> body = new LinkedHashMap<>(fields);
                    switch (how) {
                        case 0 -> body.put(name, hostile);
                        case 1 -> body.remove(name);
                        case 2 -> body.put(extra.get1(), extra.get2());
                        default -> body.keySet().removeIf(field -> !field.equals(name));
                    }
                    return body;
                });
        return Arbitraries.frequencyOf(
                Tuple.of(5, valid.map(EveryRouteFuzzTest::json)),
                Tuple.of(6, mutated.map(EveryRouteFuzzTest::json)),
                Tuple.of(2, broken),
                Tuple.of(1, Arbitraries.just((byte[]) null)));
    }

    /** A valid object of {@code shape}: each field's kind becomes a fitting value. */
    @SuppressWarnings("unchecked")
    private static Arbitrary<Map<String, Object>> object(Map<String, Object> shape) {
        List<String> names = new ArrayList<>(shape.keySet());
        List<Arbitrary<Object>> values = names.stream().map(name -> shaped(shape.get(name))).toList();
        return Combinators.combine(values).as(generated -> {
            Map<String, Object> object = new LinkedHashMap<>();
            IntStream.range(0, names.size()).forEach(i -> object.put(names.get(i), generated.get(i)));
            return object;
        });
    }

    @SuppressWarnings("unchecked")
    private static Arbitrary<Object> shaped(Object shape) {
        if (shape instanceof String kind) {
            return value(kind).map(v -> (Object) v);
        }
        if (shape instanceof List<?> list) {
            return shaped(list.get(0)).list().ofMaxSize(3).map(v -> (Object) v);
        }
        return object((Map<String, Object>) shape).map(v -> (Object) v);
    }

    /** A value of {@code kind} the contract accepts, or nearly: mostly this practice's. */
    private static Arbitrary<Object> value(String kind) {
        LocalDate monday = LocalDate.now(NEW_YORK).with(TemporalAdjusters.next(DayOfWeek.MONDAY)).plusWeeks(1);
        return switch (kind) {
            case "patient", "provider", "service", "appointment", "entry", "offer", "timeOff", "session" -> Arbitraries
                    .frequencyOf(Tuple.of(5, Arbitraries.of(mine.of(kind))), Tuple.of(1, Arbitraries.of(theirs.of(kind))))
                    .map(v -> (Object) v);
            case "instant" -> Arbitraries.integers().between(-2, 30 * 24 * 4).map(quarter -> (Object)
                    ZonedDateTime.of(monday, LocalTime.of(9, 0), NEW_YORK).plusMinutes(15L * quarter)
                            .toOffsetDateTime().toString());
            case "date" -> Arbitraries.integers().between(-30, 60).map(days -> (Object) monday.plusDays(days)
                    .toString());
            case "birthDate" -> Arbitraries.of("1985-04-12", "2001-02-28", "1930-01-01").map(v -> (Object) v);
            case "time" -> Arbitraries.of("08:00", "09:00", "12:00", "13:00", "17:00", "23:59").map(v -> (Object) v);
            case "day" -> Arbitraries.of(DayOfWeek.class).map(d -> (Object) d.name());
            case "zone" -> Arbitraries.of("America/New_York", "UTC", "Europe/Berlin", "Asia/Kathmandu")
                    .map(v -> (Object) v);
            case "minutes" -> Arbitraries.of(0, 5, 10, 15, 30, 50, 60).map(v -> (Object) v);
            case "hours" -> Arbitraries.of(0, 24, 48).map(v -> (Object) v);
            case "days" -> Arbitraries.of(1, 30, 180, 365).map(v -> (Object) v);
            case "small" -> Arbitraries.integers().between(1, 12).map(v -> (Object) v);
            case "limit" -> Arbitraries.of(1, 10, 500).map(v -> (Object) v);
            case "duration" -> Arbitraries.of("PT2H", "PT15M", "P1D", "P2D").map(v -> (Object) v);
            case "strategy" -> Arbitraries.of("SEQUENTIAL", "BROADCAST").map(v -> (Object) v);
            case "modality" -> Arbitraries.of("IN_PERSON", "TELEHEALTH", "PHONE").map(v -> (Object) v);
            case "cancelReason" -> Arbitraries.of("PATIENT_REQUEST", "PROVIDER_UNAVAILABLE", "PRACTICE", "OTHER")
                    .map(v -> (Object) v);
            case "priority" -> Arbitraries.of("ROUTINE", "HIGH", "URGENT").map(v -> (Object) v);
            case "waitlistStatus" -> Arbitraries.of("WAITING", "OFFERED", "BOOKED", "REMOVED").map(v -> (Object) v);
            case "outcome" -> Arbitraries.of("SUCCESS", "FAILURE", "DENIED").map(v -> (Object) v);
            case "format" -> Arbitraries.of("csv", "json").map(v -> (Object) v);
            case "onConflict" -> Arbitraries.of("REJECT", "SKIP").map(v -> (Object) v);
            case "flag" -> Arbitraries.of(true, false).map(v -> (Object) v);
            case "email" -> Arbitraries.of("pat@example.org", "a@b.c").map(v -> (Object) v);
            case "url" -> Arbitraries.of("https://example.org/hook", "http://127.0.0.1/hook",
                    "http://169.254.169.254/latest", "file:///etc/passwd").map(v -> (Object) v);
            case "webhookEvent" -> Arbitraries.of("appointment.booked", "offer.made", "nonsense").map(v -> (Object) v);
            default -> Arbitraries.of("Individual therapy", "Dr. Ana Ruiz", "Ada", "x").map(v -> (Object) v);
        };
    }

    /** Text no one types: control characters, bidi overrides, long, unicode, injections. */
    private static Arbitrary<String> hostileText() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(3, Arbitraries.of("", " ", "\u0000", "a\u0000b", "\u0007", "\u001b[2J", "\r\n", "\u202e",
                        "\ufeff", "ключ", "🧠", "Ĝroup", "null", "true", "-1", "1e400", "' OR 1=1 --",
                        "<script>alert(1)</script>", "${jndi:ldap://x}", "../../etc/passwd", "%00",
                        "2026-02-30", "9999-12-31", "-999999999-01-01", "+999999999-12-31T23:59:59Z",
                        "2026-12-01T09:00:00", "2026-12-01T25:00:00Z", "P-1D", "PT0S", "P99999999D",
                        "Mars/Olympus_Mons", "MONDAY ", "monday", "x".repeat(10_000))),
                Tuple.of(1, Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(5)));
    }

    /** A value that fits no field: wrong types, nulls, numbers out of range, half a surrogate pair, junk. */
    private static Arbitrary<Object> hostileJson() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, hostileText().map(v -> (Object) v)),
                Tuple.of(3, Arbitraries.just(null)),
                Tuple.of(3, Arbitraries.of(0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, 1.5, -0.0,
                        true, false, List.of(), Map.of(), List.of(1, "a", List.of()), Map.of("a", Map.of("b", 1)),
                        new RawValue("2147483648"), new RawValue("9223372036854775808"), new RawValue("1e400"),
                        new RawValue("-1e400"), new RawValue("123456789012345678901234567890"),
                        new RawValue("[" + "[".repeat(1200) + "]".repeat(1200) + "]"),
                        new RawValue("{\"a\":" + "{\"a\":".repeat(600) + "1" + "}".repeat(600) + "}"),
                        Collections.nCopies(10_000, "x"), LONE_SURROGATE, new RawValue("\"\\u0000\""))
                        .map(v -> (Object) v)),
                Tuple.of(1, Arbitraries.integers().map(v -> (Object) v)),
                Tuple.of(1, Arbitraries.doubles().map(v -> (Object) v)));
    }

    private static Arbitrary<Tuple.Tuple2<String, Object>> extraField() {
        return Combinators.combine(Arbitraries.of("id", "practiceId", "status", "isAdmin", "roles", "__proto__",
                        "constructor", "", "\u0000", "x".repeat(500), "seriesId", "createdBy", "source"),
                Arbitraries.frequencyOf(
                        Tuple.of(1, Arbitraries.of(theirs.practiceId(), "COMPLETED", List.of("PRACTICE_ADMIN"))
                                .map(v -> (Object) v)),
                        Tuple.of(1, hostileJson())))
                .as((name, value) -> Tuple.of(name, value));
    }

    /** Bytes that are no JSON object: broken, empty, other types, not UTF-8, over the body cap. */
    private static Arbitrary<byte[]> brokenBody() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("", "{", "}", "{\"a\":", "{\"a\" 1}", "[]", "null", "\"x\"", "1", "true",
                        "{}", "{\"name\":\"a\",\"name\":\"b\"}", "{'single':'quotes'}", "{\"a\":1,}", "NaN",
                        "{\"x\":\"\\ud800\"}", "{\"x\":\"\\u0000\"}", "{\"x\":\"\\uZZZZ\"}", "/* comment */ {}",
                        "[" + "[".repeat(5000) + "]".repeat(5000) + "]", "{\"a\":1}{\"b\":2}", "\ufeff{}",
                        "<xml/>", "a=b&c=d").map(text -> text.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(1, Arbitraries.of(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0},
                        new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xc3, '"', '}'},
                        new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', '}'},
                        ("{\"a\":\"" + "x".repeat(2_000_000) + "\"}").getBytes(StandardCharsets.UTF_8))),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(64)));
    }

    private static byte[] json(Object body) {
        try {
            return Api.JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Ids of a practice
    // ---------------------------------------------------------------------------------------------------------

    /** A practice set up with one of each kind of thing, so requests can name what exists. */
    private record Ids(String practiceId, Map<String, List<String>> byKind) {

        static Ids of(PracticeFixture practice) {
            PracticeFixture.Setup s = practice.standard();
            Map<String, List<String>> ids = new LinkedHashMap<>();
            ids.put("patient", List.of(s.patientId(), practice.patient("Grace", "Hopper")));
            ids.put("provider", List.of(s.providerId()));
            String group = GroupSessionsTest.groupService(practice, 3, api);
            ids.put("service", List.of(s.serviceId(), group));
            LocalDate monday = LocalDate.now(NEW_YORK).with(TemporalAdjusters.next(DayOfWeek.MONDAY)).plusWeeks(1);
            ids.put("appointment", IntStream.of(9, 11, 13, 15).mapToObj(hour -> practice.booked(s.patientId(),
                    s.providerId(), s.serviceId(), at(monday, hour))).toList());
            ids.put("timeOff", List.of(api.post(practice.admin, "/api/v1/providers/" + s.providerId()
                    + "/time-off", Map.of("start", at(monday.plusDays(14), 9), "end", at(monday.plusDays(14), 10)))
                    .id()));
            List<String> entries = new ArrayList<>();
            List<String> offers = new ArrayList<>();
            for (int hour : new int[] {9, 11}) {
                // only Wednesdays suit them, so no time freed by the fuzzing on other days is offered to them
                String entry = api.post(practice.scheduler, "/api/v1/waitlist", Map.of("patientId",
                        s.patientId(), "serviceId", s.serviceId(), "windows", List.of(Map.of("dayOfWeek",
                                "WEDNESDAY", "start", "08:00", "end", "18:00")))).id();
                entries.add(entry);
                offers.add(api.post(practice.scheduler, "/api/v1/waitlist/" + entry + "/offers",
                        Map.of("providerId", s.providerId(), "start", at(monday.plusDays(2), hour))).id());
            }
            ids.put("entry", entries);
            ids.put("offer", offers);
            // group sessions on Tuesday and Thursday, where no appointment above is
            ids.put("session", IntStream.of(1, 3).mapToObj(day -> api.post(practice.scheduler,
                    "/api/v1/group-sessions", Map.of("providerId", s.providerId(), "serviceId", group,
                            "start", at(monday.plusDays(day), 10))).id()).toList());
            ids.put("series", List.of(api.post(practice.scheduler, "/api/v1/appointment-series", Map.of(
                    "patientId", s.patientId(), "providerId", s.providerId(), "serviceId", s.serviceId(),
                    "start", at(monday.plusDays(3), 9), "recurrence", Map.of("count", 3))).id()));
            Api.Response feed = api.post(practice.admin, "/api/v1/providers/" + s.providerId() + "/calendar-feeds",
                    null);
            ids.put("feed", List.of(feed.id()));
            ids.put("feedToken", List.of(feed.body().path("url").asText().replaceAll(".*/|\\.ics$", "")));
            ids.put("projection", List.of("scheduling", "waitlist", "audit", "reports"));
            ids.values().forEach(list -> assertThat(list).doesNotContainNull().doesNotContain(""));
            return new Ids(practice.practiceId, ids);
        }

        private static String at(LocalDate day, int hour) {
            return ZonedDateTime.of(day, LocalTime.of(hour, 0), NEW_YORK).toOffsetDateTime().toString();
        }

        /** Ids of {@code kind}; for kinds that do not exist yet (series, webhooks, …) a fresh UUID. */
        List<String> of(String kind) {
            return byKind.getOrDefault(kind, List.of(UUID.randomUUID().toString()));
        }

        List<String> all() {
            return byKind.values().stream().flatMap(List::stream).toList();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // The wire
    // ---------------------------------------------------------------------------------------------------------

    /** Percent-encodes every byte of {@code text} but the unreserved ones, as one path segment. */
    private static String encode(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 0x80 || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }

    private static String encodeQuery(Object value) {
        return URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
    }

    private static Api.Response send(Request request) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.target()))
                    // generous: a loaded two-core machine answers slowly, not wrongly
                    .timeout(Duration.ofSeconds(120))
                    .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
            request.headers().forEach(builder::header);
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            boolean problemOrJson = contentType.startsWith("application/problem+json")
                    || contentType.startsWith("application/json") || contentType.startsWith("application/fhir+json");
            JsonNode json = response.body().isEmpty() || !problemOrJson ? Api.JSON.nullNode()
                    : Api.JSON.readTree(response.body());
            return new Api.Response(response.statusCode(), json, response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(request.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
