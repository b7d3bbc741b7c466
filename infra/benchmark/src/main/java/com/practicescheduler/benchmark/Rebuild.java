package com.practicescheduler.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A full rebuild of every query-side projection at once, from the first event; how fast they replay. */
final class Rebuild {

    private Rebuild() {
    }

    static Map<String, Object> all(Http http, String admin) throws InterruptedException {
        JsonNode before = http.get(admin, "/api/v1/admin/projections").json();
        long head = before.path("head").asLong() + 1;
        List<String> names = new ArrayList<>();
        before.path("projections").forEach(p -> names.add(p.path("name").asText()));
        long started = System.nanoTime();
        for (String name : names) {
            Http.expect(http.post(admin, "/api/v1/admin/projections/" + name + "/rebuild", null), 202,
                    "rebuild " + name);
        }
        Load.awaitCaughtUp(http, admin, 7200);
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("projections", names);
        result.put("events", head);
        result.put("seconds", Benchmark.round(seconds));
        result.put("eventsPerSecond", Math.round(head / seconds));
        result.put("eventsPerSecondAllProjections", Math.round(head * names.size() / seconds));
        return result;
    }
}
