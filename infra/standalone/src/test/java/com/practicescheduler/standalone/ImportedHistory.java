package com.practicescheduler.standalone;

import com.practicescheduler.api.provider.TimeReservedEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * A provider's history written straight into the event store, without commands, as a bulk import (or the
 * benchmark's history) writes it: no aggregate is loaded, so nothing snapshots it on the way.
 */
final class ImportedHistory {

    /** The type the application stores the provider's schedule with. */
    static final String SCHEDULE = "ProviderSchedule";

    private ImportedHistory() {
    }

    /** {@code count} past one-hour reservations, one a day at 14:00 UTC, the newest ending before {@code now}. */
    static List<TimeReservedEvent> pastReservations(PracticeFixture practice, String providerId, int count,
                                                    Instant now) {
        Instant newest = now.minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.DAYS)
                .plus(Duration.ofHours(14));
        List<TimeReservedEvent> events = new ArrayList<>();
        for (int day = count - 1; day >= 0; day--) {
            Instant start = newest.minus(Duration.ofDays(day));
            events.add(new TimeReservedEvent(providerId, practice.practiceId, UUID.randomUUID().toString(), start,
                    start.plus(Duration.ofHours(1)), start.minus(Duration.ofDays(7))));
        }
        return events;
    }

    /** Appends {@code events} to the provider's schedule in one transaction; returns the last sequence number. */
    static long append(EventStore eventStore, String providerId, List<?> events) {
        long next = eventStore.lastSequenceNumberFor(providerId).orElse(-1L) + 1;
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        for (Object event : events) {
            messages.add(new GenericDomainEventMessage<>(SCHEDULE, providerId, next++, event));
        }
        eventStore.publish(messages);
        return next - 1;
    }
}
