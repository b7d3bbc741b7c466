package com.practicescheduler.command.provider;

import com.practicescheduler.api.provider.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A schedule's reservations ordered by start, so a decision looks only at those that can overlap its time instead
 * of every reservation of the provider (a busy provider holds thousands of future ones). Derived from the
 * schedule's own map, never stored: a schedule loaded from a snapshot builds it on first use.
 */
final class ReservationIndex {

    private record Entry(Instant start, String id, Instant end) {
    }

    private static final Comparator<Entry> BY_START = Comparator.comparing(Entry::start).thenComparing(Entry::id);

    private final NavigableSet<Entry> byStart = new TreeSet<>(BY_START);
    /** At least as long as the longest reservation ever indexed: how far before a time an overlap can start. */
    private Duration longest = Duration.ZERO;

    static ReservationIndex of(Map<String, TimeRange> reservations) {
        ReservationIndex index = new ReservationIndex();
        reservations.forEach(index::add);
        return index;
    }

    void add(String id, TimeRange range) {
        byStart.add(new Entry(range.start(), id, range.end()));
        Duration length = Duration.between(range.start(), range.end());
        if (length.compareTo(longest) > 0) {
            longest = length;
        }
    }

    void remove(String id, TimeRange range) {
        byStart.remove(new Entry(range.start(), id, range.end()));
    }

    /** Whether a reservation that {@code counts} overlaps {@code range}. */
    boolean anyOverlapping(TimeRange range, Predicate<String> counts) {
        Entry from = new Entry(range.start().minus(longest), "", range.start());
        Entry to = new Entry(range.end(), "", range.end());
        for (Entry entry : byStart.subSet(from, true, to, false)) {
            if (entry.end().isAfter(range.start()) && entry.start().isBefore(range.end()) && counts.test(entry.id())) {
                return true;
            }
        }
        return false;
    }

    /** Removes and returns the reservations that ended before {@code instant}. */
    List<String> removeEndedBefore(Instant instant) {
        List<String> ended = new ArrayList<>();
        var iterator = byStart.headSet(new Entry(instant, "", instant), false).iterator();
        while (iterator.hasNext()) {
            Entry entry = iterator.next();
            if (entry.end().isBefore(instant)) {
                ended.add(entry.id());
                iterator.remove();
            }
        }
        return ended;
    }
}
