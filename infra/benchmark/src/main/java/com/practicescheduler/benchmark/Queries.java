package com.practicescheduler.benchmark;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The read side at the seeded size, one request at a time on a quiet system: a provider's week (past weeks, full
 * of history), availability of every provider over 14 days, and one patient's audit trail.
 */
final class Queries {

    static final int CALENDARS = 500;
    static final int AVAILABILITIES = 300;
    static final int AUDITS = 300;
    static final String FILLED_AUDIT = "audit, one patient of the filled practice (limit 50)";

    private Queries() {
    }

    /** The queries; with {@code filled}, also one patient's audit trail in that practice's many entries. */
    static Map<String, Latencies.Stats> measure(Http http, Requests requests, AuditFiller.Filled filled) {
        Practice practice = requests.practice();
        Random random = new Random(7);
        LocalDate lastMonday = LocalDate.now(practice.zone()).with(TemporalAdjusters.previous(DayOfWeek.MONDAY));
        Latencies calendar = new Latencies();
        Latencies availability = new Latencies();
        Latencies audit = new Latencies();
        for (int i = 0; i < 50; i++) { // warm-up of each query
            requests.calendar(practice.providerIds().get(0), lastMonday, lastMonday.plusDays(6));
            requests.availability(lastMonday.plusWeeks(2), lastMonday.plusWeeks(2).plusDays(13), null);
            http.get(practice.compliance(), "/api/v1/audit?patientId=" + practice.patientIds().get(0) + "&limit=50");
        }
        for (int i = 0; i < CALENDARS; i++) {
            LocalDate monday = lastMonday.minusWeeks(random.nextInt(26));
            String provider = practice.providerIds().get(random.nextInt(practice.providerIds().size()));
            calendar.record(Http.expect(requests.calendar(provider, monday, monday.plusDays(6)), 200, "calendar").nanos());
        }
        for (int i = 0; i < AVAILABILITIES; i++) {
            LocalDate from = lastMonday.plusDays(2 + random.nextInt(60));
            availability.record(Http.expect(requests.availability(from, from.plusDays(13), null), 200, "availability")
                    .nanos());
        }
        for (int i = 0; i < AUDITS; i++) {
            String patient = practice.patientIds().get(random.nextInt(practice.patientIds().size()));
            audit.record(Http.expect(http.get(practice.compliance(), "/api/v1/audit?patientId=" + patient
                    + "&limit=50"), 200, "audit").nanos());
        }
        Latencies filledAudit = new Latencies();
        if (filled != null) {
            for (int i = 0; i < 50 + AUDITS; i++) {
                String patient = filled.patientIds().get(random.nextInt(filled.patientIds().size()));
                long nanos = Http.expect(http.get(filled.compliance(), "/api/v1/audit?patientId=" + patient
                        + "&limit=50"), 200, "audit of the filled practice").nanos();
                if (i >= 50) { // the first 50 warm up
                    filledAudit.record(nanos);
                }
            }
        }
        Map<String, Latencies.Stats> stats = new LinkedHashMap<>();
        stats.put("calendar, one provider-week", calendar.stats());
        stats.put("availability, all providers x 14 days", availability.stats());
        stats.put("audit, one patient (limit 50)", audit.stats());
        if (filled != null) {
            stats.put(FILLED_AUDIT, filledAudit.stats());
        }
        return stats;
    }
}
