package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.practicescheduler.command.app.CommandSideApplication;
import com.practicescheduler.platform.security.DevelopmentKeys;
import com.practicescheduler.platform.security.DevelopmentTokens;
import com.practicescheduler.platform.security.Role;
import com.practicescheduler.platform.testing.TestPostgres;
import com.practicescheduler.query.app.QuerySideApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The distributed shape without Axon Server: the command side (twice) and the query side as separate Spring
 * applications — no shared beans, nothing in memory between them — sharing only the PostgreSQL event store.
 */
class TwoProcessesTest {

    /** A Tuesday at 09:00 in New York, at least a week ahead: this test runs on the real clock. */
    private static final ZonedDateTime TUESDAY = ZonedDateTime.of(LocalDate.now(ZoneId.of("America/New_York"))
            .plusDays(7).with(TemporalAdjusters.next(DayOfWeek.TUESDAY)), LocalTime.of(9, 0),
            ZoneId.of("America/New_York"));
    private static final String SLOT = TUESDAY.toOffsetDateTime().toString();
    private static final String LATER = TUESDAY.plusHours(2).toOffsetDateTime().toString();
    private static final String DAY = TUESDAY.toLocalDate().toString();

    private static ConfigurableApplicationContext commands;
    private static ConfigurableApplicationContext moreCommands;
    private static ConfigurableApplicationContext queries;
    private static Api commandApi;
    private static Api otherCommandApi;
    private static Api queryApi;
    private static DevelopmentKeys keys;
    private static TestPostgres.TestDatabase database;
    private static Path dataDir;

    @BeforeAll
    static void start() throws Exception {
        TestPostgres.TestDatabase database = TestPostgres.newDatabase();
        Path dataDir = Files.createTempDirectory("practice-scheduler-two-processes");
        // the query side first: the command sides then start on a history that has its migrations (3.x) beyond
        // their own (2.x), as a second instance or a restart meets it
        queries = run(QuerySideApplication.class, "query-side", database, dataDir);
        commands = run(CommandSideApplication.class, "command-side", database, dataDir);
        moreCommands = run(CommandSideApplication.class, "command-side", database, dataDir);
        TwoProcessesTest.database = database;
        TwoProcessesTest.dataDir = dataDir;
        commandApi = new Api(StandaloneRun.port(commands));
        otherCommandApi = new Api(StandaloneRun.port(moreCommands));
        queryApi = new Api(StandaloneRun.port(queries));
        keys = DevelopmentKeys.loadOrCreate(dataDir.resolve("keys"));
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext context : List.of(queries, moreCommands, commands)) {
            if (context != null) {
                context.close();
            }
        }
    }

    @Test
    void eachSideServesItsHalfOfTheApi() {
        String token = token("practice-" + System.nanoTime());
        assertThat(queryApi.post(token, "/api/v1/services", Map.of("name", "x", "durationMinutes", 30)).status())
                .as("no command routes on the query side").isIn(404, 405);
        assertThat(commandApi.get(token, "/api/v1/services").status())
                .as("no query routes on the command side").isIn(404, 405);
    }

    /**
     * FHIR (ADR 18) in the distributed shape: each side's servlet at /fhir/r4 serves its own providers and lists only
     * them — reads and searches on the query side, the create on the command side — and a slot found on one is
     * booked on the other, which needs nothing but the slot's id.
     */
    @Test
    void fhirReadsAreTheQuerySidesAndTheBookingTheCommandSides() {
        String token = token("practice-" + System.nanoTime());
        Setup s = setUp(token);
        assertThat(interactions(queryApi)).containsEntry("Appointment", List.of("read", "search-type"))
                .containsKeys("Slot", "Schedule", "Patient", "Practitioner", "HealthcareService");
        assertThat(interactions(commandApi)).isEqualTo(Map.of("Appointment", List.of("create")));

        // the query side reads what the command sides wrote once its projections have it
        JsonNode slot = Awaitility.await().atMost(IntegrationTest.EVENTUALLY).until(() -> queryApi.get(token,
                        "/fhir/r4/Slot?schedule=Schedule/" + s.provider() + "&start=" + DAY).body().path("entry")
                .path(0).path("resource"), found -> !found.isMissingNode());
        assertThat(java.time.OffsetDateTime.parse(slot.path("start").asText()).toInstant())
                .isEqualTo(TUESDAY.toInstant());
        Api.Response booked = commandApi.post(token, "/fhir/r4/Appointment", Map.of("resourceType", "Appointment",
                "status", "booked", "slot", List.of(Map.of("reference", "Slot/" + slot.path("id").asText())),
                "participant", List.of(Map.of("actor", Map.of("reference", "Patient/" + s.patient()),
                                "status", "accepted"),
                        Map.of("actor", Map.of("reference", "Practitioner/" + s.provider()), "status", "accepted"))));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        awaitCalendar(token, s, 1);
        assertThat(queryApi.get(token, "/fhir/r4/Appointment/" + booked.body().path("id").asText()).body()
                .path("status").asText()).isEqualTo("booked");
        assertThat(commandApi.get(token, "/fhir/r4/Appointment/" + booked.body().path("id").asText()).status())
                .as("no reads on the command side").isIn(400, 404, 405);
    }

    private static Map<String, List<String>> interactions(Api side) {
        Map<String, List<String>> served = new java.util.TreeMap<>();
        side.get(null, "/fhir/r4/metadata").body().path("rest").path(0).path("resource").forEach(resource ->
                served.put(resource.path("type").asText(), resource.path("interaction").findValuesAsText("code")
                        .stream().sorted().toList()));
        return served;
    }

    @Test
    void aBookingMadeOnTheCommandSideAppearsOnTheQuerySideAndAFreedSlotIsOffered() {
        String token = token("practice-" + System.nanoTime());
        Setup s = setUp(token);
        String appointment = created(commandApi.post(token, "/api/v1/appointments", Map.of("patientId", s.patient(),
                "providerId", s.provider(), "serviceId", s.service(), "start", SLOT)));
        awaitCalendar(token, s, 1);
        String entry = created(commandApi.post(token, "/api/v1/waitlist", Map.of("patientId",
                created(commandApi.post(token, "/api/v1/patients", Map.of("firstName", "Wait", "lastName", "Ing",
                        "dateOfBirth", "1970-01-01"))), "serviceId", s.service())));

        assertThat(otherCommandApi.post(token, "/api/v1/appointments/" + appointment + "/cancel",
                Map.of("reason", "OTHER")).status()).isEqualTo(200);

        JsonNode offer = Awaitility.await().atMost(IntegrationTest.EVENTUALLY)
                .until(() -> queryApi.get(token, "/api/v1/waitlist/" + entry).body().path("offers").path(0),
                        made -> !made.isMissingNode());
        assertThat(java.time.OffsetDateTime.parse(offer.path("start").asText()))
                .isEqualTo(java.time.OffsetDateTime.parse(SLOT));
        assertThat(offer.path("reason").path("madeBy").asText()).isEqualTo("MATCHER");
    }

    @Test
    void aQueryCarryingTheCommandsPositionIsAnsweredOnceTheOtherProcessHasItsEvents() throws Exception {
        String token = token("practice-" + System.nanoTime());
        Setup s = setUp(token);
        StreamingEventProcessor scheduling = queries.getBean(EventProcessingConfiguration.class)
                .eventProcessor("scheduling", StreamingEventProcessor.class).orElseThrow();
        scheduling.shutDown();
        CompletableFuture<Api.Response> calendar;
        try {
            Api.Response booked = commandApi.post(token, "/api/v1/appointments", Map.of("patientId", s.patient(),
                    "providerId", s.provider(), "serviceId", s.service(), "start", SLOT));
            assertThat(booked.status()).isEqualTo(201);
            String position = booked.headers().firstValue("X-Event-Position").orElseThrow();

            calendar = CompletableFuture.supplyAsync(() -> queryApi.send(token, "GET", "/api/v1/calendar?providerId="
                    + s.provider() + "&from=" + DAY + "&to=" + DAY, null, Map.of("X-Event-Position", position)));
            Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> !calendar.isDone());
        } finally {
            scheduling.start();
        }
        Api.Response answer = calendar.get(10, TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("appointments")).hasSize(1);
    }

    @Test
    void aPositionTheReadModelsDoNotReachInTimeAnswers503AndABadOneAnswers400() {
        String token = token("practice-" + System.nanoTime());
        Api.Response created = commandApi.post(token, "/api/v1/services", Map.of("name", "Intake",
                "durationMinutes", 60));
        long position = Long.parseLong(created.headers().firstValue("X-Event-Position").orElseThrow());

        Api.Response ahead = queryApi.send(token, "GET", "/api/v1/services", null,
                Map.of("X-Event-Position", Long.toString(position + 1_000_000)));
        assertThat(ahead.status()).isEqualTo(503);
        assertThat(ahead.slug()).isEqualTo("service-unavailable");
        assertThat(ahead.headers().firstValue("Retry-After")).hasValue("1");

        Api.Response bad = queryApi.send(token, "GET", "/api/v1/services", null, Map.of("X-Event-Position", "-1"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.slug()).isEqualTo("validation-failed");
        assertThat(queryApi.send(token, "GET", "/api/v1/services", null,
                Map.of("X-Event-Position", Long.toString(position))).body().path("services")).hasSize(1);
    }

    @Test
    void aCommandSideRestartsOnTheDatabaseBothSidesMigrated() {
        run(CommandSideApplication.class, "command-side", database, dataDir).close();

        try (ConfigurableApplicationContext restarted = run(CommandSideApplication.class, "command-side", database,
                dataDir)) {
            String token = token("practice-" + System.nanoTime());
            assertThat(new Api(StandaloneRun.port(restarted)).post(token, "/api/v1/services", Map.of("name",
                    "Intake", "durationMinutes", 60)).status()).isEqualTo(201);
        }
    }

    @Test
    void fiftyConcurrentBookingsAcrossTwoCommandSidesGiveExactlyOneSlot() throws Exception {
        String token = token("practice-" + System.nanoTime());
        Setup s = setUp(token);
        List<String> patients = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            patients.add(created(commandApi.post(token, "/api/v1/patients", Map.of("firstName", "P" + i,
                    "lastName", "Q", "dateOfBirth", "1980-01-01"))));
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(50);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Api side = i % 2 == 0 ? commandApi : otherCommandApi;
            String patient = patients.get(i);
            answers.add(clients.submit(() -> {
                go.await();
                return side.post(token, "/api/v1/appointments", Map.of("patientId", patient, "providerId",
                        s.provider(), "serviceId", s.service(), "start", SLOT)).status();
            }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get());
        }
        clients.shutdown();

        assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(49);
        awaitCalendar(token, s, 1);
    }

    /**
     * Each command side keeps providers' schedules between commands; a schedule another process changed since must
     * not decide. Freed on one side, the slot is booked on the other at once — not refused from a stale schedule.
     */
    @Test
    void aSlotFreedThroughOneCommandSideIsBookableThroughTheOtherAtOnce() {
        String token = token("practice-" + System.nanoTime());
        Setup s = setUp(token);
        Map<String, String> booking = Map.of("patientId", s.patient(), "providerId", s.provider(), "serviceId",
                s.service(), "start", SLOT);
        String first = created(commandApi.post(token, "/api/v1/appointments", booking));
        assertThat(commandApi.post(token, "/api/v1/appointments", booking).status())
                .as("the slot is taken, and this side has the schedule in memory now").isEqualTo(409);

        assertThat(otherCommandApi.post(token, "/api/v1/appointments/" + first + "/cancel",
                Map.of("reason", "PATIENT_REQUEST")).status()).isEqualTo(200);

        Api.Response again = commandApi.post(token, "/api/v1/appointments", booking);
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(otherCommandApi.post(token, "/api/v1/appointments", booking).status())
                .as("and taken again, seen from the side that freed it").isEqualTo(409);
    }

    /**
     * A command side keeps each practice's terms (settings, services) between commands. A booking of a service this
     * side does not know is checked against the store before it is refused: a service defined through the other
     * process is bookable here at once, with its own duration.
     */
    @Test
    void aServiceDefinedThroughOneCommandSideIsBookableThroughTheOtherAtOnce() {
        String token = token("practice-" + System.nanoTime());
        Setup s = setUpAndBookOnce(token);

        String intake = created(otherCommandApi.post(token, "/api/v1/services", Map.of("name", "Intake",
                "durationMinutes", 90, "bufferMinutes", 0)));
        Api.Response booked = commandApi.post(token, "/api/v1/appointments", booking(s, intake, LATER));

        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        assertThat(OffsetDateTime.parse(booked.body().path("end").asText()).toInstant())
                .isEqualTo(TUESDAY.plusHours(2).plusMinutes(90).toInstant());
    }

    /**
     * A booking decides on the practice's terms as this process last saw them, without reading them first: its append
     * checks, in the same statement, that they are still the store's. Terms changed through the other process thus
     * decide the next booking here at once: with the booking horizon cut to a day, a slot a week ahead is refused,
     * not booked on the terms this side had cached.
     */
    @Test
    void termsChangedThroughOneCommandSideDecideTheNextBookingThroughTheOtherAtOnce() {
        String token = token("practice-" + System.nanoTime());
        Setup s = setUpAndBookOnce(token);

        assertThat(otherCommandApi.put(token, "/api/v1/practice/settings", Map.of("timeZone", "America/New_York",
                "bookingHorizonDays", 1)).status()).isEqualTo(200);
        Api.Response refused = commandApi.post(token, "/api/v1/appointments", booking(s, s.service(), LATER));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.slug()).isEqualTo("beyond-horizon");
    }

    private record Setup(String service, String provider, String patient) {
    }

    private Setup setUp(String token) {
        assertThat(commandApi.put(token, "/api/v1/practice/settings", Map.of("timeZone", "America/New_York"))
                .status()).isEqualTo(200);
        String service = created(commandApi.post(token, "/api/v1/services", Map.of("name", "Therapy",
                "durationMinutes", 50, "bufferMinutes", 10)));
        String provider = created(commandApi.post(token, "/api/v1/providers", Map.of("displayName", "Dr. B")));
        assertThat(otherCommandApi.put(token, "/api/v1/providers/" + provider + "/working-hours", Map.of("weekly",
                List.of(Map.of("dayOfWeek", "TUESDAY", "start", "09:00", "end", "17:00")))).status())
                .isEqualTo(200);
        String patient = created(commandApi.post(token, "/api/v1/patients", Map.of("firstName", "Ada",
                "lastName", "L", "dateOfBirth", "1985-04-12")));
        return new Setup(service, provider, patient);
    }

    /** A new practice booked once at {@link #SLOT} through {@code commandApi}, which now has its terms cached. */
    private Setup setUpAndBookOnce(String token) {
        Setup s = setUp(token);
        created(commandApi.post(token, "/api/v1/appointments", booking(s, s.service(), SLOT)));
        return s;
    }

    private static Map<String, String> booking(Setup s, String service, String start) {
        return Map.of("patientId", s.patient(), "providerId", s.provider(), "serviceId", service, "start", start);
    }

    private void awaitCalendar(String token, Setup s, int appointments) {
        Awaitility.await().atMost(IntegrationTest.EVENTUALLY).untilAsserted(() -> assertThat(queryApi.get(token,
                "/api/v1/calendar?providerId=" + s.provider() + "&from=" + DAY + "&to=" + DAY).body()
                .path("appointments")).hasSize(appointments));
    }

    private static String created(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.id();
    }

    private static String token(String practiceId) {
        return DevelopmentTokens.mint(keys, "staff", practiceId, List.of(Role.PRACTICE_ADMIN, Role.SCHEDULER), null,
                Instant.now(), Duration.ofHours(1));
    }

    private static ConfigurableApplicationContext run(Class<?> application, String configName,
                                                      TestPostgres.TestDatabase database, Path dataDir) {
        MutableClock.OF_THE_JVM.runFrom(Instant.now());
        return new SpringApplicationBuilder(application).properties("spring.config.name=" + configName)
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", MutableClock.OF_THE_JVM))
                .run(
                "--server.port=0",
                "--spring.datasource.hikari.maximum-pool-size=10",
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--practice-scheduler.data-dir=" + dataDir);
    }
}
