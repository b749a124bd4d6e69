package com.certtrack.notification.intake;

import com.certtrack.contracts.CaOrderStatusChanged;
import com.certtrack.contracts.CaOrderSubmitted;
import com.certtrack.contracts.CaasProvisioned;
import com.certtrack.contracts.CertTrackEvent;
import com.certtrack.contracts.CertificateRevoked;
import com.certtrack.contracts.OrderPlaced;
import com.certtrack.contracts.ReissueRequested;
import com.certtrack.contracts.ReminderSettingsChanged;
import com.certtrack.contracts.RevokeRequested;
import com.certtrack.notification.csr.AwaitedCsrs;
import com.certtrack.notification.mail.MailDraft;
import com.certtrack.notification.mail.MailJobs;
import com.certtrack.notification.mail.MailPlanner;
import com.certtrack.notification.mail.RevocationMails;
import com.certtrack.notification.reminders.ReminderSchedule;
import com.certtrack.support.events.EventCodec;
import com.certtrack.support.events.PoisonEventException;
import com.certtrack.support.ledger.EventLedger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Turns consumed events into mail jobs, in the consumer's transaction: records the eventIds in the ledger, keeps
 * the order's customer, and parks events whose order is not known yet (they come on other topics than
 * OrderPlaced, so they may overtake it) until OrderPlaced arrives.
 */
@ApplicationScoped
public class EventIntake {

    public static final String CONSUMER = "notification-service";
    private static final Logger LOG = Logger.getLogger(EventIntake.class);

    private final EventCodec codec;
    private final EventLedger ledger;
    private final MailPlanner planner;
    private final MailJobs jobs;
    private final EntityManager em;
    private final ReminderSchedule reminders;
    private final AwaitedCsrs awaitedCsrs;
    private final RevocationMails revocations;
    private final Clock clock;
    private final Counter duplicates;
    private final Counter parked;

    public EventIntake(
            EventCodec codec,
            EventLedger ledger,
            MailPlanner planner,
            MailJobs jobs,
            EntityManager em,
            ReminderSchedule reminders,
            AwaitedCsrs awaitedCsrs,
            RevocationMails revocations,
            Clock clock,
            MeterRegistry metrics) {
        this.codec = codec;
        this.reminders = reminders;
        this.awaitedCsrs = awaitedCsrs;
        this.revocations = revocations;
        this.clock = clock;
        this.ledger = ledger;
        this.planner = planner;
        this.jobs = jobs;
        this.em = em;
        this.duplicates = Counter.builder("certtrack.notification.events.duplicate")
                .description("Redelivered events ignored by the ledger")
                .register(metrics);
        this.parked = Counter.builder("certtrack.notification.events.parked")
                .description("Events that arrived before their order")
                .register(metrics);
    }

    /**
     * Handles the records of one poll in the caller's transaction, in their order: the orders concerned are locked
     * once, the eventIds recorded in the ledger in one statement, the customers read in one query and the mail
     * jobs inserted in one batch.
     * @throws PoisonEventException when one payload can never be processed (the caller then goes record by record)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void acceptAll(String topic, List<String> payloads) {
        List<CertTrackEvent> events = new ArrayList<>(payloads.size());
        for (String payload : payloads) {
            CertTrackEvent event = codec.fromJson(payload);
            if (relevant(event)) { // e.g. the other commands on tracking-commands.v1: not even worth a ledger row
                check(event);
                events.add(event);
            }
        }
        if (events.isEmpty()) {
            return;
        }
        Set<String> orders = new TreeSet<>();
        events.forEach(event -> orders.add(event.orderNumber()));
        lockOrders(orders);
        Set<UUID> first = ledger.firstDeliveries(
                events.stream().map(CertTrackEvent::eventId).toList(), CONSUMER);
        duplicates.increment(events.size() - first.size());
        Map<String, CustomerOrder> customers = customers(orders);
        Writes writes = new Writes();
        for (CertTrackEvent event : events) {
            if (!first.remove(event.eventId())) {
                continue; // a redelivery, or the same event twice in this poll
            }
            accept(topic, event, customers, writes);
        }
        writes.flush();
    }

    private void accept(String topic, CertTrackEvent event, Map<String, CustomerOrder> customers, Writes writes) {
        if (event instanceof OrderPlaced placed) {
            accept(topic, placed, customers, writes);
            return;
        }
        writes.flush(); // the schedules below read what earlier events of the poll wrote
        if (event instanceof ReminderSettingsChanged settings) {
            reminders.onSettings(settings);
        } else if (event instanceof RevokeRequested request) {
            revocations.onRequested(request);
        } else if (event instanceof ReissueRequested request) {
            awaitedCsrs.onCsr(request);
        } else {
            CustomerOrder customer = customers.get(event.orderNumber());
            if (customer == null) {
                park(topic, event);
            } else {
                deliver(topic, event, customer, writes);
            }
        }
    }

    private static boolean relevant(CertTrackEvent event) {
        return event instanceof OrderPlaced
                || event instanceof CaOrderSubmitted
                || event instanceof CaOrderStatusChanged
                || event instanceof CaasProvisioned
                || event instanceof CertificateRevoked
                || event instanceof ReminderSettingsChanged
                || event instanceof RevokeRequested
                || event instanceof ReissueRequested;
    }

    /** The e-mails and the reminder schedule of an event whose order's customer is known. */
    private void deliver(String topic, CertTrackEvent event, CustomerOrder customer, Writes writes) {
        if (event instanceof CertificateRevoked revoked) {
            writes.flush();
            revocations.onRevoked(revoked, topic, customer.customerName, customer.customerEmail);
            return;
        }
        writes.queue(event, topic, customer.customerEmail, planner.plan(event, customer.customerName));
        if (event instanceof CaOrderStatusChanged changed) {
            writes.flush();
            reminders.onStatusChanged(changed, customer);
            awaitedCsrs.onStatusChanged(changed);
        }
    }

    private void accept(String topic, OrderPlaced placed, Map<String, CustomerOrder> customers, Writes writes) {
        CustomerOrder customer = customers.get(placed.orderNumber());
        if (customer == null) {
            customer = new CustomerOrder();
            customer.orderNumber = placed.orderNumber();
            customer.customerName = placed.customer().name();
            customer.customerEmail = placed.customer().email();
            customer.placedAt = placed.occurredAt() == null ? clock.instant() : placed.occurredAt();
            customers.put(customer.orderNumber, customer);
            writes.customers.add(customer);
        }
        writes.queue(
                placed,
                topic,
                placed.customer().email(),
                planner.plan(placed, placed.customer().name()));
        reminders.onOrderPlaced(placed);
        awaitedCsrs.onOrderPlaced(placed);
        release(placed.orderNumber(), customer, writes); // the lock is held since acceptAll
    }

    /** Mails what was parked for an order whose customer is now known; also run by {@link ParkedEventSweeper}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int releaseParked(String orderNumber) {
        lockOrder(orderNumber);
        CustomerOrder customer = em.find(CustomerOrder.class, orderNumber);
        if (customer == null) {
            return 0;
        }
        Writes writes = new Writes();
        int released = release(orderNumber, customer, writes);
        writes.flush();
        return released;
    }

    private int release(String orderNumber, CustomerOrder customer, Writes writes) {
        List<ParkedEvent> waiting = em.createQuery(
                        "FROM ParkedEvent WHERE orderNumber = ?1 ORDER BY parkedAt", ParkedEvent.class)
                .setParameter(1, orderNumber)
                .getResultList();
        for (ParkedEvent row : waiting) {
            deliver(row.topic, codec.fromJson(row.payload), customer, writes);
            em.remove(row);
        }
        return waiting.size();
    }

    private Map<String, CustomerOrder> customers(Set<String> orders) {
        Map<String, CustomerOrder> known = new HashMap<>();
        em.createQuery("FROM CustomerOrder WHERE orderNumber IN ?1", CustomerOrder.class)
                .setParameter(1, orders)
                .getResultList()
                .forEach(customer -> known.put(customer.orderNumber, customer));
        return known;
    }

    /** Rows a poll adds, written together: new customers first, then the mail jobs. */
    private final class Writes {
        final List<CustomerOrder> customers = new ArrayList<>();
        final List<MailJobs.Queued> mails = new ArrayList<>();

        void queue(CertTrackEvent event, String topic, String recipient, List<MailDraft> drafts) {
            Instant now = clock.instant();
            for (MailDraft draft : drafts) {
                mails.add(new MailJobs.Queued(event.eventId(), event.orderNumber(), topic, recipient, draft, now));
            }
        }

        void flush() {
            if (!customers.isEmpty()) {
                insertCustomers(customers);
                customers.clear();
            }
            jobs.enqueueAll(mails);
            mails.clear();
        }
    }

    private void insertCustomers(List<CustomerOrder> rows) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO customer_order "
                    + "(order_number, customer_name, customer_email, placed_at) VALUES (?, ?, ?, ?) "
                    + "ON CONFLICT DO NOTHING")) {
                for (CustomerOrder row : rows) {
                    insert.setString(1, row.orderNumber);
                    insert.setString(2, row.customerName);
                    insert.setString(3, row.customerEmail);
                    insert.setObject(4, row.placedAt.atOffset(ZoneOffset.UTC));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    private void park(String topic, CertTrackEvent event) {
        CertTrackEvent kept = event instanceof CaasProvisioned caas ? withoutEabKey(caas) : event;
        ParkedEvent row = new ParkedEvent();
        row.eventId = event.eventId();
        row.orderNumber = event.orderNumber();
        row.topic = topic;
        row.payload = codec.toJson(kept);
        row.parkedAt = clock.instant();
        em.persist(row);
        parked.increment();
        LOG.infof(
                "%s %s for order %s parked until the order is known",
                event.eventType(), event.eventId(), event.orderNumber());
    }

    private static CaasProvisioned withoutEabKey(CaasProvisioned e) {
        return new CaasProvisioned(
                e.eventId(),
                e.eventType(),
                e.schemaVersion(),
                e.occurredAt(),
                e.orderNumber(),
                e.lineId(),
                e.caReferenceHash(),
                e.sealedCaReference(),
                e.eabKeyId(),
                null,
                e.acmeDirectoryUrl(),
                e.orderedAt(),
                e.revealableUntil());
    }

    /** Serialises the events of one order across the topic consumers, so a parked event is never missed. */
    private void lockOrder(String orderNumber) {
        lockOrders(Set.of(orderNumber));
    }

    /** All orders of a poll in one statement, in hash order: two consumers with overlapping orders cannot deadlock. */
    private void lockOrders(Set<String> orderNumbers) {
        em.unwrap(Session.class).doWork(connection -> {
            Array orders = connection.createArrayOf("text", orderNumbers.toArray());
            try (PreparedStatement lock = connection.prepareStatement("SELECT count(*) FROM (SELECT "
                    + "pg_advisory_xact_lock(hashtext(o)) FROM unnest(?) AS o ORDER BY hashtext(o)) AS locked")) {
                lock.setArray(1, orders);
                lock.executeQuery().close();
            } finally {
                orders.free();
            }
        });
    }

    /** Fields without which no e-mail can be made: such an event is poison, not a reason to stall. */
    private static void check(CertTrackEvent event) {
        if (event instanceof OrderPlaced placed) {
            if (placed.customer() == null
                    || blank(placed.customer().email())
                    || placed.customer().name() == null) {
                throw new PoisonEventException("OrderPlaced " + placed.eventId() + " without customer e-mail");
            }
        } else if (event instanceof CaOrderSubmitted submitted) {
            if (blank(submitted.lineId()) || blank(submitted.sealedCaReference())) {
                throw new PoisonEventException(
                        "CaOrderSubmitted " + submitted.eventId() + " without lineId or sealed CA Reference");
            }
        } else if (event instanceof CaasProvisioned caas) {
            if (blank(caas.lineId()) || blank(caas.sealedCaReference())) {
                throw new PoisonEventException(
                        "CaasProvisioned " + caas.eventId() + " without lineId or sealed CA Reference");
            }
        } else if (event instanceof CaOrderStatusChanged changed) {
            if (blank(changed.lineId()) || changed.status() == null) {
                throw new PoisonEventException(
                        "CaOrderStatusChanged " + changed.eventId() + " without lineId or status");
            }
        } else if (event instanceof CertificateRevoked revoked) {
            if (blank(revoked.lineId()) || blank(revoked.serialNumber())) {
                throw new PoisonEventException(
                        "CertificateRevoked " + revoked.eventId() + " without lineId or serial number");
            }
        } else if (event instanceof ReminderSettingsChanged settings) {
            if (blank(settings.lineId())) {
                throw new PoisonEventException("ReminderSettingsChanged " + settings.eventId() + " without lineId");
            }
        } else if (event instanceof RevokeRequested request) {
            if (blank(request.lineId())) {
                throw new PoisonEventException("RevokeRequested " + request.eventId() + " without lineId");
            }
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
