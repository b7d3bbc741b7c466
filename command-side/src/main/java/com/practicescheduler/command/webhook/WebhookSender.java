package com.practicescheduler.command.webhook;

import com.practicescheduler.platform.DaemonThreads;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the recorded deliveries (ADR 17): a worker that polls {@code webhook_delivery} for rows due by the
 * application's {@link Clock}, claims them ({@code for update skip locked} and a lease, so several nodes never send
 * one at once), and POSTs each signed per the Standard Webhooks specification. A 2xx answer delivers it; anything
 * else (another status, no answer, a target that now resolves to a private address) counts as an attempt and is
 * retried after the next of {@code practice-scheduler.webhooks.retry-delays}; after the last it is FAILED. A delivery
 * waits while an earlier PENDING one about the same appointment (offer, entry) waits for the same subscription.
 * Everything is in PostgreSQL, so a restart loses nothing: a delivery cut off mid-send is sent again when its lease
 * ends (at least once).
 */
@Component
class WebhookSender implements SmartLifecycle {

    /** Deliveries claimed at once. */
    static final int BATCH = 20;
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** How long a claimed delivery is left to its sender before another poll may take it again. */
    static final Duration LEASE = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final PrivateTargets targets;
    private final Clock clock;
    private final List<Duration> retryDelays;
    private final Duration pollEvery;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private volatile ScheduledExecutorService poller;
    private volatile ExecutorService senders;

    WebhookSender(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, PrivateTargets targets,
                  Clock clock,
                  @Value("${practice-scheduler.webhooks.retry-delays:PT5S,PT5M,PT30M,PT2H,PT5H,PT10H,PT10H}")
                  String retryDelays,
                  @Value("${practice-scheduler.webhooks.poll-every:PT1S}") Duration pollEvery) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.targets = targets;
        this.clock = clock;
        this.retryDelays = Arrays.stream(retryDelays.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(Duration::parse).toList();
        this.pollEvery = pollEvery;
    }

    private record Due(String id, String body, int attempts, String url, String secret) {
    }

    /** Sends what is due until nothing is; called by the poller. */
    void sendDue() {
        try {
            List<Due> due;
            while (!(due = claim()).isEmpty()) {
                List<Callable<Void>> sends = new ArrayList<>();
                for (Due delivery : due) {
                    sends.add(() -> {
                        attempt(delivery);
                        return null;
                    });
                }
                senders.invokeAll(sends);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Webhook deliveries could not be read or updated ({}); trying again at the next poll",
                    e.getClass().getSimpleName());
        }
    }

    private List<Due> claim() {
        return transactions.execute(status -> {
            Instant now = clock.instant();
            List<Due> due = jdbc.query("select d.id, d.body, d.attempts, s.url, s.secret from webhook_delivery d"
                            + " join webhook_subscription s on s.id = d.subscription_id"
                            + " where d.state = 'PENDING' and d.next_attempt_at <= ?"
                            + " and not exists (select 1 from webhook_delivery e where e.state = 'PENDING'"
                            + " and e.subscription_id = d.subscription_id and e.ordering_key = d.ordering_key"
                            + " and e.seq < d.seq)"
                            + " order by d.next_attempt_at, d.seq limit " + BATCH + " for update of d skip locked",
                    (rs, row) -> new Due(rs.getString("id"), rs.getString("body"), rs.getInt("attempts"),
                            rs.getString("url"), rs.getString("secret")), Timestamp.from(now));
            for (Due delivery : due) {
                jdbc.update("update webhook_delivery set next_attempt_at = ? where id = ?",
                        Timestamp.from(now.plus(LEASE)), delivery.id());
            }
            return due;
        });
    }

    private void attempt(Due delivery) {
        Integer status = null;
        // the next attempt is timed from when this one began, however long its answer took
        Instant began = clock.instant();
        URI url = URI.create(delivery.url());
        if (targets.refusal(url) != null) {
            log.warn("Webhook delivery {} not sent: its target is refused now", delivery.id());
        } else {
            long timestamp = began.getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(url)
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "practice-scheduler-webhooks")
                    .header("webhook-id", delivery.id())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", Signatures.sign(delivery.secret(), delivery.id(), timestamp,
                            delivery.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
                    .build();
            try {
                status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                log.info("Webhook delivery {} got no answer ({})", delivery.id(), e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // shutting down: the lease runs out and the delivery is sent again
            }
        }
        int attempts = delivery.attempts() + 1;
        boolean delivered = status != null && status >= 200 && status < 300;
        String state = delivered ? "DELIVERED" : attempts > retryDelays.size() ? "FAILED" : "PENDING";
        Instant next = state.equals("PENDING") ? began.plus(retryDelays.get(attempts - 1)) : clock.instant();
        jdbc.update("update webhook_delivery set attempts = ?, last_status = ?, state = ?, next_attempt_at = ?"
                        + " where id = ? and state = 'PENDING'", attempts, status, state, Timestamp.from(next),
                delivery.id());
        if (!delivered) {
            log.info("Webhook delivery {} attempt {} answered {}: {}", delivery.id(), attempts, status, state);
        }
    }

    @Override
    public void start() {
        senders = Executors.newFixedThreadPool(4, DaemonThreads.named("webhook-send"));
        poller = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("webhook-poll"));
        poller.scheduleWithFixedDelay(this::sendDue, pollEvery.toMillis(), pollEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService stopping = poller;
        poller = null;
        if (stopping != null) {
            stopping.shutdownNow();
            senders.shutdownNow();
            try {
                stopping.awaitTermination(15, TimeUnit.SECONDS);
                senders.awaitTermination(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }
}
