package com.practicescheduler.platform.operations;

import com.practicescheduler.platform.axon.EventPositions;
import java.util.Map;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** Where a streaming processor of this process stands: its lag behind the head, errors, replays. */
final class ProcessorProgress {

    private ProcessorProgress() {
    }

    /** Events of the stream not handled yet; NaN when another instance owns every segment (it reports them). */
    static double lag(StreamingEventProcessor processor, EventStore eventStore) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        if (segments.isEmpty()) {
            return Double.NaN;
        }
        long headPosition = EventPositions.head(eventStore);
        long position = segments.values().stream()
                .mapToLong(status -> status.getCurrentPosition().orElse(-1))
                .min().orElse(-1);
        return Math.max(0, headPosition - position);
    }

    /** Whether it runs here and no segment is in error. */
    static boolean up(StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        return processor.isRunning() && !segments.isEmpty() && !inError(processor);
    }

    /** Whether it retries a failed batch (a segment in error), or stopped for an error altogether. */
    static boolean inError(StreamingEventProcessor processor) {
        return processor.isError()
                || processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState);
    }

    static boolean replaying(StreamingEventProcessor processor) {
        return processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isReplaying);
    }
}
