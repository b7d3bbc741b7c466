package com.practicescheduler.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The providers' schedules after the bulk history, which no command loaded: the application snapshots them in the
 * background (ADR 8). Before the first bookings the benchmark waits until the application is quiet — its
 * snapshots taken — and reads from the store, per provider, how many events its newest snapshot leaves a first
 * booking to read, and when the last snapshot was written.
 */
final class ScheduleSnapshots {

    private ScheduleSnapshots() {
    }

    static Map<String, Object> afterHistory(String url, String user, String password, List<String> providerIds,
                                            Instant historyWritten, Cpu cpu) throws Exception {
        Double waited = cpu.awaitQuietApplication(0.25, 600);
        List<Long> eventsAfter = new ArrayList<>();
        int withSnapshot = 0;
        Instant lastWritten = null;
        try (Connection connection = DriverManager.getConnection(url, user, password);
             PreparedStatement events = connection.prepareStatement(
                     "select max(sequence_number) from domain_event_entry where aggregate_identifier = ?");
             PreparedStatement snapshots = connection.prepareStatement("select sequence_number, time_stamp"
                     + " from snapshot_event_entry where aggregate_identifier = ? order by sequence_number desc"
                     + " limit 1")) {
            for (String provider : providerIds) {
                events.setString(1, provider);
                long last;
                try (ResultSet rs = events.executeQuery()) {
                    rs.next();
                    last = rs.getLong(1);
                }
                snapshots.setString(1, provider);
                try (ResultSet rs = snapshots.executeQuery()) {
                    if (rs.next()) {
                        withSnapshot++;
                        eventsAfter.add(last - rs.getLong(1));
                        Instant written = Instant.parse(rs.getString(2));
                        lastWritten = lastWritten == null || written.isAfter(lastWritten) ? written : lastWritten;
                    } else {
                        eventsAfter.add(last + 1);
                    }
                }
            }
        }
        Collections.sort(eventsAfter);
        Map<String, Object> taken = new LinkedHashMap<>();
        taken.put("providers", providerIds.size());
        taken.put("withSnapshot", withSnapshot);
        taken.put("eventsAfterNewestSnapshotMedian", eventsAfter.get(eventsAfter.size() / 2));
        taken.put("eventsAfterNewestSnapshotMax", eventsAfter.get(eventsAfter.size() - 1));
        taken.put("lastSnapshotSecondsAfterHistory", lastWritten == null ? null
                : Benchmark.round(Duration.between(historyWritten, lastWritten).toMillis() / 1000.0));
        taken.put("waitedForQuietSeconds", waited);
        return taken;
    }
}
