package com.practicescheduler.query;

import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;

/**
 * Handler calls run as one batch of an event processor: inside one {@link BatchingUnitOfWork}, one call per event,
 * committed at the end, as a processor runs them when it catches up or rebuilds.
 */
public final class ProcessorBatch {

    private ProcessorBatch() {
    }

    /** Runs each call as the handling of one event of a single batch; throws what the batch failed with. */
    public static <T> void run(T projection, List<Consumer<T>> events) {
        List<EventMessage<?>> messages = events.stream()
                .<EventMessage<?>>map(event -> GenericEventMessage.asEventMessage("event"))
                .toList();
        run(messages, projection, events);
    }

    /** The same with the batch's events given, so that a test can run a batch of the same events again. */
    public static <T> void run(List<EventMessage<?>> messages, T projection, List<Consumer<T>> events) {
        Iterator<Consumer<T>> calls = events.iterator();
        ResultMessage<?> result = new BatchingUnitOfWork<>(messages).executeWithResult(() -> {
            calls.next().accept(projection);
            return null;
        });
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException e ? e : new IllegalStateException(failure);
        }
    }
}
