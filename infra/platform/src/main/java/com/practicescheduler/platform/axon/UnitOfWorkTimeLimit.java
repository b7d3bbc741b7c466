package com.practicescheduler.platform.axon;

import com.practicescheduler.platform.DaemonThreads;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time limit of a unit of work (a command, a query, a processor's batch, a deadline): a warning after
 * {@code warnAfter}, with the stack of the thread that is still at it, and an interrupt of that thread at
 * {@code limit}, so its transaction rolls back and a request is answered {@code 503}. What Axon's
 * {@code UnitOfWorkTimeoutInterceptor} does, without its cost: that one reads the whole stack of the thread
 * ({@code Thread.getStackTrace()}) every time a unit of work starts, to name its caller in a warning that is hardly
 * ever logged, which under a web request's 150 frames was 3–4 % of the application's CPU in the bookings-only
 * benchmark. Here the stack is read only when the warning is logged. A nested unit of work runs under its root's
 * limit.
 */
public final class UnitOfWorkTimeLimit implements MessageHandlerInterceptor<Message<?>> {

    private static final Logger log = LoggerFactory.getLogger(UnitOfWorkTimeLimit.class);
    private static final String RESOURCE = UnitOfWorkTimeLimit.class.getName();
    private static final ScheduledExecutorService JANITOR = janitor();

    private final String component;
    private final long limitMillis;
    private final long warnAfterMillis;

    public UnitOfWorkTimeLimit(String component, Duration limit, Duration warnAfter) {
        this.component = component;
        this.limitMillis = limit.toMillis();
        this.warnAfterMillis = warnAfter.toMillis();
    }

    /**
     * Registers a limit on every unit of work, where Axon registered its own: on every event processor by default,
     * and on the command bus, the query bus and the deadline manager once they are built.
     */
    public static ConfigurerModule onEveryUnitOfWork(Duration limit, Duration warnAfter) {
        return new ConfigurerModule() {
            @Override
            public void configureModule(Configurer configurer) {
                configurer.eventProcessing().registerDefaultHandlerInterceptor((config, processor) ->
                        new UnitOfWorkTimeLimit("event processor " + processor, limit, warnAfter));
                configurer.onStart(Integer.MIN_VALUE, () -> {
                    Configuration axon = configurer.buildConfiguration();
                    axon.commandBus().registerHandlerInterceptor(
                            new UnitOfWorkTimeLimit("command bus", limit, warnAfter));
                    axon.queryBus().registerHandlerInterceptor(new UnitOfWorkTimeLimit("query bus", limit, warnAfter));
                    axon.deadlineManager().registerHandlerInterceptor(
                            new UnitOfWorkTimeLimit("deadline manager", limit, warnAfter));
                });
            }

            @Override
            public int order() {
                return Integer.MIN_VALUE;
            }
        };
    }

    @Override
    public Object handle(UnitOfWork<? extends Message<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        UnitOfWork<?> root = unitOfWork.root();
        if (limitMillis > 0 && !root.resources().containsKey(RESOURCE)) {
            Watch watch = new Watch(Thread.currentThread());
            root.resources().put(RESOURCE, watch);
            watch.start();
            unitOfWork.afterCommit(u -> watch.complete());
            unitOfWork.onRollback(u -> watch.complete());
        }
        return interceptorChain.proceed();
    }

    private static ScheduledExecutorService janitor() {
        ScheduledThreadPoolExecutor janitor =
                new ScheduledThreadPoolExecutor(1, DaemonThreads.named("unit-of-work-time-limit"));
        // a unit of work that ends in time cancels its watch: drop it from the queue then, not 60 s later
        janitor.setRemoveOnCancelPolicy(true);
        return janitor;
    }

    /** One unit of work's watch: scheduled once, cancelled when the unit of work commits or rolls back. */
    private final class Watch {

        private final Thread thread;
        private final long startedNanos = System.nanoTime();
        private ScheduledFuture<?> next;
        private boolean completed;
        private boolean interrupted;

        Watch(Thread thread) {
            this.thread = thread;
        }

        synchronized void start() {
            next = warnAfterMillis > 0 && warnAfterMillis < limitMillis
                    ? JANITOR.schedule(this::warn, warnAfterMillis, TimeUnit.MILLISECONDS)
                    : JANITOR.schedule(this::interrupt, limitMillis, TimeUnit.MILLISECONDS);
        }

        private synchronized void warn() {
            if (completed) {
                return;
            }
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
            // class and method names only: a stack never holds a message's content
            log.warn("Unit of work of {} on thread [{}] has run {} ms; it is interrupted after {} ms. Its stack:\n{}",
                    component, thread.getName(), elapsed, limitMillis, Arrays.stream(thread.getStackTrace())
                            .map(String::valueOf).collect(Collectors.joining("\n\tat ", "\tat ", "")));
            next = JANITOR.schedule(this::interrupt, Math.max(0, limitMillis - elapsed), TimeUnit.MILLISECONDS);
        }

        private synchronized void interrupt() {
            if (completed) {
                return;
            }
            log.error("Unit of work of {} on thread [{}] exceeded its time limit of {} ms: interrupted", component,
                    thread.getName(), limitMillis);
            interrupted = true;
            thread.interrupt();
        }

        synchronized void complete() {
            completed = true;
            next.cancel(false);
            if (interrupted && Thread.currentThread() == thread) {
                // the interrupt was meant for this unit of work only; it must not reach the thread's next task
                Thread.interrupted();
            }
        }
    }
}
