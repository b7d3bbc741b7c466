package com.practicescheduler.platform.command;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.projection.AwaitReadModelsQuery;
import com.practicescheduler.api.projection.ReadModelsCaughtUp;
import com.practicescheduler.platform.audit.AuditLog;
import com.practicescheduler.platform.audit.AuditMetadata;
import com.practicescheduler.platform.axon.EventPositions;
import com.practicescheduler.platform.web.EventPositionHeader;
import com.practicescheduler.platform.web.SafeExceptions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.NoHandlerForQueryException;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Sends a command and waits for its answer, the way every REST command endpoint does:
 * <ul>
 *   <li>a refusal (its {@link com.practicescheduler.api.error.Rejection} in the
 *       {@link CommandExecutionException} details, so it survives Axon Server: {@link RefusalTranslation}) is
 *       thrown as the {@link Refusal} it was, and thus becomes a problem response;</li>
 *   <li>a lost optimistic-concurrency race (another node appended to the same aggregate first) is retried, so
 *       the retry decides on the winner's state — e.g. answers {@code slot-unavailable};</li>
 *   <li>after success it waits, briefly, until the read models have processed the command's own events (their
 *       position is known when the unit of work appended them in this thread, with the JDBC store; otherwise,
 *       as with Axon Server, the store's head stands for it), so the client can read what it just wrote, and
 *       puts that position on the answer
 *       ({@link EventPositionHeader}): a query side in another process waits for it when the client sends it
 *       back. A wait that runs out is logged and counted
 *       ({@code practice_scheduler_read_your_writes_timeouts_total}); the command's answer stands.</li>
 * </ul>
 */
@Component
public class CommandSender {

    private static final Logger log = LoggerFactory.getLogger(CommandSender.class);
    private static final int MAX_ATTEMPTS = 8;

    private final CommandGateway commandGateway;
    private final QueryGateway queryGateway;
    private final EventStore eventStore;
    private final Duration readModelTimeout;
    private final AuditLog audit;
    private final MeterRegistry metrics;
    private final Counter readModelsTimeouts;
    private final ObjectProvider<LocalReadModels> localReadModels;
    /** Looked up at the first command, once every bean exists; empty in a command side of its own. */
    private volatile Optional<LocalReadModels> local;

    CommandSender(CommandGateway commandGateway, QueryGateway queryGateway, EventStore eventStore,
                  @Value("${practice-scheduler.read-your-writes-timeout:PT3S}") Duration readModelTimeout,
                  AuditLog audit, MeterRegistry metrics, ObjectProvider<LocalReadModels> localReadModels) {
        this.localReadModels = localReadModels;
        this.audit = audit;
        this.metrics = metrics;
        this.commandGateway = commandGateway;
        this.queryGateway = queryGateway;
        this.eventStore = eventStore;
        this.readModelTimeout = readModelTimeout;
        this.readModelsTimeouts = Counter.builder("practice_scheduler.read_your_writes.timeouts")
                .description("Commands answered before the read models reached their events")
                .register(metrics);
    }

    /** Sends {@code command}, retrying lost concurrency races, and waits for the read models to catch up. */
    public <R> R send(Object command) {
        R result = sendWithRetry(command);
        long appended = EventPositions.appendedInThisThread();
        long position = appended >= 0 ? appended : EventPositions.head(eventStore);
        EventPositionHeader.answer(position);
        awaitReadModels(position);
        return result;
    }

    /**
     * Sends {@code command}, retrying lost concurrency races, without waiting for the read models: for process
     * managers, which read no read model of the query side.
     */
    public <R> R dispatch(Object command) {
        return sendWithRetry(command);
    }

    /**
     * Sends the command with the audit metadata of the current request (metadata already on a
     * {@link CommandMessage} wins); records an audit entry when it is finally refused or fails.
     */
    private <R> R sendWithRetry(Object command) {
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command);
        message = message.withMetaData(AuditMetadata.ofCurrentRequest().mergedWith(message.getMetaData()));
        String type = message.getPayloadType().getSimpleName();
        for (int attempt = 1; ; attempt++) {
            // an attempt that lost its race appended rows that were rolled back: only the last attempt's count
            EventPositions.forgetAppended();
            try {
                R result = commandGateway.sendAndWait(message);
                count(type, "success");
                return result;
            } catch (RuntimeException e) {
                Refusal refusal = RefusalTranslation.refusal(e);
                if (refusal == null) {
                    count(type, "failed");
                    audit.commandNotDone(message, null);
                    throw e;
                }
                if (refusal.code() != ErrorCode.CONCURRENT_MODIFICATION || attempt == MAX_ATTEMPTS) {
                    log.info("{} refused: {}", type, refusal.code().slug());
                    count(type, refusal.code().slug());
                    audit.commandNotDone(message, refusal.code().slug());
                    throw refusal;
                }
                backOff(attempt);
            }
        }
    }

    /** {@code practice_scheduler_commands_total{type, outcome}}: success, a problem slug, or failed. */
    private void count(String type, String outcome) {
        metrics.counter("practice_scheduler.commands", "type", type, "outcome", outcome).increment();
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * attempt + 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refusal(ErrorCode.CONCURRENT_MODIFICATION, "Interrupted while retrying");
        }
    }

    /**
     * Waits until the query side has processed the event stream up to {@code position}: the one in this process
     * directly, else over the query bus (whose query message, interceptors and transaction were 5 % of the request
     * threads' samples in the bookings-only benchmark; ADR 13). Without a query side to ask (command-side processes
     * sharing only the event store, with no Axon Server), it returns at once.
     */
    private void awaitReadModels(long position) {
        if (position < 0) {
            return;
        }
        AwaitReadModelsQuery query = new AwaitReadModelsQuery(position, readModelTimeout);
        if (local == null) {
            local = Optional.ofNullable(localReadModels.getIfAvailable());
        }
        try {
            ReadModelsCaughtUp answer = local.map(readModels -> readModels.await(query))
                    .orElseGet(() -> queryGateway.query(query, ReadModelsCaughtUp.class))
                    .get(readModelTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            if (answer != null && !answer.caughtUp()) {
                readModelsLate(position);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof NoHandlerForQueryException)) {
                log.warn("Could not wait for the read models: {}", SafeExceptions.describe(e.getCause()));
                readModelsTimeouts.increment();
            }
        } catch (TimeoutException e) {
            readModelsLate(position);
        }
    }

    private void readModelsLate(long position) {
        log.warn("Read models did not reach position {} within {}: the answer went out before them", position,
                readModelTimeout);
        readModelsTimeouts.increment();
    }
}
