package com.practicescheduler.benchmark;

import com.practicescheduler.platform.security.DevelopmentKeys;
import com.practicescheduler.platform.security.DevelopmentTokens;
import com.practicescheduler.platform.security.Role;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * A realistic practice set up over the REST API: New York, 4 services, providers working Monday to Friday
 * 09:00–17:00, patients; with a token for each role it needs.
 */
record Practice(String id, ZoneId zone, List<String> serviceIds, List<String> providerIds, List<String> patientIds,
                String scheduler, String admin, String compliance) {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** Duration and buffer of each service; the first three fit an hour's slot. */
    static final List<int[]> SERVICES = List.of(new int[] {50, 10}, new int[] {30, 0}, new int[] {45, 15},
            new int[] {80, 10});

    static Practice seed(Http http, DevelopmentKeys keys, int providers, int patients, int clients)
            throws Exception {
        String id = "benchmark-" + UUID.randomUUID();
        Duration validity = Duration.ofHours(12);
        String admin = DevelopmentTokens.mint(keys, "benchmark-admin", id, List.of(Role.PRACTICE_ADMIN), null,
                Instant.now(), validity);
        String scheduler = DevelopmentTokens.mint(keys, "benchmark-scheduler", id, List.of(Role.SCHEDULER), null,
                Instant.now(), validity);
        String compliance = DevelopmentTokens.mint(keys, "benchmark-compliance", id,
                List.of(Role.COMPLIANCE_OFFICER), null, Instant.now(), validity);
        Http.expect(http.put(admin, "/api/v1/practice/settings", Map.of("timeZone", NEW_YORK.getId(),
                "slotMinutes", 15, "bookingHorizonDays", 730)), 200, "settings");
        List<String> services = new ArrayList<>();
        for (int[] service : SERVICES) {
            services.add(Http.expect(http.post(admin, "/api/v1/services", Map.of("name", "Service " + service[0],
                    "durationMinutes", service[0], "bufferMinutes", service[1], "modality", "IN_PERSON")), 201,
                    "service").json().path("id").asText());
        }
        List<Map<String, String>> weekdays = Stream.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")
                .map(day -> Map.of("dayOfWeek", day, "start", "09:00", "end", "17:00")).toList();
        List<String> providerIds = new ArrayList<>();
        for (int i = 0; i < providers; i++) {
            String provider = Http.expect(http.post(admin, "/api/v1/providers", Map.of("displayName",
                    "Provider " + i, "serviceIds", List.of())), 201, "provider").json().path("id").asText();
            Http.expect(http.put(admin, "/api/v1/providers/" + provider + "/working-hours",
                    Map.of("weekly", weekdays)), 200, "working hours");
            providerIds.add(provider);
        }
        List<String> patientIds = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < patients; i++) {
                int n = i;
                done.add(pool.submit(() -> patientIds.add(Http.expect(http.post(scheduler, "/api/v1/patients",
                        Map.of("firstName", "Patient", "lastName", "Number " + n, "dateOfBirth", "1980-01-01")),
                        201, "patient").json().path("id").asText())));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return new Practice(id, NEW_YORK, services, providerIds, List.copyOf(patientIds), scheduler, admin,
                compliance);
    }
}
