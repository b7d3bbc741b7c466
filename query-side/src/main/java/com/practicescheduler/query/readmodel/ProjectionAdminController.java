package com.practicescheduler.query.readmodel;

import com.practicescheduler.api.Nullable;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.platform.audit.AuditLog;
import com.practicescheduler.platform.axon.EventPositions;
import com.practicescheduler.platform.openapi.Refuses;
import com.practicescheduler.platform.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The query side's projections: where each stands in the event stream and what it parked, a rebuild — reset, then
 * replay from the first event — and a retry of parked events, for a practice administrator. Every projection has a
 * reset handler that empties its tables.
 */
@Tag(name = "Projections")
@RestController
@RequestMapping("/api/v1/admin/projections")
@PreAuthorize("hasRole('PRACTICE_ADMIN')")
class ProjectionAdminController {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final AuditLog audit;

    ProjectionAdminController(EventProcessingConfiguration processing, EventStore eventStore, AuditLog audit) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.audit = audit;
    }

    /**
     * @param position the lowest position over the projection's segments (-1 before the first event)
     * @param lag      events of the stream not yet processed
     * @param status      {@code RUNNING}, {@code REPLAYING}, {@code ERROR}, or {@code STOPPED} (another instance
     *                    holds it, or it is shut down)
     * @param deadLetters events the projection could not handle, parked until retried (null: it parks none)
     */
    record ProjectionStatus(String name, long position, long lag, String status, @Nullable Long deadLetters) {
    }

    record Projections(long head, List<ProjectionStatus> projections) {
    }

    @Operation(operationId = "listProjections", summary = "List the projections: position, lag, status")
    @GetMapping
    Projections projections() {
        long head = EventPositions.head(eventStore);
        return new Projections(head, ReadModels.ALL.stream().map(name -> status(name, head)).toList());
    }


    /** Resets the projection and replays it from the first event; answers at once, the replay goes on. */
    @Operation(operationId = "rebuildProjection", summary = "Rebuild a projection from the first event")
    @ApiResponse(responseCode = "202", description = "Reset; the replay goes on")
    @Refuses({ErrorCode.INVALID_TRANSITION, ErrorCode.CONCURRENT_MODIFICATION})
    @PostMapping("/{name}/rebuild")
    ResponseEntity<ProjectionStatus> rebuild(Actor actor, @PathVariable String name) {
        StreamingEventProcessor processor = processor(name);
        if (!processor.supportsReset()) {
            throw new Refusal(ErrorCode.INVALID_TRANSITION, "Projection " + name + " cannot be reset");
        }
        processor.shutDown();
        try {
            processor.resetTokens();
        } catch (IllegalStateException e) {
            processor.start();
            throw new Refusal(ErrorCode.CONCURRENT_MODIFICATION,
                    "Another instance is processing " + name + "; stop it or rebuild there");
        }
        processor.start();
        audit.done(actor, "RebuildProjection", "Projection", name, List.of());
        return ResponseEntity.accepted().body(status(name, EventPositions.head(eventStore)));
    }

    private ProjectionStatus status(String name, long head) {
        StreamingEventProcessor processor = processor(name);
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        long position = segments.values().stream()
                .mapToLong(s -> s.getCurrentPosition().orElse(-1))
                .min().orElse(-1);
        String status;
        if (segments.isEmpty() || !processor.isRunning()) {
            status = "STOPPED";
        } else if (segments.values().stream().anyMatch(EventTrackerStatus::isErrorState)) {
            status = "ERROR";
        } else if (segments.values().stream().anyMatch(EventTrackerStatus::isReplaying)) {
            status = "REPLAYING";
        } else {
            status = "RUNNING";
        }
        Long deadLetters = processing.deadLetterQueue(name).map(SequencedDeadLetterQueue::size).orElse(null);
        return new ProjectionStatus(name, position, Math.max(0, head - position), status, deadLetters);
    }

    record Retried(String name, int retried, long remaining) {
    }

    /** Hands the projection's parked events to it again, after a fix; those that still fail stay parked. */
    @Operation(operationId = "retryDeadLetters", summary = "Retry a projection's parked events")
    @Refuses({ErrorCode.INVALID_TRANSITION})
    @PostMapping("/{name}/dead-letters/retry")
    Retried retryDeadLetters(Actor actor, @PathVariable String name) {
        processor(name);
        SequencedDeadLetterProcessor<EventMessage<?>> letters = processing.sequencedDeadLetterProcessor(name)
                .orElseThrow(() -> new Refusal(ErrorCode.INVALID_TRANSITION,
                        "Projection " + name + " parks no events"));
        int retried = 0;
        long sequences = processing.deadLetterQueue(name).map(SequencedDeadLetterQueue::amountOfSequences).orElse(0L);
        for (long i = 0; i < sequences && letters.processAny(); i++) {
            retried++;
        }
        audit.done(actor, "RetryDeadLetters", "Projection", name, List.of());
        return new Retried(name, retried, processing.deadLetterQueue(name).map(SequencedDeadLetterQueue::size)
                .orElse(0L));
    }

    private StreamingEventProcessor processor(String name) {
        if (!ReadModels.ALL.contains(name)) {
            throw Refusal.notFound("Projection " + name);
        }
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> Refusal.notFound("Projection " + name));
    }
}
