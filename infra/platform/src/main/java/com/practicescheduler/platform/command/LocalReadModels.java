package com.practicescheduler.platform.command;

import com.practicescheduler.api.projection.AwaitReadModelsQuery;
import com.practicescheduler.api.projection.ReadModelsCaughtUp;
import java.util.concurrent.CompletableFuture;

/**
 * The query side's read models when they run in this process (the standalone application, embedded or on Axon
 * Server): a command's answer waits on them directly, as the query side's handler of {@link AwaitReadModelsQuery}
 * would answer. Without it — a command side of its own — the wait goes over the query bus to a query side.
 */
public interface LocalReadModels {

    /** Completes as the query side's answer to {@code query} would: once caught up, or when the wait runs out. */
    CompletableFuture<ReadModelsCaughtUp> await(AwaitReadModelsQuery query);
}
