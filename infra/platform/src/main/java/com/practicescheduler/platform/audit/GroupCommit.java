package com.practicescheduler.platform.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

/**
 * Appends audit entries that belong to no command (PHI reads, refusals, operations) durably before their caller
 * answers, and lets concurrent callers share one append and one commit. No batching window: a caller whose entry
 * finds no append under way appends at once, alone; entries that arrive while one is under way wait for it and then
 * go together in the next (the leader takes everything queued). Every caller returns only once its own entry is
 * committed, or throws what made its append fail. Inside a unit of work (a command's), the entry joins that unit
 * of work as before.
 */
final class GroupCommit {

    private final EventBus eventBus;
    private final TransactionManager transactionManager;
    private final Queue<Pending> queued = new ConcurrentLinkedQueue<>();
    private final ReentrantLock appending = new ReentrantLock();

    private static final class Pending {
        final EventMessage<?> entry;
        volatile boolean done;
        volatile RuntimeException failure;

        Pending(EventMessage<?> entry) {
            this.entry = entry;
        }
    }

    GroupCommit(EventBus eventBus, TransactionManager transactionManager) {
        this.eventBus = eventBus;
        this.transactionManager = transactionManager;
    }

    /** Appends {@code entry}; returns once it is committed. */
    void append(EventMessage<?> entry) {
        if (CurrentUnitOfWork.isStarted()) {
            eventBus.publish(entry);
            return;
        }
        Pending mine = new Pending(entry);
        queued.add(mine);
        appending.lock();
        try {
            if (!mine.done) {
                appendQueued();
            }
        } finally {
            appending.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    private void appendQueued() {
        List<Pending> batch = new ArrayList<>();
        for (Pending next = queued.poll(); next != null; next = queued.poll()) {
            batch.add(next);
        }
        RuntimeException failure = null;
        try {
            DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            unitOfWork.attachTransaction(transactionManager);
            unitOfWork.execute(() -> eventBus.publish(batch.stream().<EventMessage<?>>map(p -> p.entry).toList()));
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Pending pending : batch) {
            pending.failure = failure;
            pending.done = true;
        }
    }
}
