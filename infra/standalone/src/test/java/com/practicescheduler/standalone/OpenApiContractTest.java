package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The published OpenAPI document ({@code /v3/api-docs}) tells a client generator the truth: every route of the REST
 * contract ({@code api.md}) with its success status and refusals, bearer tokens, problem responses, no injected
 * parameters. Writes the document to {@code target/openapi.json} for a linter.
 */
class OpenApiContractTest extends IntegrationTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Pattern ROUTE = Pattern.compile("`(?:(GET|POST|PUT|DELETE|PATCH) )?(/[^`\\s]*)`");
    private static final Pattern SAME_PATH = Pattern.compile("`(GET|POST|PUT|DELETE)` the same");
    private static final Pattern STATUS = Pattern.compile("→\\s*(\\d{3})?");
    private static final Pattern ERROR_ROW = Pattern.compile("^\\|\\s*(\\d{3})\\s*\\|(.*?)\\|", Pattern.MULTILINE);
    private static final Pattern SLUG = Pattern.compile("`([a-z-]+)`");

    /**
     * Routes of api.md's v1 additions that this application does not serve yet: documenting them would be false.
     * Each is checked to be absent, so one that gets built must leave this list and meet the contract.
     */
    private static final Set<String> NOT_SERVED_YET = Set.of(
            "GET /api/v1/appointments/{}/history");

    /**
     * Routes of api.md served by the FHIR servlet, not Spring MVC: the OpenAPI document describes {@code /api}, and
     * the FHIR interface describes itself in its CapabilityStatement ({@code GET /fhir/r4/metadata}, FhirTest). Each
     * is checked to be absent from the document and listed in the CapabilityStatement.
     */
    private static final Map<String, String> SERVED_BY_FHIR = Map.of(
            "POST /fhir/r4/Appointment", "Appointment create");

    /** Slugs of api.md's error table that only routes of {@link #NOT_SERVED_YET} produce. */
    private static final Set<String> SLUGS_NOT_SERVED_YET = Set.of();

    /** Where api.md's error table says ("when") a refusal happens, as the routes it names. */
    private static final Map<String, List<String>> REFUSALS_BY_ROUTE = Map.ofEntries(
            Map.entry("POST /api/v1/appointments", List.of("409 slot-unavailable", "409 idempotency-key-reused",
                    "422 outside-working-hours", "422 time-off", "422 in-the-past", "422 beyond-horizon",
                    "422 service-not-offered")),
            Map.entry("POST /api/v1/appointments/{}/reschedule", List.of("409 slot-unavailable", "409 invalid-transition",
                    "422 outside-working-hours", "422 time-off", "422 in-the-past", "422 beyond-horizon",
                    "422 service-not-offered")),
            Map.entry("POST /api/v1/appointments/{}/cancel", List.of("409 invalid-transition")),
            Map.entry("POST /api/v1/appointment-series", List.of("409 series-conflicts", "409 idempotency-key-reused")),
            Map.entry("POST /api/v1/appointments/{}/check-in", List.of("409 invalid-transition")),
            Map.entry("POST /api/v1/appointments/{}/complete", List.of("409 invalid-transition")),
            Map.entry("POST /api/v1/appointments/{}/no-show", List.of("409 invalid-transition")),
            Map.entry("POST /api/v1/providers/{}/time-off", List.of("409 conflicts-with-appointments")),
            Map.entry("POST /api/v1/waitlist/{}/offers", List.of("409 slot-unavailable")),
            Map.entry("POST /api/v1/waitlist/offers/{}/accept", List.of("410 offer-expired")),
            Map.entry("POST /api/v1/waitlist/offers/{}/decline", List.of("410 offer-expired")));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMappings;

    JsonNode document;
    Map<String, JsonNode> operations;

    @BeforeEach
    void fetchTheDocument() throws IOException {
        Api.Response response = api.get(null, "/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        document = response.body();
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("openapi.json"),
                Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document));
        operations = new TreeMap<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op ->
                operations.put(op.getKey().toUpperCase() + " " + normalized(path.getKey()), op.getValue())));
    }

    @Test
    void everyRouteOfTheContractIsPublishedWithItsStatuses() throws IOException {
        Path apiMd = repositoryRoot().resolve("../shared/design/api.md").normalize();
        Assumptions.assumeTrue(Files.isReadable(apiMd), "Assumed the REST contract at " + apiMd
                + " (../shared/design/api.md beside the repository) is not there: its routes are not checked");
        String contract = Files.readString(apiMd);
        Map<String, Integer> routes = routes(contract);
        assertThat(routes).as("routes read from api.md").hasSizeGreaterThan(40);

        assertThat(NOT_SERVED_YET).as("routes listed as not served yet are still in api.md")
                .allSatisfy(route -> assertThat(routes).containsKey(route));
        JsonNode capabilities = api.get(null, "/fhir/r4/metadata").body();
        routes.forEach((route, status) -> {
            if (SERVED_BY_FHIR.containsKey(route)) {
                assertThat(operations).as("%s is FHIR's, not in the OpenAPI document", route).doesNotContainKey(route);
                String[] what = SERVED_BY_FHIR.get(route).split(" ");
                assertThat(capabilities.path("rest").path(0).path("resource")).as("CapabilityStatement lists %s", route)
                        .anySatisfy(resource -> {
                            assertThat(resource.path("type").asText()).isEqualTo(what[0]);
                            assertThat(resource.path("interaction").findValuesAsText("code")).contains(what[1]);
                        });
                return;
            }
            if (NOT_SERVED_YET.contains(route)) {
                assertThat(operations).as("%s is served now: take it off NOT_SERVED_YET", route)
                        .doesNotContainKey(route);
                return;
            }
            assertThat(operations).as("api.md's %s in the document", route).containsKey(route);
            assertThat(successStatuses(operations.get(route))).as("success status of %s", route)
                    .containsExactly(Integer.toString(status));
        });

        REFUSALS_BY_ROUTE.forEach((route, refusals) -> {
            assertThat(routes).as("api.md names %s", route).containsKey(route);
            for (String refusal : refusals) {
                String status = refusal.substring(0, 3);
                assertThat(slugs(operations.get(route), status)).as("%s refuses with %s", route, refusal)
                        .contains(refusal.substring(4));
            }
        });

        Matcher row = ERROR_ROW.matcher(contract);
        int rows = 0;
        while (row.find()) {
            Matcher slug = SLUG.matcher(row.group(2));
            while (slug.find()) {
                rows++;
                String status = row.group(1);
                String name = slug.group(1);
                if (SLUGS_NOT_SERVED_YET.contains(name)) {
                    continue;
                }
                assertThat(operations.values()).as("some operation refuses with %s %s", status, name)
                        .anyMatch(op -> slugs(op, status).contains(name));
            }
        }
        assertThat(rows).as("slugs read from api.md's error table").isEqualTo(18);
    }

    @Test
    void everyOperationNeedsABearerTokenAndRefusesWithProblems() {
        JsonNode scheme = document.at("/components/securitySchemes/bearer");
        assertThat(scheme.path("type").asText()).isEqualTo("http");
        assertThat(scheme.path("scheme").asText()).isEqualTo("bearer");
        assertThat(scheme.path("bearerFormat").asText()).isEqualTo("JWT");
        assertThat(operations).hasSizeGreaterThanOrEqualTo(40);

        Set<String> operationIds = new HashSet<>();
        operations.forEach((route, op) -> {
            // the patient's offer page and a calendar feed: the link's token is the credential, no bearer token
            // (ADR 16, ADR 19)
            boolean offerLink = route.contains(" /offers/") || route.contains(" /calendar-feeds/");
            if (offerLink) {
                assertThat(op.path("security").isArray() && op.path("security").isEmpty())
                        .as("no bearer on %s", route).isTrue();
            } else {
                assertThat(route).contains(" /api/");
                assertThat(op.path("security").findValues("bearer")).as("bearer on %s", route).isNotEmpty();
            }
            assertThat(op.path("summary").asText()).as("summary of %s", route).isNotBlank();
            assertThat(operationIds.add(op.path("operationId").asText())).as("unique operationId of %s", route)
                    .isTrue();
            op.path("parameters").forEach(parameter -> {
                String name = parameter.path("name").asText();
                // the acting user is the token's; only the audit trail has an "actor" of its own: a filter
                assertThat(name.equalsIgnoreCase("actor") && !route.equals("GET /api/v1/audit"))
                        .as("injected parameter %s on %s", name, route).isFalse();
                assertThat(parameter.path("schema").has("$ref") || parameter.at("/schema/type").asText()
                        .equals("object")).as("parameter %s of %s is an object", name, route).isFalse();
            });

            List<String> refusals = new ArrayList<>(offerLink ? List.of("400", "429", "500", "503")
                    : List.of("400", "401", "403", "429", "500", "503"));
            if (route.contains("{}")) {
                refusals.add("404");
            }
            if (op.has("requestBody")) {
                refusals.add("413");
            }
            for (String status : refusals) {
                JsonNode response = response(op, status);
                assertThat(response.path("content").has(PROBLEM_JSON)).as("%s answers %s as a problem", route,
                        status).isTrue();
                assertThat(slugs(op, status)).as("slug of %s on %s", status, route).isNotEmpty();
            }
            op.path("responses").properties().forEach(entry -> {
                JsonNode response = response(op, entry.getKey());
                assertThat(response.path("content").has("*/*")).as("media type of %s on %s", entry.getKey(),
                        route).isFalse();
                if (entry.getKey().startsWith("4") || entry.getKey().startsWith("5")) {
                    assertThat(response.path("content").properties()).extracting(Map.Entry::getKey)
                            .containsExactly(PROBLEM_JSON);
                }
            });
            if (op.path("responses").has("201")) {
                assertThat(op.at("/responses/201/headers/Location").isMissingNode()).as("Location on %s", route)
                        .isFalse();
            }
            if (op.path("responses").has("204")) {
                assertThat(op.at("/responses/204/content").isMissingNode()).as("no body on %s", route).isTrue();
            }
        });

        assertThat(document.at("/components/schemas/Actor").isMissingNode()).isTrue();
        assertThat(operations.get("GET /api/v1/audit").path("parameters")).as("the audit trail's actor filter")
                .anySatisfy(p -> {
                    assertThat(p.path("name").asText()).isEqualTo("actor");
                    assertThat(p.path("in").asText()).isEqualTo("query");
                    assertThat(p.at("/schema/type").asText()).isEqualTo("string");
                });
        JsonNode problem = document.at("/components/schemas/Problem");
        assertThat(problem.path("properties").properties()).extracting(Map.Entry::getKey)
                .contains("type", "title", "status", "detail", "errors");
        assertThat(problem.at("/properties/errors/items/$ref").asText()).isEqualTo("#/components/schemas/FieldError");
        assertThat(document.at("/components/schemas/FieldError/properties").properties())
                .extracting(Map.Entry::getKey).containsExactly("field", "message");
    }

    @Test
    void reportsAndTheAuditExportPublishTheirMediaTypes() {
        for (String report : List.of("utilization", "no-shows", "waitlist")) {
            JsonNode content = operations.get("GET /api/v1/reports/" + report).at("/responses/200/content");
            assertThat(content.properties()).extracting(Map.Entry::getKey).as(report)
                    .containsExactlyInAnyOrder("application/json", "text/csv");
            assertThat(content.at("/application~1json/schema/$ref").asText()).endsWith("Report");
            assertThat(operations.get("GET /api/v1/reports/" + report).path("parameters")).as(report)
                    .anySatisfy(p -> assertThat(p.path("name").asText()).isEqualTo("format"));
        }
        JsonNode export = operations.get("GET /api/v1/audit/export").at("/responses/200/content");
        assertThat(export.properties()).extracting(Map.Entry::getKey).containsExactly("application/x-ndjson");
    }

    @Test
    void fieldsThatCanBeNullAreNullable() {
        assertThat(types("AppointmentDetail", "rescheduledTo")).contains("string", "null");
        assertThat(types("AppointmentDetail", "cancellationReason")).contains("string", "null");
        assertThat(types("AppointmentDetail", "id")).containsExactly("string");
        assertThat(types("AppointmentResponse", "rescheduledFrom")).contains("string", "null");
        assertThat(types("PatientView", "email")).contains("string", "null");
        assertThat(types("PatientView", "lastName")).containsExactly("string");
        assertThat(types("Page", "nextCursor")).contains("string", "null");
        assertThat(types("EntrySummary", "rank")).contains("integer", "null");
        assertThat(types("OfferReason", "rank")).contains("integer", "null");
        assertThat(types("ProjectionStatus", "deadLetters")).contains("integer", "null");
    }

    /**
     * springdoc names a schema after its class's simple name and silently merges two classes of the same name (the
     * command side's and the query side's answers): every type the controllers take or answer needs a name of its
     * own.
     */
    @Test
    void noTwoTypesShareASchemaName() {
        Map<String, Set<String>> classesByName = new TreeMap<>();
        Deque<Type> pending = new ArrayDeque<>();
        handlerMappings.getHandlerMethods().values().forEach(handler -> {
            pending.add(handler.getReturnType().getGenericParameterType());
            for (MethodParameter parameter : handler.getMethodParameters()) {
                if (parameter.hasParameterAnnotation(RequestBody.class)) {
                    pending.add(parameter.getGenericParameterType());
                }
            }
            ApiResponse documented = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(),
                    ApiResponse.class);
            if (documented != null) {
                for (var content : documented.content()) {
                    pending.add(content.schema().implementation());
                }
            }
        });
        Set<Type> seen = new HashSet<>();
        Set<String> records = new TreeSet<>();
        while (!pending.isEmpty()) {
            Type type = pending.pop();
            if (!seen.add(type)) {
                continue;
            }
            if (type instanceof ParameterizedType parameterized) {
                pending.addAll(List.of(parameterized.getActualTypeArguments()));
            } else if (type instanceof Class<?> clazz && clazz.getName().startsWith("com.practicescheduler.")) {
                Schema named = clazz.getAnnotation(Schema.class);
                String name = named != null && !named.name().isEmpty() ? named.name() : clazz.getSimpleName();
                classesByName.computeIfAbsent(name, n -> new TreeSet<>()).add(clazz.getName());
                if (clazz.isRecord()) {
                    records.add(name);
                    for (RecordComponent component : clazz.getRecordComponents()) {
                        pending.add(component.getGenericType());
                    }
                }
            }
        }
        assertThat(classesByName).as("types found").containsKeys("AppointmentResponse", "AppointmentDetail");
        assertThat(classesByName).allSatisfy((name, classes) -> assertThat(classes).as(name).hasSize(1));
        records.forEach(name -> assertThat(document.at("/components/schemas/" + name).isMissingNode())
                .as("schema %s published", name).isFalse());
    }

    /** Method and path of each route api.md names, with its success status (200 where it names none). */
    static Map<String, Integer> routes(String contract) {
        Map<String, Integer> routes = new LinkedHashMap<>();
        for (String item : contract.split("\n(?=- )|\n\n")) {
            if (!item.startsWith("- ")) {
                continue;
            }
            List<Mention> mentions = new ArrayList<>();
            Matcher route = ROUTE.matcher(item);
            while (route.find()) {
                mentions.add(new Mention(route.start(), route.end(), route.group(1),
                        route.group(2).replaceAll("\\?.*", "")));
            }
            Matcher same = SAME_PATH.matcher(item);
            while (same.find()) {
                mentions.add(new Mention(same.start(), same.end(), same.group(1), null));
            }
            mentions.sort(Comparator.comparingInt(Mention::start));
            String method = null;
            String path = null;
            for (int i = 0; i < mentions.size(); i++) {
                Mention mention = mentions.get(i);
                if (mention.method() != null) {
                    method = mention.method();
                    path = mention.path() != null ? mention.path() : path;
                } else if (method != null && mention.path().matches("/[a-z][a-z-]*")) {
                    // "`POST /a/{id}/check-in` | `/complete`": a sibling of the route before it
                    path = path.substring(0, path.lastIndexOf('/')) + mention.path();
                } else {
                    continue;
                }
                int end = mentions.stream().skip(i + 1L).filter(m -> m.method() != null).mapToInt(Mention::start)
                        .findFirst().orElse(item.length());
                Matcher status = STATUS.matcher(item.substring(mention.end(), end));
                int code = status.find() && status.group(1) != null ? Integer.parseInt(status.group(1)) : 200;
                for (String alternative : alternatives(path)) {
                    routes.put(method + " " + normalized(alternative), code);
                }
            }
        }
        return routes;
    }

    /** A route named in api.md: with a method of its own, or a sibling path ("`/decline`") of the one before. */
    private record Mention(int start, int end, String method, String path) {
    }

    /** "/reports/utilization|no-shows|waitlist" → the three paths. */
    private static List<String> alternatives(String path) {
        int bar = path.indexOf('|');
        if (bar < 0) {
            return List.of(path);
        }
        String prefix = path.substring(0, path.lastIndexOf('/', bar) + 1);
        return List.of(path.substring(prefix.length()).split("\\|")).stream().map(last -> prefix + last).toList();
    }

    private static String normalized(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }

    private static List<String> successStatuses(JsonNode operation) {
        List<String> statuses = new ArrayList<>();
        operation.path("responses").fieldNames().forEachRemaining(code -> {
            if (code.startsWith("2")) {
                statuses.add(code);
            }
        });
        return statuses;
    }

    private JsonNode response(JsonNode operation, String status) {
        JsonNode response = operation.path("responses").path(status);
        String ref = response.path("$ref").asText("");
        return ref.isEmpty() ? response : document.at(ref.substring(1));
    }

    /** The problem slugs an operation documents for a status (the enum of the problem's {@code type}). */
    private List<String> slugs(JsonNode operation, String status) {
        List<String> slugs = new ArrayList<>();
        response(operation, status).path("content").path(PROBLEM_JSON).path("schema").findValues("enum")
                .forEach(types -> types.forEach(type -> slugs.add(type.asText().replace("/problems/", ""))));
        return slugs;
    }

    private List<String> types(String schema, String property) {
        JsonNode node = document.at("/components/schemas/" + schema + "/properties/" + property);
        assertThat(node.isMissingNode()).as("%s.%s", schema, property).isFalse();
        JsonNode type = node.path("type");
        List<String> types = new ArrayList<>();
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else {
            types.add(type.asText());
        }
        return types;
    }

    /** The directory of the Maven build's root: the one holding {@code mvnw}, from the module the test runs in. */
    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("mvnw")) && Files.isDirectory(d.resolve("infra"))) {
                return d;
            }
        }
        return dir;
    }
}
