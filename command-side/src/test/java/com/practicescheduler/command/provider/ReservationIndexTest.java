package com.practicescheduler.command.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.practicescheduler.api.provider.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReservationIndexTest {

    private static final Instant BASE = Instant.parse("2027-03-01T00:00:00Z");

    @Test
    void findsOverlapsAndForgetsEndedReservationsExactlyAsLookingAtEveryReservationDoes() {
        Random random = new Random(20261205);
        for (int round = 0; round < 200; round++) {
            Map<String, TimeRange> reservations = new HashMap<>();
            ReservationIndex index = new ReservationIndex();
            for (int i = random.nextInt(60); i > 0; i--) {
                String id = "r" + random.nextInt(80);
                TimeRange range = range(random, 3000, 600);
                TimeRange replaced = reservations.put(id, range);
                if (replaced != null) {
                    index.remove(id, replaced);
                }
                index.add(id, range);
                if (random.nextInt(5) == 0) {
                    String released = "r" + random.nextInt(80);
                    TimeRange gone = reservations.remove(released);
                    if (gone != null) {
                        index.remove(released, gone);
                    }
                }
            }
            Set<String> ignored = Set.of("r" + random.nextInt(40), "r" + (40 + random.nextInt(40)));
            for (int probe = 0; probe < 100; probe++) {
                TimeRange wanted = range(random, 3600, 120);
                assertThat(index.anyOverlapping(wanted, id -> !ignored.contains(id)))
                        .as("%s against %s ignoring %s", wanted, reservations, ignored)
                        .isEqualTo(reservations.entrySet().stream().anyMatch(
                                entry -> !ignored.contains(entry.getKey()) && entry.getValue().overlaps(wanted)));
            }
            Instant horizon = BASE.plus(Duration.ofMinutes(random.nextInt(3600)));
            List<String> expected = reservations.entrySet().stream()
                    .filter(entry -> entry.getValue().end().isBefore(horizon)).map(Map.Entry::getKey).toList();
            assertThat(index.removeEndedBefore(horizon)).containsExactlyInAnyOrderElementsOf(expected);
            expected.forEach(reservations::remove);
            assertThat(index.anyOverlapping(new TimeRange(BASE, BASE.plus(Duration.ofDays(10))), id -> true))
                    .isEqualTo(!reservations.isEmpty());
        }
    }

    private static TimeRange range(Random random, int startWithinMinutes, int longestMinutes) {
        Instant start = BASE.plus(Duration.ofMinutes(random.nextInt(startWithinMinutes)));
        return new TimeRange(start, start.plus(Duration.ofMinutes(1 + random.nextInt(longestMinutes))));
    }
}
