package com.certtrack.notification.mail;

import com.certtrack.notification.NotificationConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Delivers queued mail jobs over SMTP: claims a batch, renders and sends them concurrently, then records each
 * outcome (sent + NotificationSent through the outbox, or a retry after backoff, or dead). Runs after every commit
 * that queued mail and on a one-second tick. Logs job ids and templates only, never a body or a reference.
 */
@ApplicationScoped
public class MailSender {

    private static final Logger LOG = Logger.getLogger(MailSender.class);

    private final MailJobs jobs;
    private final MailRenderer renderer;
    private final ReactiveMailer mailer;
    private final DeadLetters deadLetters;
    private final int batchSize;
    private final long sendTimeoutMillis;
    private final Counter sent;
    private final Counter failed;
    private final Counter dead;
    private final ExecutorService wakeUps = Executors.newSingleThreadExecutor(r -> new Thread(r, "mail-sender"));
    private final AtomicBoolean wakeUpQueued = new AtomicBoolean();

    public MailSender(
            MailJobs jobs,
            MailRenderer renderer,
            ReactiveMailer mailer,
            DeadLetters deadLetters,
            NotificationConfig config,
            MeterRegistry metrics) {
        this.jobs = jobs;
        this.renderer = renderer;
        this.mailer = mailer;
        this.deadLetters = deadLetters;
        this.batchSize = config.delivery().batchSize();
        this.sendTimeoutMillis = config.delivery().sendTimeout().toMillis();
        this.sent = Counter.builder("certtrack.mail.sent")
                .description("E-mails accepted by the SMTP server")
                .register(metrics);
        this.failed = Counter.builder("certtrack.mail.failed")
                .description("Failed SMTP attempts (retried)")
                .register(metrics);
        this.dead = Counter.builder("certtrack.mail.dead")
                .description("E-mails given up and dead-lettered")
                .register(metrics);
        metrics.gauge("certtrack.mail.pending", this, MailSender::pendingOrNaN);
    }

    void onEnqueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) MailJobs.Enqueued enqueued) {
        if (wakeUpQueued.compareAndSet(false, true)) {
            wakeUps.execute(() -> {
                wakeUpQueued.set(false);
                deliverQuietly();
            });
        }
    }

    @Scheduled(
            every = "${certtrack.notification.delivery.tick:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        deliverQuietly();
    }

    private void deliverQuietly() {
        try {
            while (deliverRound() == batchSize) {
                // a full batch: more may be due
            }
            deadLetters.publishPending();
        } catch (RuntimeException e) {
            LOG.warnf("mail delivery round failed, will retry: %s", e.getMessage());
        }
    }

    /** @return how many jobs were claimed */
    public int deliverRound() {
        List<ClaimedJob> claimed = jobs.claimDue(batchSize);
        List<CompletableFuture<Void>> sends = new ArrayList<>(claimed.size());
        for (ClaimedJob job : claimed) {
            sends.add(send(job));
        }
        List<ClaimedJob> delivered = new ArrayList<>(claimed.size());
        for (int i = 0; i < claimed.size(); i++) {
            if (awaitSent(claimed.get(i), sends.get(i))) {
                delivered.add(claimed.get(i));
            }
        }
        if (!delivered.isEmpty()) {
            // If this fails the jobs stay leased and are sent again (same Message-ID) when the lease runs out.
            jobs.markSent(delivered);
            sent.increment(delivered.size());
        }
        return claimed.size();
    }

    private CompletableFuture<Void> send(ClaimedJob job) {
        try {
            Mail mail = renderer.render(job);
            return mailer.send(mail).subscribeAsCompletionStage().toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** @return true when the SMTP server took the mail; a failure is recorded here */
    private boolean awaitSent(ClaimedJob job, CompletableFuture<Void> send) {
        Throwable error;
        try {
            send.get(sendTimeoutMillis, TimeUnit.MILLISECONDS);
            LOG.debugf("sent %s mail job %s for order %s", job.template(), job.id(), job.orderNumber());
            return true;
        } catch (ExecutionException e) {
            error = e.getCause();
        } catch (TimeoutException e) {
            error = new TimeoutException("no answer within " + sendTimeoutMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = e;
        }
        boolean permanent = error instanceof UndeliverableMailException;
        String reason = permanent ? error.getMessage() : "SMTP: " + describe(error);
        failed.increment();
        if (jobs.markFailed(job, reason, permanent)) {
            dead.increment();
            LOG.errorf(
                    "gave up %s mail job %s for order %s after %d attempts: %s",
                    job.template(), job.id(), job.orderNumber(), job.attempts(), reason);
        } else {
            LOG.warnf(
                    "%s mail job %s for order %s failed (attempt %d), will retry: %s",
                    job.template(), job.id(), job.orderNumber(), job.attempts(), reason);
        }
        return false;
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private double pendingOrNaN() {
        try {
            return jobs.pending();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    void onStop(@Observes ShutdownEvent stop) {
        wakeUps.shutdownNow();
    }
}
