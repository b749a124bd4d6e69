package com.certtrack.tracking.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Group commit for the entries of requests that write nothing else (lookups, downloads): one writer thread takes
 * every entry queued meanwhile and inserts them in one JDBC batch and one commit, and each request returns once its
 * entry is committed. Many concurrent lookups so share one commit instead of paying one each, and no entry is lost:
 * a request whose entry could not be written fails as it did when it wrote its own.
 */
@ApplicationScoped
public class AuditBatches {

    private static final Logger LOG = Logger.getLogger(AuditBatches.class);
    private static final int MAX_BATCH = 500;
    private static final long WAIT_SECONDS = 10;

    /** An entry of the current request, as the table stores it. */
    record Row(
            String lineId,
            String orderNumber,
            Instant at,
            String action,
            String clientAddress,
            String outcome,
            String detail) {}

    private record Queued(Row row, CompletableFuture<Void> committed) {}

    private final EntityManager em;
    private final BlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
    private final Thread writer = new Thread(this::drain, "audit-writer");
    private volatile boolean stopping;

    public AuditBatches(EntityManager em) {
        this.em = em;
    }

    void onStart(@Observes StartupEvent start) {
        writer.setDaemon(true);
        writer.start();
    }

    void onStop(@Observes ShutdownEvent stop) {
        stopping = true;
        writer.interrupt();
    }

    /** Queues the entry and waits until it is committed. */
    void write(Row row) {
        if (stopping) {
            throw new IllegalStateException("the audit writer is stopping");
        }
        Queued queued = new Queued(row, new CompletableFuture<>());
        queue.add(queued);
        try {
            queued.committed().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "the audit entry could not be written: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the audit entry was not written within " + WAIT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the audit entry", e);
        }
    }

    private void drain() {
        List<Queued> batch = new ArrayList<>(MAX_BATCH);
        while (!stopping || !queue.isEmpty()) {
            try {
                Queued first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                insert(batch);
                batch.forEach(q -> q.committed().complete(null));
            } catch (InterruptedException e) {
                if (!stopping) {
                    Thread.currentThread().interrupt();
                }
            } catch (RuntimeException e) {
                LOG.warnf("writing %d audit entries failed: %s", batch.size(), e.toString());
                batch.forEach(q -> q.committed().completeExceptionally(e));
            }
            batch.clear();
        }
    }

    private void insert(List<Queued> batch) {
        QuarkusTransaction.requiringNew()
                .run(() -> em.unwrap(Session.class).doWork(connection -> {
                    try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO audit_entry (line_id, "
                                    + "order_number, at, action, client_address, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                        for (Queued queued : batch) {
                            Row row = queued.row();
                            insert.setString(1, row.lineId());
                            insert.setString(2, row.orderNumber());
                            insert.setObject(3, row.at().atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
                            insert.setString(4, row.action());
                            insert.setString(5, row.clientAddress());
                            insert.setString(6, row.outcome());
                            insert.setString(7, row.detail());
                            insert.addBatch();
                        }
                        insert.executeBatch();
                    }
                }));
    }
}
