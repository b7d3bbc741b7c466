package com.practicescheduler.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.junit.jupiter.api.Test;

/** Audit entries outside a command share appends and commits, and nobody returns before their entry is in. */
class GroupCommitTest {

    /** Per commit, the entries it made durable, in commit order. */
    private final List<List<Object>> commits = new CopyOnWriteArrayList<>();
    private final SimpleEventBus eventBus = SimpleEventBus.builder().build();
    private final CountDownLatch firstCommitMayEnd = new CountDownLatch(1);
    private final AtomicBoolean failNextCommit = new AtomicBoolean();
    private final List<Object> inTransaction = new CopyOnWriteArrayList<>();
    private final TransactionManager transactions = () -> new Transaction() {
        @Override
        public void commit() {
            if (commits.isEmpty()) {
                awaitQuietly(firstCommitMayEnd);
            }
            if (failNextCommit.getAndSet(false)) {
                inTransaction.clear();
                throw new IllegalStateException("database gone");
            }
            commits.add(List.copyOf(inTransaction));
            inTransaction.clear();
        }

        @Override
        public void rollback() {
            inTransaction.clear();
        }
    };
    private final GroupCommit groupCommit = new GroupCommit(eventBus, transactions);

    {
        eventBus.subscribe(events -> events.forEach(event -> inTransaction.add(event.getPayload())));
    }

    @Test
    void entriesThatArriveWhileAnAppendIsUnderWayGoTogetherInTheNextAndEachCallerReturnsAfterItsCommit()
            throws Exception {
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> groupCommit.append(entry("first")));
        await().atMost(Duration.ofSeconds(30)).until(() -> inTransaction.contains("first"));
        List<Thread> followers = new ArrayList<>();
        List<Object> returned = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 19; i++) {
            String name = "follower-" + i;
            Thread follower = new Thread(() -> {
                groupCommit.append(entry(name));
                assertThat(commits.stream().flatMap(List::stream)).contains(name);
                returned.add(name);
            });
            followers.add(follower);
            follower.start();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> followers.stream()
                .allMatch(thread -> thread.getState() == Thread.State.WAITING));

        assertThat(returned).isEmpty();
        firstCommitMayEnd.countDown();
        first.get();
        for (Thread follower : followers) {
            follower.join();
        }

        assertThat(commits).hasSize(2);
        assertThat(commits.get(0)).containsExactly("first");
        assertThat(commits.get(1)).hasSize(19).containsExactlyInAnyOrderElementsOf(returned);
    }

    @Test
    void everyCallerWhoseEntryWasInAFailedAppendIsToldSo() {
        firstCommitMayEnd.countDown();
        failNextCommit.set(true);

        assertThatThrownBy(() -> groupCommit.append(entry("lost"))).hasMessageContaining("database gone");
        groupCommit.append(entry("kept"));

        assertThat(commits).containsExactly(List.of("kept"));
    }

    private static EventMessage<?> entry(String payload) {
        return GenericEventMessage.asEventMessage(payload);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
