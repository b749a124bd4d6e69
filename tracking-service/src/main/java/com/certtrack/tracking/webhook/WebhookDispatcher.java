package com.certtrack.tracking.webhook;

import com.certtrack.tracking.TrackingConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * The delivery job: claims due deliveries ({@code FOR UPDATE SKIP LOCKED}, so replicas share the work and none is
 * sent twice at once), leases them by moving {@code next_attempt_at} past the request timeout, commits, POSTs them
 * concurrently, then records each outcome: 2xx DELIVERED; 410 Gone FAILED and the endpoint disabled; otherwise
 * RETRYING with backoff until the last attempt, then FAILED. A crash mid-send leaves the lease to expire and the
 * delivery is retried with the same {@code webhook-id} (receivers deduplicate on it).
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    record Claimed(UUID id, int attempts, UUID endpointId, String url, byte[] secretEncrypted, String payload) {
    }

    private final EntityManager em;
    private final WebhookHttpClient http;
    private final WebhookSecrets secrets;
    private final WebhookConfig config;
    private final RetryBackoff backoff;

    public WebhookDispatcher(EntityManager em, WebhookHttpClient http, WebhookSecrets secrets,
            TrackingConfig config) {
        this.em = em;
        this.http = http;
        this.secrets = secrets;
        this.config = config.webhooks();
        this.backoff = new RetryBackoff(this.config.retry().initialDelay(), this.config.retry().maxDelay(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    @Scheduled(identity = "webhook-deliveries", every = "${certtrack.tracking.webhooks.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void deliverDue() {
        List<Claimed> claimed = QuarkusTransaction.requiringNew().call(this::claim);
        if (claimed.isEmpty()) {
            return;
        }
        CompletableFuture.allOf(claimed.stream().map(this::attempt).toArray(CompletableFuture[]::new)).join();
    }

    private CompletableFuture<Void> attempt(Claimed delivery) {
        String secret;
        try {
            secret = secrets.decrypt(delivery.secretEncrypted(), delivery.endpointId());
        } catch (IllegalStateException e) {
            record(delivery, new WebhookHttpClient.Outcome(null, "the endpoint's secret cannot be read"));
            return CompletableFuture.completedFuture(null);
        }
        return http.post(delivery.url(), delivery.id().toString(), secret, delivery.payload())
                .thenAccept(outcome -> record(delivery, outcome))
                .exceptionally(failure -> {
                    LOG.errorf(failure, "webhook delivery %s: recording the outcome failed", delivery.id());
                    return null;
                });
    }

    @SuppressWarnings("unchecked")
    List<Claimed> claim() {
        Duration lease = config.connectTimeout().plus(config.requestTimeout()).plusSeconds(30);
        List<Object[]> rows = em.createNativeQuery("WITH due AS (SELECT id FROM webhook_delivery "
                + "WHERE status IN ('PENDING', 'RETRYING') AND next_attempt_at <= now() "
                + "ORDER BY next_attempt_at LIMIT ?1 FOR UPDATE SKIP LOCKED) "
                + "UPDATE webhook_delivery d SET attempts = d.attempts + 1, "
                + "next_attempt_at = now() + make_interval(secs => ?2) "
                + "FROM due, webhook_endpoint e WHERE d.id = due.id AND e.id = d.endpoint_id "
                + "RETURNING d.id, d.attempts, e.id, e.url, e.secret_encrypted, d.payload")
                .setParameter(1, config.batchSize())
                .setParameter(2, (double) lease.toSeconds())
                .getResultList();
        return rows.stream().map(r -> new Claimed((UUID) r[0], ((Number) r[1]).intValue(), (UUID) r[2],
                (String) r[3], (byte[]) r[4], (String) r[5])).toList();
    }

    private void record(Claimed delivery, WebhookHttpClient.Outcome outcome) {
        QuarkusTransaction.requiringNew().run(() -> {
            WebhookDelivery.Status status;
            Instant next = null;
            if (outcome.delivered()) {
                status = WebhookDelivery.Status.DELIVERED;
            } else if (outcome.gone() || delivery.attempts() >= config.retry().maxAttempts()) {
                status = WebhookDelivery.Status.FAILED;
            } else {
                status = WebhookDelivery.Status.RETRYING;
                next = Instant.now().plus(backoff.after(delivery.attempts()));
            }
            WebhookDelivery row = em.find(WebhookDelivery.class, delivery.id(), LockModeType.PESSIMISTIC_WRITE);
            if (row == null || row.attempts != delivery.attempts()) {
                return; // endpoint deleted meanwhile, or the lease expired and another attempt owns the row
            }
            row.status = status.name();
            row.lastHttpStatus = outcome.httpStatus();
            row.lastError = outcome.error();
            row.nextAttemptAt = next;
            row.deliveredAt = outcome.delivered() ? Instant.now() : null;
            if (outcome.gone()) {
                disable(delivery.endpointId());
            }
        });
        if (!outcome.delivered()) {
            LOG.infof("webhook delivery %s to endpoint %s, attempt %d: %s", delivery.id(), delivery.endpointId(),
                    delivery.attempts(), outcome.error());
        }
    }

    /** The receiver said 410 Gone: stop sending to it, and fail what was still waiting. */
    private void disable(UUID endpointId) {
        em.createNativeQuery("UPDATE webhook_endpoint SET disabled_at = now(), "
                + "disabled_reason = 'The receiver answered 410 Gone' WHERE id = ?1 AND disabled_at IS NULL")
                .setParameter(1, endpointId).executeUpdate();
        em.createNativeQuery("UPDATE webhook_delivery SET status = 'FAILED', next_attempt_at = NULL, "
                + "last_error = coalesce(last_error, 'endpoint disabled (410 Gone)') "
                + "WHERE endpoint_id = ?1 AND status IN ('PENDING', 'RETRYING')")
                .setParameter(1, endpointId).executeUpdate();
    }
}
