package com.certtrack.tracking.webhook;

import com.certtrack.support.retry.Backoff;
import com.certtrack.tracking.TrackingConfig;
import com.certtrack.tracking.WebhookConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * The delivery job, a sliding window of {@code batch-size} requests in flight: whenever a request ends (or a commit
 * enqueues deliveries, or the poll comes round) it writes the outcomes that ended meanwhile and claims as many due
 * deliveries as the window has room for, in one transaction. Claims use {@code FOR UPDATE SKIP LOCKED} (replicas
 * share the work, none is sent twice at once) and lease the row by moving {@code next_attempt_at} past the request
 * timeout. Outcomes: 2xx DELIVERED; 410 Gone FAILED and the endpoint disabled; otherwise RETRYING with backoff until
 * the last attempt, then FAILED. A crash mid-send (or before its outcome is written) leaves the lease to expire and
 * the delivery is retried with the same {@code webhook-id} (receivers deduplicate on it).
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    record Claimed(UUID id, int attempts, UUID endpointId, String url, byte[] secretEncrypted, String payload) {}

    /** A finished attempt whose outcome is not written yet. */
    private record Ended(Claimed delivery, WebhookHttpClient.Outcome outcome) {}

    /** Fired in a transaction that added deliveries: after its commit the dispatcher looks at once. */
    public record Enqueued() {}

    private final EntityManager em;
    private final WebhookHttpClient http;
    private final WebhookSecrets secrets;
    private final WebhookConfig config;
    private final Backoff backoff;
    private final Semaphore window;
    private final Queue<Ended> ended = new ConcurrentLinkedQueue<>();
    private final ExecutorService runs = Executors.newSingleThreadExecutor(r -> new Thread(r, "webhook-dispatcher"));
    private final AtomicBoolean runQueued = new AtomicBoolean();
    private volatile boolean stopping;

    public WebhookDispatcher(EntityManager em, WebhookHttpClient http, WebhookSecrets secrets, TrackingConfig config) {
        this.em = em;
        this.http = http;
        this.secrets = secrets;
        this.config = config.webhooks();
        this.window = new Semaphore(this.config.batchSize());
        this.backoff = Backoff.withJitter(
                this.config.retry().initialDelay(), this.config.retry().maxDelay());
    }

    /** The backstop: retries coming due, rows enqueued by another replica. */
    @Scheduled(
            identity = "webhook-deliveries",
            every = "${certtrack.tracking.webhooks.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void deliverDue() {
        wake();
    }

    void onEnqueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) Enqueued enqueued) {
        wake();
    }

    /** Runs are serial on one thread; wake-ups during a run fold into one more run. */
    private void wake() {
        if (!stopping && runQueued.compareAndSet(false, true)) {
            runs.execute(() -> {
                runQueued.set(false);
                run();
            });
        }
    }

    private void run() {
        List<Ended> finished = new ArrayList<>();
        for (Ended e; (e = ended.poll()) != null; ) {
            finished.add(e);
        }
        int room = window.drainPermits();
        List<Claimed> claimed = List.of();
        try {
            claimed = QuarkusTransaction.requiringNew().call(() -> {
                record(finished);
                return room == 0 ? List.<Claimed>of() : claim(room);
            });
        } catch (RuntimeException e) {
            // Unwritten outcomes are not lost work: their leases expire and the deliveries are tried again.
            LOG.warnf(
                    "webhook deliveries: writing %d outcomes or claiming failed, will retry: %s",
                    finished.size(), e.toString());
        }
        window.release(room - claimed.size());
        claimed.forEach(this::attempt);
    }

    private void attempt(Claimed delivery) {
        CompletableFuture<WebhookHttpClient.Outcome> outcome;
        try {
            String secret = secrets.decrypt(delivery.secretEncrypted(), delivery.endpointId());
            outcome = http.post(delivery.url(), delivery.id().toString(), secret, delivery.payload());
        } catch (IllegalStateException e) {
            outcome = CompletableFuture.completedFuture(
                    new WebhookHttpClient.Outcome(null, "the endpoint's secret cannot be read"));
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        outcome.whenComplete((result, failure) -> {
            ended.add(new Ended(
                    delivery,
                    failure == null
                            ? result
                            : new WebhookHttpClient.Outcome(null, "the request could not be sent: " + failure)));
            window.release();
            wake();
        });
    }

    @SuppressWarnings("unchecked")
    List<Claimed> claim(int count) {
        Duration lease = config.connectTimeout().plus(config.requestTimeout()).plusSeconds(30);
        List<Object[]> rows = em.createNativeQuery("WITH due AS (SELECT id FROM webhook_delivery "
                        + "WHERE status IN ('PENDING', 'RETRYING') AND next_attempt_at <= now() "
                        + "ORDER BY next_attempt_at LIMIT ?1 FOR UPDATE SKIP LOCKED) "
                        + "UPDATE webhook_delivery d SET attempts = d.attempts + 1, "
                        + "next_attempt_at = now() + make_interval(secs => ?2) "
                        + "FROM due, webhook_endpoint e WHERE d.id = due.id AND e.id = d.endpoint_id "
                        + "RETURNING d.id, d.attempts, e.id, e.url, e.secret_encrypted, d.payload")
                .setParameter(1, count)
                .setParameter(2, (double) lease.toSeconds())
                .getResultList();
        return rows.stream()
                .map(r -> new Claimed(
                        (UUID) r[0], ((Number) r[1]).intValue(), (UUID) r[2], (String) r[3], (byte[]) r[4], (String)
                                r[5]))
                .toList();
    }

    /**
     * One JDBC batch for all the outcomes. A row whose attempt count moved on (its lease expired and another
     * attempt owns it) or that is gone (endpoint deleted) matches nothing and is left alone.
     */
    private void record(List<Ended> finished) {
        if (finished.isEmpty()) {
            return;
        }
        Set<UUID> gone = new LinkedHashSet<>();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE webhook_delivery SET status = ?, "
                    + "last_http_status = ?, last_error = ?, next_attempt_at = ?, delivered_at = ? "
                    + "WHERE id = ? AND attempts = ?")) {
                for (Ended e : finished) {
                    WebhookHttpClient.Outcome outcome = e.outcome();
                    Claimed delivery = e.delivery();
                    WebhookDelivery.Status status;
                    OffsetDateTime next = null;
                    if (outcome.delivered()) {
                        status = WebhookDelivery.Status.DELIVERED;
                    } else if (outcome.gone()
                            || delivery.attempts() >= config.retry().maxAttempts()) {
                        status = WebhookDelivery.Status.FAILED;
                    } else {
                        status = WebhookDelivery.Status.RETRYING;
                        next = now.plus(backoff.after(delivery.attempts()));
                    }
                    if (outcome.gone()) {
                        gone.add(delivery.endpointId());
                    }
                    update.setString(1, status.name());
                    if (outcome.httpStatus() == null) {
                        update.setNull(2, Types.INTEGER);
                    } else {
                        update.setInt(2, outcome.httpStatus());
                    }
                    update.setString(3, outcome.error());
                    update.setObject(4, next, Types.TIMESTAMP_WITH_TIMEZONE);
                    update.setObject(5, outcome.delivered() ? now : null, Types.TIMESTAMP_WITH_TIMEZONE);
                    update.setObject(6, delivery.id());
                    update.setInt(7, delivery.attempts());
                    update.addBatch();
                    if (!outcome.delivered()) {
                        LOG.infof(
                                "webhook delivery %s to endpoint %s, attempt %d: %s",
                                delivery.id(), delivery.endpointId(), delivery.attempts(), outcome.error());
                    }
                }
                update.executeBatch();
            }
        });
        gone.forEach(this::disable);
    }

    /** The receiver said 410 Gone: stop sending to it, and fail what was still waiting. */
    private void disable(UUID endpointId) {
        em.createNativeQuery("UPDATE webhook_endpoint SET disabled_at = now(), "
                        + "disabled_reason = 'The receiver answered 410 Gone' WHERE id = ?1 AND disabled_at IS NULL")
                .setParameter(1, endpointId)
                .executeUpdate();
        em.createNativeQuery("UPDATE webhook_delivery SET status = 'FAILED', next_attempt_at = NULL, "
                        + "last_error = coalesce(last_error, 'endpoint disabled (410 Gone)') "
                        + "WHERE endpoint_id = ?1 AND status IN ('PENDING', 'RETRYING')")
                .setParameter(1, endpointId)
                .executeUpdate();
    }

    void onStop(@Observes ShutdownEvent stop) {
        stopping = true;
        runs.shutdownNow();
    }
}
