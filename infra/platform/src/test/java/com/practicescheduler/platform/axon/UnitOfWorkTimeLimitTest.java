package com.practicescheduler.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a handler that runs too long, and one that ends in time, see of {@link UnitOfWorkTimeLimit}. */
class UnitOfWorkTimeLimitTest {

    private static final Duration LIMIT = Duration.ofMillis(200);

    private Configuration axon;

    @AfterEach
    void stop() {
        if (axon != null) {
            axon.shutdown();
        }
    }

    @Test
    @Timeout(30)
    void aUnitOfWorkPastItsLimitIsInterruptedAndRolledBack() {
        AtomicBoolean rolledBack = new AtomicBoolean();
        DefaultUnitOfWork<CommandMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(command());
        unitOfWork.onRollback(u -> rolledBack.set(true));
        long started = System.nanoTime();

        runsTooLong(unitOfWork, new UnitOfWorkTimeLimit("test", LIMIT, Duration.ofSeconds(60)));

        assertThat(unitOfWork.getExecutionResult().getExceptionResult()).isInstanceOf(InterruptedException.class);
        assertThat(rolledBack).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(LIMIT, Duration.ofSeconds(10));
        assertThat(Thread.interrupted()).as("the interrupt was for the unit of work, not the thread's next task")
                .isFalse();
    }

    @Test
    @Timeout(30)
    void aWarningBeforeTheLimitDoesNotPostponeIt() {
        DefaultUnitOfWork<CommandMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(command());
        long started = System.nanoTime();

        runsTooLong(unitOfWork, new UnitOfWorkTimeLimit("test", LIMIT, Duration.ofMillis(50)));

        assertThat(unitOfWork.getExecutionResult().getExceptionResult()).isInstanceOf(InterruptedException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(LIMIT, Duration.ofSeconds(10));
    }

    @Test
    @Timeout(30)
    void aUnitOfWorkThatEndsInTimeLeavesItsThreadAlone() throws Exception {
        DefaultUnitOfWork<CommandMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(command());

        Object result = unitOfWork.executeWithResult(() -> new UnitOfWorkTimeLimit("test", LIMIT, LIMIT)
                .handle(unitOfWork, () -> "done")).getPayload();

        assertThat(result).isEqualTo("done");
        // the thread goes on with other work past the finished unit of work's limit, undisturbed
        CountDownLatch never = new CountDownLatch(1);
        assertThat(never.await(LIMIT.toMillis() * 3, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    @Timeout(30)
    void commandsOnAnAxonConfigurationRunUnderTheLimit() {
        Configurer configurer = DefaultConfigurer.defaultConfiguration(false) // no Axon Server here
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine());
        UnitOfWorkTimeLimit.onEveryUnitOfWork(LIMIT, Duration.ofSeconds(60)).configureModule(configurer);
        axon = configurer.buildConfiguration();
        axon.commandBus().subscribe(String.class.getName(), command -> {
            Thread.sleep(20_000);
            return "never";
        });
        axon.start();
        long started = System.nanoTime();

        assertThatThrownBy(() -> axon.commandGateway().sendAndWait("slow"))
                .isInstanceOf(CommandExecutionException.class)
                .hasCauseInstanceOf(InterruptedException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(LIMIT, Duration.ofSeconds(10));
    }

    /** Runs a handler in {@code unitOfWork} under {@code limit} that would take 20 s. */
    private static void runsTooLong(DefaultUnitOfWork<CommandMessage<?>> unitOfWork, UnitOfWorkTimeLimit limit) {
        unitOfWork.executeWithResult(() -> limit.handle(unitOfWork, () -> {
            Thread.sleep(20_000);
            return "never";
        }));
    }

    private static CommandMessage<?> command() {
        return GenericCommandMessage.asCommandMessage("slow");
    }
}
