package com.practicescheduler.platform.axon;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * When the event store's reader at the head of the stream reads next. In one process that reader (Axon's embedded
 * event store's producer) feeds every tracking processor that has caught up; after each read that found events it
 * reads again at once, so under load it read back to back: 1.1 queries per booking in the bookings-only benchmark,
 * each finding what was committed during the one before.
 *
 * <p>Now a read that follows the last one within the patience waits until this process commits an append after the
 * last read began (that commit's events are what the next read exists to find), or until the patience has passed
 * since the last read began: events another process appends are found no later than that, as they were found no
 * sooner than the next read before. The first read after a quiet spell never waits, nor does a read that a commit is
 * already waiting for; so no command of this process waits longer for its read models than before.
 *
 * <p>One reader thread calls {@link #beforeRead}; any thread calls {@link #committed}.
 */
final class HeadReads {

    private final long patienceNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition commit = lock.newCondition();
    /** Appends this process committed; written under the lock. */
    private volatile long commits;
    /** The reader's: {@link #commits} when its last read began, and when that was. */
    private long seen = -1;
    private long lastReadBegan;

    HeadReads(Duration patience) {
        this.patienceNanos = patience.toNanos();
    }

    /** An append of this process committed: its events are for the next read to find. */
    void committed() {
        lock.lock();
        try {
            commits++;
            commit.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Called by the reader just before it reads: returns once a commit since its last read began is there to find,
     * or once the patience has passed since then. An interrupt ends the wait (and stays set).
     */
    void beforeRead() {
        try {
            awaitCommit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        seen = commits;
        lastReadBegan = System.nanoTime();
    }

    private void awaitCommit() throws InterruptedException {
        if (commits == seen) {
            long deadline = lastReadBegan + patienceNanos;
            lock.lock();
            try {
                long left;
                while (commits == seen && (left = deadline - System.nanoTime()) > 0) {
                    commit.awaitNanos(left);
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
