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
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Turns one consumed event into mail jobs, in the consumer's transaction: records the eventId in the ledger, keeps
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

    /** @throws PoisonEventException when the payload can never be processed (it goes to the topic's .dlq) */
    @Transactional(Transactional.TxType.MANDATORY)
    public void accept(String topic, String payload) {
        CertTrackEvent event = codec.fromJson(payload);
        if (!relevant(event)) {
            return; // e.g. the other commands on tracking-commands.v1: not even worth a ledger row
        }
        check(event);
        lockOrder(event.orderNumber());
        if (!ledger.firstDelivery(event.eventId(), CONSUMER)) {
            duplicates.increment();
            return;
        }
        if (event instanceof OrderPlaced placed) {
            accept(topic, placed);
        } else if (event instanceof ReminderSettingsChanged settings) {
            reminders.onSettings(settings);
        } else if (event instanceof RevokeRequested request) {
            revocations.onRequested(request);
        } else if (event instanceof ReissueRequested request) {
            awaitedCsrs.onCsr(request);
        } else {
            CustomerOrder customer = em.find(CustomerOrder.class, event.orderNumber());
            if (customer == null) {
                park(topic, event);
            } else {
                deliver(topic, event, customer);
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
    private void deliver(String topic, CertTrackEvent event, CustomerOrder customer) {
        if (event instanceof CertificateRevoked revoked) {
            revocations.onRevoked(revoked, topic, customer.customerName, customer.customerEmail);
            return;
        }
        jobs.enqueue(event, topic, customer.customerEmail, planner.plan(event, customer.customerName));
        if (event instanceof CaOrderStatusChanged changed) {
            reminders.onStatusChanged(changed, customer);
            awaitedCsrs.onStatusChanged(changed);
        }
    }

    private void accept(String topic, OrderPlaced placed) {
        em.createNativeQuery("INSERT INTO customer_order (order_number, customer_name, customer_email, placed_at) "
                        + "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING")
                .setParameter(1, placed.orderNumber())
                .setParameter(2, placed.customer().name())
                .setParameter(3, placed.customer().email())
                .setParameter(4, placed.occurredAt() == null ? clock.instant() : placed.occurredAt())
                .executeUpdate();
        jobs.enqueue(
                placed,
                topic,
                placed.customer().email(),
                planner.plan(placed, placed.customer().name()));
        reminders.onOrderPlaced(placed);
        awaitedCsrs.onOrderPlaced(placed);
        releaseParked(placed.orderNumber());
    }

    /** Mails what was parked for an order whose customer is now known; also run by {@link ParkedEventSweeper}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int releaseParked(String orderNumber) {
        lockOrder(orderNumber);
        CustomerOrder customer = em.find(CustomerOrder.class, orderNumber);
        if (customer == null) {
            return 0;
        }
        List<ParkedEvent> waiting = em.createQuery(
                        "FROM ParkedEvent WHERE orderNumber = ?1 ORDER BY parkedAt", ParkedEvent.class)
                .setParameter(1, orderNumber)
                .getResultList();
        for (ParkedEvent row : waiting) {
            deliver(row.topic, codec.fromJson(row.payload), customer);
            em.remove(row);
        }
        return waiting.size();
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
        em.createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(?1))) AS locked")
                .setParameter(1, orderNumber)
                .getSingleResult();
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
