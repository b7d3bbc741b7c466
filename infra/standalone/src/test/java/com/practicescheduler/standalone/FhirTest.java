package com.practicescheduler.standalone;

import static com.practicescheduler.standalone.AppointmentsTest.assertSlug;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.awaitility.Awaitility;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.junit.jupiter.api.Test;

/**
 * FHIR R4 at {@code /fhir/r4} (ADR 18), over HTTP with the REST API's tokens: every answer — the
 * CapabilityStatement, each read, each search Bundle, the created Appointment, each OperationOutcome — is checked
 * with HAPI's own validator against base R4 (offline), and every reference an answer holds is read back.
 */
class FhirTest extends IntegrationTest {

    static final String FHIR = "/fhir/r4";
    private static final String SERVICE_SYSTEM = "urn:practice-scheduler:service";
    private static FhirValidator validator;

    /** HAPI's validator on base R4, built once (it loads every structure definition). */
    static synchronized FhirValidator validator() {
        if (validator == null) {
            FhirContext context = FhirContext.forR4();
            ValidationSupportChain support = new ValidationSupportChain(new DefaultProfileValidationSupport(context),
                    new InMemoryTerminologyServerValidationSupport(context),
                    new CommonCodeSystemsTerminologyService(context));
            validator = context.newValidator().registerValidatorModule(new FhirInstanceValidator(support));
        }
        return validator;
    }

    /** The answer's body is valid base FHIR R4: no ERROR or FATAL message of HAPI's validator. */
    static Api.Response valid(Api.Response response) {
        assertThat(response.headers().firstValue("Content-Type")).as(response.toString())
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/fhir+json"));
        ValidationResult result = validator().validateWithResult(response.text());
        List<String> errors = result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(SingleValidationMessage::toString).toList();
        assertThat(errors).as("validation of " + response.text()).isEmpty();
        return response;
    }

    Api.Response fhir(String token, String method, String path, Object body, Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Accept", "application/fhir+json");
        return valid(api.send(token, method, FHIR + path, body, all));
    }

    Api.Response get(String token, String path) {
        return fhir(token, "GET", path, null, Map.of());
    }

    /** A searchset Bundle with as many entries as its total, each with a fullUrl naming the entry's resource. */
    static List<JsonNode> entries(Api.Response bundle, String type) {
        assertThat(bundle.status()).as(bundle.toString()).isEqualTo(200);
        assertThat(bundle.body().path("resourceType").asText()).isEqualTo("Bundle");
        assertThat(bundle.body().path("type").asText()).isEqualTo("searchset");
        List<JsonNode> resources = new ArrayList<>();
        for (JsonNode entry : bundle.body().path("entry")) {
            JsonNode resource = entry.path("resource");
            assertThat(resource.path("resourceType").asText()).isEqualTo(type);
            assertThat(entry.path("fullUrl").asText()).endsWith(FHIR + "/" + type + "/" + resource.path("id").asText());
            resources.add(resource);
        }
        assertThat(bundle.body().path("total").asInt(-1)).isEqualTo(resources.size());
        return resources;
    }

    /** Every {@code reference} in {@code resource} reads back (200, valid). */
    void referencesResolve(String token, JsonNode resource) {
        List<String> references = new ArrayList<>();
        resource.findValues("reference").forEach(r -> references.add(r.asText()));
        for (String reference : references) {
            Api.Response read = get(token, "/" + reference);
            assertThat(read.status()).as(reference + " " + read).isEqualTo(200);
        }
    }

    /** A POST of {@code body} without a declared length (chunked), as a client streaming it would send it. */
    private Api.Response chunked(String token, String body) {
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + FHIR
                                    + "/Appointment"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/fhir+json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() ->
                                    new java.io.ByteArrayInputStream(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Api.Response(response.statusCode(), Api.JSON.readTree(response.body()), response.body(),
                    response.headers());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> appointmentBody(String patientId, String providerId, Map<String, Object> more) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("resourceType", "Appointment");
        body.put("status", "booked");
        body.put("participant", List.of(
                Map.of("actor", Map.of("reference", "Patient/" + patientId), "status", "accepted"),
                Map.of("actor", Map.of("reference", "Practitioner/" + providerId), "status", "accepted")));
        body.putAll(more);
        return body;
    }

    private static Map<String, Object> serviceType(String serviceId) {
        return Map.of("serviceType", List.of(Map.of("coding", List.of(Map.of("system", SERVICE_SYSTEM,
                "code", serviceId)))));
    }

    @Test
    void theValidatorRefusesWhatIsNotValidR4() {
        ValidationResult result = validator().validateWithResult(
                "{\"resourceType\":\"Appointment\",\"status\":\"rescheduled\",\"participant\":[{}]}");
        assertThat(result.getMessages()).anyMatch(m -> m.getSeverity() == ResultSeverityEnum.ERROR);
    }

    @Test
    void theCapabilityStatementListsExactlyWhatIsServedWithoutAToken() {
        Api.Response metadata = get(null, "/metadata");
        assertThat(metadata.status()).isEqualTo(200);
        assertThat(metadata.body().path("resourceType").asText()).isEqualTo("CapabilityStatement");
        assertThat(metadata.body().path("fhirVersion").asText()).isEqualTo("4.0.1");
        List<String> formats = new ArrayList<>();
        metadata.body().path("format").forEach(f -> formats.add(f.asText()));
        assertThat(formats).containsExactlyInAnyOrder("application/fhir+json", "json");
        Map<String, Set<String>> served = new java.util.TreeMap<>();
        for (JsonNode resource : metadata.body().path("rest").path(0).path("resource")) {
            Set<String> interactions = new TreeSet<>();
            resource.path("interaction").forEach(i -> interactions.add(i.path("code").asText()));
            served.put(resource.path("type").asText(), interactions);
        }
        assertThat(served).isEqualTo(Map.of(
                "Appointment", Set.of("read", "search-type", "create"),
                "HealthcareService", Set.of("read", "search-type"),
                "Patient", Set.of("read"),
                "Practitioner", Set.of("read", "search-type"),
                "Schedule", Set.of("read", "search-type"),
                "Slot", Set.of("read", "search-type")));
    }

    @Test
    void readsAndSearchesServeTheReadModelsAsValidR4WithResolvableReferences() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String appointment = practice.booked(s.patientId(), s.providerId(), s.serviceId(),
                "2026-12-01T09:00:00-05:00");
        String token = practice.scheduler;

        JsonNode practitioner = get(token, "/Practitioner/" + s.providerId()).body();
        assertThat(practitioner.path("name").path(0).path("text").asText()).isEqualTo("Dr. Ana Ruiz");
        assertThat(entries(get(token, "/Practitioner"), "Practitioner")).hasSize(1);
        JsonNode service = get(token, "/HealthcareService/" + s.serviceId()).body();
        assertThat(service.path("name").asText()).isEqualTo("Individual therapy");
        assertThat(entries(get(token, "/HealthcareService"), "HealthcareService")).hasSize(1);

        JsonNode schedule = get(token, "/Schedule/" + s.providerId()).body();
        assertThat(schedule.path("actor").path(0).path("reference").asText())
                .isEqualTo("Practitioner/" + s.providerId());
        referencesResolve(token, schedule);
        List<JsonNode> schedules = entries(get(token, "/Schedule?actor=Practitioner/" + s.providerId()), "Schedule");
        assertThat(schedules).extracting(n -> n.path("id").asText()).containsExactly(s.providerId());
        assertSlug(get(token, "/Schedule?actor=Practitioner/unknown-provider"), 404, "not-found");

        // the free slots of a day are exactly availability's
        JsonNode available = api.get(token, "/api/v1/availability?serviceId=" + s.serviceId()
                + "&from=2026-12-01&to=2026-12-01").body().path("slots");
        List<String> expected = new ArrayList<>();
        available.forEach(slot -> expected.add(java.time.OffsetDateTime.parse(slot.path("start").asText())
                .toInstant().toString()));
        List<JsonNode> slots = entries(get(token, "/Slot?schedule=Schedule/" + s.providerId()
                + "&start=ge2026-12-01&start=le2026-12-01&status=free&service-type=" + SERVICE_SYSTEM + "%7C"
                + s.serviceId()), "Slot");
        assertThat(slots).extracting(n -> java.time.OffsetDateTime.parse(n.path("start").asText()).toInstant()
                .toString()).containsExactlyElementsOf(expected);
        assertThat(expected).hasSizeGreaterThan(3).doesNotContain("2026-12-01T14:00:00Z");
        // pages of _count entries, the next one by _offset: stateless, the search is computed again
        Api.Response page = get(token, "/Slot?schedule=Schedule/" + s.providerId() + "&start=2026-12-01&_count=2");
        assertThat(page.body().path("total").asInt()).isEqualTo(slots.size());
        List<String> paged = new ArrayList<>();
        for (int pages = 0; pages < 3; pages++) {
            assertThat(page.body().path("entry")).hasSize(2);
            page.body().path("entry").forEach(e -> paged.add(e.path("resource").path("start").asText()));
            String next = null;
            for (JsonNode link : page.body().path("link")) {
                if (link.path("relation").asText().equals("next")) {
                    next = link.path("url").asText();
                }
            }
            assertThat(next).contains("_offset=" + paged.size());
            page = get(token, next.substring(next.indexOf(FHIR) + FHIR.length()));
        }
        assertThat(paged).containsExactlyElementsOf(slots.subList(0, 6).stream()
                .map(n -> n.path("start").asText()).toList());
        JsonNode slot = slots.get(0);
        assertThat(slot.path("status").asText()).isEqualTo("free");
        assertThat(slot.path("start").asText()).endsWith("-05:00");
        referencesResolve(token, slot);
        Api.Response slotRead = get(token, "/Slot/" + slot.path("id").asText());
        assertThat(slotRead.body().path("start").asText()).isEqualTo(slot.path("start").asText());
        assertThat(entries(get(token, "/Slot?schedule=Schedule/" + s.providerId()
                + "&start=ge2026-12-01T10:00:00-05:00&start=le2026-12-01T11:00:00-05:00"), "Slot"))
                .extracting(n -> n.path("start").asText())
                .containsExactly("2026-12-01T10:00:00-05:00", "2026-12-01T10:15:00-05:00",
                        "2026-12-01T10:30:00-05:00", "2026-12-01T10:45:00-05:00", "2026-12-01T11:00:00-05:00");
        assertThat(entries(get(token, "/Slot?start=ge2026-12-01&start=le2026-12-01&status=busy"), "Slot")).isEmpty();
        assertThat(entries(get(token, "/Slot?start=2026-11-28"), "Slot")).as("a Saturday").isEmpty();

        JsonNode patient = get(token, "/Patient/" + s.patientId()).body();
        assertThat(patient.path("name").path(0).path("family").asText()).isEqualTo("Lovelace");
        assertThat(patient.path("birthDate").asText()).isEqualTo("1985-04-12");

        JsonNode read = get(token, "/Appointment/" + appointment).body();
        assertThat(read.path("status").asText()).isEqualTo("booked");
        assertThat(read.path("start").asText()).isEqualTo("2026-12-01T09:00:00-05:00");
        assertThat(read.path("end").asText()).isEqualTo("2026-12-01T09:50:00-05:00");
        referencesResolve(token, read);
        for (String query : List.of("?patient=Patient/" + s.patientId(), "?actor=Practitioner/" + s.providerId()
                        + "&date=ge2026-12-01&date=le2026-12-01", "?actor=Patient/" + s.patientId(),
                "?date=2026-12-01&status=booked", "?patient=" + s.patientId() + "&status=booked,checked-in")) {
            assertThat(entries(get(token, "/Appointment" + query), "Appointment"))
                    .as(query).extracting(n -> n.path("id").asText()).containsExactly(appointment);
        }
        assertThat(entries(get(token, "/Appointment?patient=Patient/" + s.patientId() + "&status=cancelled"),
                "Appointment")).isEmpty();
        assertThat(entries(get(token, "/Appointment?actor=Practitioner/" + s.providerId()
                + "&date=ge2026-12-02&date=le2026-12-05"), "Appointment")).isEmpty();
    }

    @Test
    void statusesMapToFhirsAndEachReadAndSearchOfPhiIsAudited() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String checkedIn = practice.booked(s.patientId(), s.providerId(), s.serviceId(), "2026-11-23T13:00:00-05:00");
        String cancelled = practice.booked(s.patientId(), s.providerId(), s.serviceId(), "2026-12-01T11:00:00-05:00");
        String completed = practice.booked(s.patientId(), s.providerId(), s.serviceId(), "2026-11-23T15:00:00-05:00");
        api.post(practice.scheduler, "/api/v1/appointments/" + checkedIn + "/check-in", null);
        api.post(practice.scheduler, "/api/v1/appointments/" + completed + "/check-in", null);
        api.post(practice.scheduler, "/api/v1/appointments/" + completed + "/complete", null);
        api.post(practice.scheduler, "/api/v1/appointments/" + cancelled + "/cancel", Map.of("reason", "OTHER"));

        assertThat(get(practice.scheduler, "/Appointment/" + checkedIn).body().path("status").asText())
                .isEqualTo("checked-in");
        assertThat(get(practice.scheduler, "/Appointment/" + completed).body().path("status").asText())
                .isEqualTo("fulfilled");
        assertThat(get(practice.scheduler, "/Appointment/" + cancelled).body().path("status").asText())
                .isEqualTo("cancelled");
        assertThat(entries(get(practice.compliance, "/Appointment?patient=Patient/" + s.patientId()
                + "&status=cancelled"), "Appointment")).extracting(n -> n.path("id").asText())
                .containsExactly(cancelled);
        get(practice.compliance, "/Patient/" + s.patientId());
        Api.Response series = api.post(practice.scheduler, "/api/v1/appointment-series", Map.of("patientId",
                s.patientId(), "providerId", s.providerId(), "serviceId", s.serviceId(),
                "start", "2026-12-08T09:00:00-05:00", "recurrence", Map.of("count", 1)));
        assertThat(series.status()).as(series.toString()).isEqualTo(201);
        String occurrence = series.body().path("appointments").path(0).path("id").asText();
        JsonNode seriesExtension = get(practice.scheduler, "/Appointment/" + occurrence).body().path("extension")
                .path(0);
        assertThat(seriesExtension.path("url").asText()).isEqualTo("urn:practice-scheduler:extension:series-id");
        assertThat(seriesExtension.path("valueString").asText()).isEqualTo(series.id());

        Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> {
            Set<String> actions = new HashSet<>();
            api.get(practice.compliance, "/api/v1/audit?patientId=" + s.patientId() + "&actor=user-compliance_officer")
                    .body().path("entries").forEach(e -> actions.add(e.path("action").asText()));
            assertThat(actions).contains("ReadPatient", "ReadCalendar");
        });
        Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(api.get(practice.compliance,
                "/api/v1/audit?patientId=" + s.patientId() + "&action=ReadAppointment").body().path("entries")
                .size()).isGreaterThanOrEqualTo(3));
    }

    @Test
    void bookingThroughFhirGoesThroughTheSameCommandAndRules() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        List<JsonNode> slots = entries(get(practice.scheduler, "/Slot?schedule=Schedule/" + s.providerId()
                + "&start=ge2026-12-01&start=le2026-12-01&service-type=" + s.serviceId()), "Slot");
        JsonNode slot = slots.get(0);
        Map<String, Object> bySlot = appointmentBody(s.patientId(), s.providerId(),
                Map.of("slot", List.of(Map.of("reference", "Slot/" + slot.path("id").asText()))));

        Api.Response created = fhir(practice.scheduler, "POST", "/Appointment", bySlot, Map.of());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.body().path("id").asText();
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .contains(FHIR + "/Appointment/" + id));
        assertThat(created.body().path("status").asText()).isEqualTo("booked");
        assertThat(created.body().path("start").asText()).isEqualTo(slot.path("start").asText());
        assertThat(created.body().path("end").asText()).isEqualTo(slot.path("end").asText());
        JsonNode rest = api.get(practice.scheduler, "/api/v1/appointments/" + id).body();
        assertThat(rest.path("status").asText()).isEqualTo("BOOKED");
        assertThat(rest.path("patientId").asText()).isEqualTo(s.patientId());
        assertThat(get(practice.scheduler, "/Slot/" + slot.path("id").asText()).status())
                .as("a booked slot is no longer free").isEqualTo(404);
        assertSlug(fhir(practice.scheduler, "POST", "/Appointment", bySlot, Map.of()), 409, "slot-unavailable");

        Map<String, Object> byStart = new java.util.HashMap<>(serviceType(s.serviceId()));
        byStart.put("start", "2026-12-02T10:00:00-05:00");
        byStart.put("end", "2026-12-02T10:50:00-05:00");
        Map<String, Object> body = appointmentBody(s.patientId(), s.providerId(), byStart);
        Api.Response first = fhir(practice.scheduler, "POST", "/Appointment", body, Map.of("Idempotency-Key", "k-1"));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        Api.Response again = fhir(practice.scheduler, "POST", "/Appointment", body, Map.of("Idempotency-Key", "k-1"));
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body().path("id").asText()).isEqualTo(first.body().path("id").asText());
        assertThat(api.get(practice.scheduler, "/api/v1/calendar?providerId=" + s.providerId()
                + "&from=2026-12-02&to=2026-12-02").body().path("appointments")).hasSize(1);
        assertThat(entries(get(practice.scheduler, "/Appointment?patient=Patient/" + s.patientId()),
                "Appointment")).hasSize(2);
    }

    @Test
    void refusalsAreOperationOutcomesWithTheRestApisStatusAndSlug() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String token = practice.scheduler;
        Map<String, Object> at = new java.util.HashMap<>(serviceType(s.serviceId()));
        at.put("start", "2026-12-01T09:00:00-05:00");

        assertSlug(fhir(token, "POST", "/Appointment", "{\"resourceType\":\"Appointment\",", Map.of()), 400,
                "validation-failed");
        assertSlug(fhir(token, "POST", "/Appointment", "[1,2]", Map.of()), 400, "validation-failed");
        assertSlug(fhir(token, "POST", "/Appointment", null, Map.of()), 400, "validation-failed");
        assertSlug(fhir(token, "POST", "/Appointment", "", Map.of("Content-Type", "application/fhir+json")), 400,
                "validation-failed");
        assertSlug(fhir(token, "POST", "/Appointment", "{}", Map.of()), 400, "validation-failed");
        assertSlug(fhir(token, "POST", "/Appointment", Map.of("resourceType", "Patient"), Map.of()), 400,
                "validation-failed");
        assertSlug(fhir(token, "POST", "/Appointment", Map.of("resourceType", "Appointment", "status", "booked",
                "start", "2026-12-01T09:00:00-05:00"), Map.of()), 400, "validation-failed");
        Map<String, Object> proposed = new java.util.HashMap<>(appointmentBody(s.patientId(), s.providerId(), at));
        proposed.put("status", "proposed");
        assertSlug(fhir(token, "POST", "/Appointment", proposed, Map.of()), 400, "validation-failed");
        Map<String, Object> unknownElement = new java.util.HashMap<>(appointmentBody(s.patientId(),
                s.providerId(), at));
        unknownElement.put("colour", "blue");
        assertSlug(fhir(token, "POST", "/Appointment", unknownElement, Map.of()), 400, "validation-failed");
        Map<String, Object> backwards = new java.util.HashMap<>(at);
        backwards.put("end", "2026-12-01T08:00:00-05:00");
        assertSlug(fhir(token, "POST", "/Appointment", appointmentBody(s.patientId(), s.providerId(), backwards),
                Map.of()), 400, "validation-failed");
        assertSlug(fhir(token, "POST", "/Appointment", appointmentBody(s.patientId(), s.providerId(),
                Map.of("start", "2026-12-01T09:00:00-05:00")), Map.of()), 400, "validation-failed");
        assertSlug(fhir(token, "POST", "/Appointment", appointmentBody(s.patientId(), s.providerId(),
                Map.of("slot", List.of(Map.of("reference", "Slot/not-a-slot")))), Map.of()), 400,
                "validation-failed");
        assertSlug(fhir(token, "POST", "/Appointment", appointmentBody("unknown-patient", s.providerId(), at),
                Map.of()), 404, "not-found");
        assertSlug(fhir(token, "POST", "/Appointment", appointmentBody(s.patientId(), "unknown-provider", at),
                Map.of()), 404, "not-found");
        Map<String, Object> evening = new java.util.HashMap<>(at);
        evening.put("start", "2026-12-01T20:00:00-05:00");
        assertSlug(fhir(token, "POST", "/Appointment", appointmentBody(s.patientId(), s.providerId(), evening),
                Map.of()), 422, "outside-working-hours");
        assertSlug(fhir(token, "POST", "/Appointment", "{\"resourceType\":\"Appointment\",\"comment\":\""
                + "x".repeat(70_000) + "\"}", Map.of()), 413, "payload-too-large");
        assertSlug(valid(chunked(token, "{\"resourceType\":\"Appointment\",\"comment\":\"" + "x".repeat(70_000)
                + "\"}")), 413, "payload-too-large");
        assertSlug(fhir(practice.analyst, "POST", "/Appointment", appointmentBody(s.patientId(), s.providerId(), at),
                Map.of()), 403, "forbidden");
        assertSlug(fhir(null, "GET", "/Patient/" + s.patientId(), null, Map.of()), 401, "unauthenticated");
        assertSlug(get(practice.analyst, "/Patient/" + s.patientId()), 403, "forbidden");

        assertSlug(get(token, "/Patient/unknown-patient"), 404, "not-found");
        assertSlug(get(token, "/Appointment/unknown-appointment"), 404, "not-found");
        assertSlug(get(token, "/Practitioner/unknown-provider"), 404, "not-found");
        assertSlug(get(token, "/Slot/not-a-slot"), 404, "not-found");
        assertSlug(get(token, "/Observation/1"), 404, "not-found");
        assertSlug(get(token, "/Practitioner?name=x"), 400, "validation-failed");
        assertSlug(get(token, "/Slot?start=ge2026-12-01&start=le2027-06-01"), 400, "validation-failed");
        assertSlug(get(token, "/Slot?start=ge2026-12-05&start=le2026-12-01"), 400, "validation-failed");
        assertSlug(get(token, "/Slot?start=xyz"), 400, "validation-failed");
        assertSlug(get(token, "/Slot?_count=1001"), 400, "validation-failed");
        assertSlug(get(token, "/Appointment?_count=-1"), 400, "validation-failed");
        assertSlug(get(token, "/Slot?status=nonsense"), 400, "validation-failed");
        assertSlug(get(token, "/Appointment?status=nonsense"), 400, "validation-failed");
        assertSlug(get(token, "/Appointment?actor=Location/1"), 400, "validation-failed");
        assertSlug(get(token, "/Appointment?patient=a%00b"), 400, "validation-failed");
        Api.Response xml = api.send(token, "POST", FHIR + "/Appointment", "<Appointment/>",
                Map.of("Content-Type", "application/fhir+xml"));
        assertSlug(valid(xml), 415, "unsupported-media-type");
        Api.Response askedForXml = api.send(token, "GET", FHIR + "/Practitioner/" + s.providerId() + "?_format=xml",
                null, Map.of("Accept", "application/fhir+xml"));
        assertThat(valid(askedForXml).body().path("resourceType").asText()).as("JSON only").isEqualTo("Practitioner");
        // nothing was booked by any of these
        assertThat(api.get(token, "/api/v1/calendar?providerId=" + s.providerId()
                + "&from=2026-11-23&to=2026-12-31").body().path("appointments")).isEmpty();
    }

    /** Odd but plausible requests a FHIR client or fuzzer sends: each a success or an OperationOutcome, never a 5xx. */
    @Test
    void oddRequestsAreAnsweredWithoutAServerError() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String token = practice.scheduler;
        List<String> gets = List.of("/Slot?start=ge2026-12-01T09:00&start=le2026-12-01T10:00",
                "/Slot?start=ge-99999-01-01", "/Slot?start=ge2026-12-01&start=ge2026-12-02", "/Slot?start=2026",
                "/Slot?start=2026-12", "/Slot?_count=abc", "/Slot?_offset=99999999999", "/Slot?_offset=2000000000&_count=5",
                "/Slot?schedule=Schedule/", "/Slot?schedule=Practitioner/" + s.providerId(),
                "/Slot?service-type=other-system%7C" + s.serviceId(), "/Slot?service-type=%7C", "/Slot?status=",
                "/Appointment?patient=Patient/a&patient=Patient/b", "/Appointment?date=lt2026-12-01",
                "/Appointment?date=sa2026-12-01", "/Appointment?status=booked:text", "/Appointment?actor:missing=true",
                "/Appointment?patient.name=x", "/Appointment?_sort=date", "/Appointment?_include=Appointment:patient",
                "/Appointment/" + "x".repeat(200), "/Appointment/x/_history/1", "/Patient?name=x", "/Patient",
                "/Slot/" + "0".repeat(22) + "-" + "0".repeat(22) + "-0", "/Slot/zzzzzzzzzzzzzzzzzzzzzz-0-0",
                "/metadata?mode=terminology", "/", "/$everything", "/Appointment/$validate");
        for (String path : gets) {
            Api.Response response = api.send(token, "GET", FHIR + path, null, Map.of());
            assertThat(response.status()).as(path + " " + response.text()).isLessThan(500);
            if (response.status() >= 400) {
                assertThat(valid(response).body().path("resourceType").asText()).as(path).isEqualTo("OperationOutcome");
            }
        }
        Map<String, Object> ok = new java.util.HashMap<>(serviceType(s.serviceId()));
        List<String> starts = List.of("0001-01-01T00:00:00Z",
                "9999-12-31T23:59:59Z", "2026-12-01T09:00:00", "2026-12-01", "+10000-01-01T00:00:00Z", "");
        for (String start : starts) {
            ok.put("start", start);
            Api.Response response = api.post(token, FHIR + "/Appointment", appointmentBody(s.patientId(),
                    s.providerId(), ok));
            assertThat(response.status()).as(start + " " + response.text()).isBetween(400, 499);
            assertThat(valid(response).body().path("resourceType").asText()).isEqualTo("OperationOutcome");
        }
        List<String> bodies = List.of("[".repeat(5000), "{\"resourceType\":\"Appointment\",\"id\":\"x\"}",
                "{\"resourceType\":\"Appointment\",\"status\":\"booked\",\"participant\":[{\"actor\":{}},{}]}",
                "{\"resourceType\":\"Appointment\",\"status\":\"booked\",\"participant\":[{\"actor\":"
                        + "{\"reference\":\"#c\"}}],\"contained\":[{\"resourceType\":\"Patient\",\"id\":\"c\"}]}",
                "{\"resourceType\":\"Appointment\",\"status\":\"booked\",\"slot\":[{\"reference\":\"Slot/"
                        + "0".repeat(22) + "-" + "0".repeat(22) + "-0\"}],\"participant\":[{\"actor\":{\"reference\":"
                        + "\"Patient/" + s.patientId() + "\"}},{\"actor\":{\"reference\":\"Practitioner/"
                        + "00000000-0000-0000-0000-000000000000\"}}]}",
                "{\"resourceType\":\"Appointment\",\"minutesDuration\":99999999999}", "null", "\"x\"", "1e400");
        for (String body : bodies) {
            Api.Response response = api.post(token, FHIR + "/Appointment", body);
            assertThat(response.status()).as(body.substring(0, Math.min(200, body.length())) + " " + response.text())
                    .isBetween(400, 499);
            assertThat(valid(response).body().path("resourceType").asText()).isEqualTo("OperationOutcome");
        }
    }

    @Test
    void anotherPracticeSeesNoneOfThisPracticesResources() {
        PracticeFixture mine = newPractice();
        PracticeFixture.Setup s = mine.standard();
        String appointment = mine.booked(s.patientId(), s.providerId(), s.serviceId(), "2026-12-01T09:00:00-05:00");
        String slot = entries(get(mine.scheduler, "/Slot?schedule=Schedule/" + s.providerId()
                + "&start=2026-12-02"), "Slot").get(0).path("id").asText();
        PracticeFixture other = newPractice();
        PracticeFixture.Setup o = other.standard();
        for (String path : List.of("/Patient/" + s.patientId(), "/Appointment/" + appointment,
                "/Practitioner/" + s.providerId(), "/Schedule/" + s.providerId(),
                "/HealthcareService/" + s.serviceId(), "/Slot/" + slot)) {
            assertSlug(get(other.scheduler, path), 404, "not-found");
        }
        assertThat(entries(get(other.scheduler, "/Appointment?patient=Patient/" + s.patientId()), "Appointment"))
                .isEmpty();
        // a search naming another practice's practitioner or schedule: as if it did not exist
        assertSlug(get(other.scheduler, "/Slot?schedule=Schedule/" + s.providerId()), 404, "not-found");
        assertSlug(get(other.scheduler, "/Schedule?actor=Practitioner/" + s.providerId()), 404, "not-found");
        assertSlug(get(other.scheduler, "/Appointment?actor=Practitioner/" + s.providerId()), 404, "not-found");
        assertSlug(fhir(other.scheduler, "POST", "/Appointment", appointmentBody(o.patientId(), s.providerId(),
                Map.of("slot", List.of(Map.of("reference", "Slot/" + slot)))), Map.of()), 404, "not-found");
    }

    @Test
    void cliniciansReadOnlyTheirOwnAppointmentsAndPatients() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String colleague = practice.provider();
        practice.hours(colleague, "09:00", "17:00", "TUESDAY");
        String theirs = practice.booked(s.patientId(), colleague, s.serviceId(), "2026-12-01T09:00:00-05:00");
        String stranger = practice.patient("Other", "Person");
        String mine = practice.booked(stranger, s.providerId(), s.serviceId(), "2026-12-01T11:00:00-05:00");
        String clinician = practice.clinician(s.providerId());

        assertSlug(get(clinician, "/Appointment/" + theirs), 403, "forbidden");
        assertSlug(get(clinician, "/Patient/" + s.patientId()), 403, "forbidden");
        assertSlug(get(clinician, "/Appointment?actor=Practitioner/" + colleague), 403, "forbidden");
        assertThat(get(clinician, "/Appointment/" + mine).status()).isEqualTo(200);
        assertThat(get(clinician, "/Patient/" + stranger).status()).isEqualTo(200);
        assertThat(entries(get(clinician, "/Appointment?date=2026-12-01"), "Appointment"))
                .extracting(n -> n.path("id").asText()).containsExactly(mine);
        assertThat(entries(get(practice.scheduler, "/Appointment?date=2026-12-01"), "Appointment")).hasSize(2);
        // each refusal is audited as a denial, as on /api/v1
        Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> {
            List<String> denied = new ArrayList<>();
            api.get(practice.compliance, "/api/v1/audit?outcome=DENIED&actor=clinician-" + s.providerId())
                    .body().path("entries").forEach(e -> denied.add(e.path("action").asText()));
            assertThat(denied).contains("GET " + FHIR + "/Appointment/" + theirs, "GET " + FHIR + "/Patient/"
                    + s.patientId());
        });
    }
}
