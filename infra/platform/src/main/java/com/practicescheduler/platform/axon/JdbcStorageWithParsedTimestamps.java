package com.practicescheduler.platform.axon;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC storage engine, except that
 * <ul>
 * <li>a tracked event's timestamp is parsed once, by a parser of the one format the engine writes
 * ({@code 2026-12-05T10:03:31.669Z}). Axon keeps it as text and parses it with {@code java.time} whenever it is asked
 * for: when reading (for its gaps) and again when a processor handles the event — a replay asks for it for every
 * event, to give each its replay token. In a rebuild's profile that was a fifth of the processors' CPU; this removes
 * the second parse. Any other text goes to Axon's own parser;</li>
 * <li>the reader at the head of the stream (the embedded event store's producer: the one read that may block) reads
 * again when this process has committed an append since its last read began, or after the patience
 * ({@link HeadReads}), not at once after every read that found events; and one query that finds fewer events than
 * a batch ends its read, not the empty one after it.</li>
 * </ul>
 */
class JdbcStorageWithParsedTimestamps extends JdbcEventStorageEngine {

    private final HeadReads headReads;

    JdbcStorageWithParsedTimestamps(Builder builder, Duration headReadPatience) {
        super(builder);
        this.headReads = new HeadReads(headReadPatience);
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        super.appendEvents(events, serializer);
        UnitOfWork<?> root = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().root() : null;
        if (root != null && root.phase().isBefore(UnitOfWork.Phase.COMMIT)) {
            root.afterCommit(committed -> headReads.committed());
        } else {
            // no unit of work, or one whose commit has begun: counted now; at worst the reader reads before this
            // append is committed and finds it at its next read, within the patience
            headReads.committed();
        }
    }

    /**
     * The reader at the head reads when {@link HeadReads} says, and its stream ends after the first batch that is not
     * full: Axon's ends only after an empty one, so every read that found events was followed by one that found
     * nothing. A batch that is not full holds every event past the token that the store had ({@link ReadsPastGaps}
     * reads past gaps); the reader's next read starts where this one ended. Other reads are Axon's.
     */
    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken token, boolean mayBlock) {
        if (!mayBlock) {
            return super.readEventData(token, false);
        }
        headReads.beforeRead();
        return StreamSupport.stream(new UntilShortBatch(token), false);
    }

    private final class UntilShortBatch extends Spliterators.AbstractSpliterator<TrackedEventData<?>> {

        private TrackingToken last;
        private Iterator<? extends TrackedEventData<?>> batch = Collections.emptyIterator();
        private boolean lastBatchShort;

        UntilShortBatch(TrackingToken token) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.last = token;
        }

        @Override
        public boolean tryAdvance(Consumer<? super TrackedEventData<?>> action) {
            if (!batch.hasNext()) {
                if (lastBatchShort) {
                    return false;
                }
                List<? extends TrackedEventData<?>> next = fetchTrackedEvents(last, batchSize());
                lastBatchShort = next.size() < batchSize();
                batch = next.iterator();
                if (!batch.hasNext()) {
                    return false;
                }
            }
            TrackedEventData<?> event = batch.next();
            last = event.trackingToken();
            action.accept(event);
            return true;
        }
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        TrackedEventData<?> event = super.getTrackedEventData(resultSet, previousToken);
        if (!(event instanceof TrackedDomainEventData<?> domainEvent)) {
            return event;
        }
        return withTimestamp(domainEvent, parse(resultSet.getString(schema().timestampColumn())));
    }

    private static <T> TrackedEventData<T> withTimestamp(TrackedDomainEventData<T> event, Instant timestamp) {
        return new TrackedDomainEventData<>(event.trackingToken(), (DomainEventData<T>) event) {
            @Override
            public Instant getTimestamp() {
                return timestamp;
            }
        };
    }

    /** The instant of a timestamp as the engine writes it, or as Axon parses any other text. */
    static Instant parse(String text) {
        if (text.length() != 24 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != '.'
                || text.charAt(23) != 'Z') {
            return DateTimeUtils.parseInstant(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int millis = digits(text, 20, 23);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59 || millis < 0
                || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return DateTimeUtils.parseInstant(text);
        }
        long seconds = LocalDate.of(year, month, day).toEpochDay() * 86_400 + hour * 3_600L + minute * 60L + second;
        return Instant.ofEpochSecond(seconds, millis * 1_000_000L);
    }

    /** The number written with the digits in [from, to), or -1 if one of them is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
