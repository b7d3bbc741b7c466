package com.practicescheduler.platform.axon;

import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * What an event handler read from the database, kept for the rest of its processor's batch (the root unit of work):
 * under load a batch holds the events of many commands but of few practices, so a look-up per practice is made once
 * a batch instead of once an event. Outside a unit of work nothing is kept.
 */
public final class OncePerBatch {

    private OncePerBatch() {
    }

    /** The current batch's answers under {@code key}, a new empty map outside a unit of work. */
    public static <K, V> Map<K, V> answers(String key) {
        return CurrentUnitOfWork.isStarted()
                ? CurrentUnitOfWork.get().root().getOrComputeResource(key, k -> new HashMap<K, V>())
                : new HashMap<>();
    }
}
