package com.certtrack.notification.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.contracts.CaOrderChecked;
import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.CaOrderStatusChanged;
import com.certtrack.contracts.CaOrderSubmitted;
import com.certtrack.contracts.CaasProvisioned;
import com.certtrack.contracts.CertTrackEvent;
import com.certtrack.contracts.CertificateRevoked;
import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.DcvStatus;
import com.certtrack.contracts.DomainValidation;
import com.certtrack.contracts.OrderPlaced;
import com.certtrack.contracts.Product;
import com.certtrack.contracts.ReissueRequested;
import com.certtrack.contracts.ReminderSettingsChanged;
import com.certtrack.contracts.RevocationReason;
import com.certtrack.contracts.RevokeRequested;
import com.certtrack.contracts.Topics;
import com.certtrack.notification.NotificationConfig;
import com.certtrack.notification.csr.AwaitedCsrs;
import com.certtrack.notification.mail.MailDraft;
import com.certtrack.notification.mail.MailJobs;
import com.certtrack.notification.mail.MailPlanner;
import com.certtrack.notification.mail.MailTemplate;
import com.certtrack.notification.mail.RevocationMails;
import com.certtrack.notification.reminders.ReminderSchedule;
import com.certtrack.support.events.EventCodec;
import com.certtrack.support.events.PoisonEventException;
import com.certtrack.support.ledger.EventLedger;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.lang.reflect.Proxy;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;
import org.hibernate.jdbc.Work;
import org.junit.jupiter.api.Test;

/**
 * Which consumed events become which mail jobs, without Quarkus, Kafka or PostgreSQL: the intake runs against a fake
 * entity manager that keeps the customer_order and parked_event rows in maps, a fake ledger and recording fakes of
 * the mail queue and the schedules. What each mail says is {@code MailPlannerTest}'s business.
 */
class EventIntakeTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final String ORDER = "CT-9";
    private static final String LINE = "CT-9-1";
    private static final String EMAIL = "ada@example.org";
    private static final List<DomainValidation> PENDING =
            List.of(new DomainValidation("a.example.org", DcvMethod.DNS_TXT, DcvStatus.PENDING, "TXT _dnsauth = x"));

    private final ObjectMapper json =
            new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final EventCodec codec = new EventCodec(json);
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final NotificationConfig config = defaults(NotificationConfig.class);
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final MailPlanner planner = new MailPlanner();

    private final Map<String, CustomerOrder> customers = new LinkedHashMap<>();
    private final List<ParkedEvent> parked = new ArrayList<>();
    private final Set<UUID> ledger = new HashSet<>();
    private final List<MailJobs.Queued> queued = new ArrayList<>();
    private final List<String> told = new ArrayList<>();

    private final MailJobs jobs = new MailJobs(null, json, null, null, config, clock) {
        @Override
        public void enqueueAll(List<Queued> mails) {
            queued.addAll(mails);
        }
    };
    private final ReminderSchedule reminders = new ReminderSchedule(null, clock) {
        @Override
        public void onOrderPlaced(OrderPlaced placed) {
            told.add("reminders.onOrderPlaced " + placed.orderNumber());
        }

        @Override
        public void onSettings(ReminderSettingsChanged changed) {
            told.add("reminders.onSettings " + changed.lineId());
        }

        @Override
        public void onStatusChanged(CaOrderStatusChanged changed, CustomerOrder customer) {
            told.add("reminders.onStatusChanged " + changed.status() + " " + customer.customerEmail);
        }
    };
    private final AwaitedCsrs awaitedCsrs = new AwaitedCsrs(null, clock, config) {
        @Override
        public void onOrderPlaced(OrderPlaced placed) {
            told.add("csrs.onOrderPlaced " + placed.orderNumber());
        }

        @Override
        public void onCsr(ReissueRequested request) {
            told.add("csrs.onCsr " + request.lineId());
        }

        @Override
        public void onStatusChanged(CaOrderStatusChanged changed) {
            told.add("csrs.onStatusChanged " + changed.status());
        }
    };
    private final RevocationMails revocations = new RevocationMails(null, jobs, planner, reminders, clock, config) {
        @Override
        public void onRequested(RevokeRequested request) {
            told.add("revocations.onRequested " + request.serialNumbers());
        }

        @Override
        public void onRevoked(CertificateRevoked revoked, String topic, String customerName, String recipient) {
            told.add("revocations.onRevoked " + revoked.serialNumber() + " " + topic + " " + customerName + " "
                    + recipient);
        }
    };

    private final EventIntake intake = new EventIntake(
            codec,
            new EventLedger(null) {
                @Override
                public Set<UUID> firstDeliveries(Collection<UUID> eventIds, String consumer) {
                    assertEquals(EventIntake.CONSUMER, consumer);
                    Set<UUID> first = new HashSet<>();
                    eventIds.stream().filter(ledger::add).forEach(first::add);
                    return first;
                }
            },
            planner,
            jobs,
            fakeEntityManager(),
            reminders,
            awaitedCsrs,
            revocations,
            clock,
            metrics);

    @Test
    void anOrderQueuesThePlannersMailsToItsCustomerAndIsKeptForLaterEvents() {
        OrderPlaced placed = placed();

        accept(Topics.ORDERS, placed);

        CustomerOrder customer = customers.get(ORDER);
        assertEquals("Ada", customer.customerName);
        assertEquals(EMAIL, customer.customerEmail);
        assertEquals(placed.occurredAt(), customer.placedAt);
        assertEquals(templates(planner.plan(placed, "Ada")), templates(queued));
        assertFalse(queued.isEmpty());
        for (MailJobs.Queued mail : queued) {
            assertEquals(placed.eventId(), mail.causeId(), "the job id derives from the event");
            assertEquals(ORDER, mail.orderNumber());
            assertEquals(Topics.ORDERS, mail.topic());
            assertEquals(EMAIL, mail.recipient());
            assertEquals(NOW, mail.notBefore());
        }
        assertEquals(List.of("reminders.onOrderPlaced CT-9", "csrs.onOrderPlaced CT-9"), told);
    }

    @Test
    void anEventOfAKnownOrderIsMailedToTheOrdersCustomerAndAStatusChangeUpdatesTheSchedules() {
        accept(Topics.ORDERS, placed());
        queued.clear();
        told.clear();
        CaOrderStatusChanged changed = changed(CaOrderStatus.PENDING_VALIDATION, CaOrderStatus.SUBMITTED);

        accept(Topics.CA_ORDERS, changed);

        assertEquals(List.of(MailTemplate.VALIDATION_INSTRUCTIONS), templates(queued));
        assertEquals(changed.eventId(), queued.get(0).causeId());
        assertEquals(EMAIL, queued.get(0).recipient());
        assertEquals(Topics.CA_ORDERS, queued.get(0).topic());
        assertEquals(
                List.of(
                        "reminders.onStatusChanged PENDING_VALIDATION " + EMAIL,
                        "csrs.onStatusChanged PENDING_VALIDATION"),
                told);
        assertTrue(parked.isEmpty());
    }

    @Test
    void anEventThatOvertakesItsOrderIsParkedThenMailedWithItsOwnTopicWhenTheOrderComes() {
        CaOrderSubmitted submitted = submitted();

        accept(Topics.CA_ORDERS, submitted);

        assertTrue(queued.isEmpty(), "no customer to mail yet");
        assertEquals(1, parked.size());
        ParkedEvent row = parked.get(0);
        assertEquals(submitted.eventId(), row.eventId);
        assertEquals(ORDER, row.orderNumber);
        assertEquals(Topics.CA_ORDERS, row.topic);
        assertEquals(NOW, row.parkedAt);
        assertEquals(submitted, codec.fromJson(row.payload));
        assertEquals(
                1.0, metrics.counter("certtrack.notification.events.parked").count());

        OrderPlaced placed = placed();
        accept(Topics.ORDERS, placed);

        assertTrue(parked.isEmpty(), "released");
        List<MailJobs.Queued> released = queued.stream()
                .filter(mail -> mail.causeId().equals(submitted.eventId()))
                .toList();
        assertEquals(templates(planner.plan(submitted, "Ada")), templates(released));
        assertTrue(released.stream()
                .allMatch(
                        m -> m.topic().equals(Topics.CA_ORDERS) && m.recipient().equals(EMAIL)));
        assertEquals(
                templates(planner.plan(placed, "Ada")),
                templates(queued.stream()
                        .filter(mail -> mail.causeId().equals(placed.eventId()))
                        .toList()));
    }

    @Test
    void aParkedCaasSubscriptionKeepsNoEabKey() {
        CaasProvisioned caas = CaasProvisioned.of(
                UUID.randomUUID(),
                NOW,
                ORDER,
                LINE,
                "hash",
                "sealed-ref",
                "kid-1",
                "SEALED-EAB-KEY",
                "https://acme.example/directory",
                NOW,
                NOW.plus(Duration.ofDays(7)));

        accept(Topics.CAAS, caas);

        CaasProvisioned kept = (CaasProvisioned) codec.fromJson(parked.get(0).payload);
        assertNull(kept.sealedEabHmacKey());
        assertFalse(parked.get(0).payload.contains("SEALED-EAB-KEY"));
        assertEquals("kid-1", kept.eabKeyId());
        assertEquals("sealed-ref", kept.sealedCaReference(), "still needed for the credentials mail");
    }

    @Test
    void inOnePollAnEventAfterItsOrderIsMailedAtOnceAndOneBeforeItIsReleasedByIt() {
        CaOrderSubmitted after = submitted();
        intake.acceptAll(Topics.CA_ORDERS, List.of(codec.toJson(placed()), codec.toJson(after)));
        assertTrue(queued.stream().anyMatch(m -> m.causeId().equals(after.eventId())), "mailed in this poll");
        assertEquals(
                0.0, metrics.counter("certtrack.notification.events.parked").count());

        customers.clear();
        queued.clear();
        CaOrderSubmitted before = submitted();
        intake.acceptAll(Topics.CA_ORDERS, List.of(codec.toJson(before), codec.toJson(placed())));
        assertTrue(queued.stream().anyMatch(m -> m.causeId().equals(before.eventId())), "mailed in this poll");
        assertEquals(
                1.0, metrics.counter("certtrack.notification.events.parked").count());
        assertTrue(parked.isEmpty(), "parked, then released by the order of the same poll");
    }

    @Test
    void anEventDeliveredTwiceInOnePollOrAgainLaterIsMailedOnce() {
        accept(Topics.ORDERS, placed());
        queued.clear();
        CaOrderStatusChanged rejected = changed(CaOrderStatus.REJECTED, CaOrderStatus.SUBMITTED);

        intake.acceptAll(Topics.CA_ORDERS, List.of(codec.toJson(rejected), codec.toJson(rejected)));
        intake.acceptAll(Topics.CA_ORDERS, List.of(codec.toJson(rejected)));

        assertEquals(List.of(MailTemplate.REJECTED), templates(queued));
        assertEquals(
                2.0, metrics.counter("certtrack.notification.events.duplicate").count());
    }

    @Test
    void commandsGoToTheirSchedulesEvenBeforeTheOrderIsKnownAndAreNeverParkedOrMailed() {
        accept(Topics.TRACKING_COMMANDS, ReminderSettingsChanged.of(UUID.randomUUID(), NOW, ORDER, LINE, List.of(30)));
        accept(
                Topics.TRACKING_COMMANDS,
                RevokeRequested.of(UUID.randomUUID(), NOW, ORDER, LINE, List.of("0a1b"), RevocationReason.SUPERSEDED));
        accept(Topics.TRACKING_COMMANDS, ReissueRequested.of(UUID.randomUUID(), NOW, ORDER, LINE, "csr", null));

        assertEquals(
                List.of("reminders.onSettings CT-9-1", "revocations.onRequested [0a1b]", "csrs.onCsr CT-9-1"), told);
        assertTrue(parked.isEmpty());
        assertTrue(queued.isEmpty());
    }

    @Test
    void aRevokedCertificateOfAKnownOrderIsLeftToTheRevocationMails() {
        accept(Topics.ORDERS, placed());
        queued.clear();
        told.clear();

        accept(
                Topics.CA_ORDERS,
                CertificateRevoked.of(
                        UUID.randomUUID(), NOW, ORDER, LINE, "hash", "0a1b", RevocationReason.KEY_COMPROMISE, NOW));

        assertEquals(List.of("revocations.onRevoked 0a1b " + Topics.CA_ORDERS + " Ada " + EMAIL), told);
        assertTrue(queued.isEmpty(), "grouped there with the other answers to the request");
    }

    @Test
    void eventsThatMailNothingAreNotEvenRecordedAndPoisonStopsThePollBeforeAnyWrite() {
        intake.acceptAll(
                Topics.CA_ORDERS,
                List.of(codec.toJson(
                        CaOrderChecked.of(UUID.randomUUID(), NOW, ORDER, LINE, "hash", CaOrderStatus.ISSUED, NOW))));
        assertTrue(ledger.isEmpty());

        OrderPlaced withoutEmail = OrderPlaced.of(
                UUID.randomUUID(), NOW, ORDER, new OrderPlaced.Customer("Ada", " ", null), placed().lines());
        assertThrows(
                PoisonEventException.class,
                () -> intake.acceptAll(Topics.ORDERS, List.of(codec.toJson(submitted()), codec.toJson(withoutEmail))));
        assertThrows(PoisonEventException.class, () -> intake.acceptAll(Topics.ORDERS, List.of("{\"eventType\":1}")));
        assertTrue(ledger.isEmpty(), "the good event of the poll is not recorded either");
        assertTrue(parked.isEmpty() && queued.isEmpty() && customers.isEmpty());
    }

    @Test
    void theSweeperReleasesWhatWasParkedOnceTheCustomerIsKnown() {
        accept(Topics.CA_ORDERS, submitted());
        assertEquals(0, intake.releaseParked(ORDER), "still no customer");
        assertEquals(1, parked.size());

        CustomerOrder customer = new CustomerOrder();
        customer.orderNumber = ORDER;
        customer.customerName = "Ada";
        customer.customerEmail = EMAIL;
        customer.placedAt = NOW;
        customers.put(ORDER, customer);

        assertEquals(1, intake.releaseParked(ORDER));
        assertTrue(parked.isEmpty());
        assertEquals(List.of(MailTemplate.SHIPMENT, MailTemplate.VALIDATION_INSTRUCTIONS), templates(queued));
    }

    private void accept(String topic, CertTrackEvent event) {
        intake.acceptAll(topic, List.of(codec.toJson(event)));
    }

    private static OrderPlaced placed() {
        return OrderPlaced.of(
                UUID.randomUUID(),
                NOW.minusSeconds(60),
                ORDER,
                new OrderPlaced.Customer("Ada", EMAIL, null),
                List.of(new OrderPlaced.Line(
                        LINE, Product.DV_SINGLE, List.of("a.example.org"), DcvMethod.DNS_TXT, "CSR", null, null)));
    }

    private static CaOrderSubmitted submitted() {
        return CaOrderSubmitted.of(
                UUID.randomUUID(),
                NOW,
                ORDER,
                LINE,
                Product.DV_SINGLE,
                "CA-1",
                "hash",
                "sealed-ref",
                CaOrderStatus.PENDING_VALIDATION,
                PENDING);
    }

    private static CaOrderStatusChanged changed(CaOrderStatus status, CaOrderStatus previous) {
        return CaOrderStatusChanged.of(
                UUID.randomUUID(), NOW, ORDER, LINE, "CA-1", "hash", status, previous, PENDING, null, null);
    }

    private static List<MailTemplate> templates(List<?> mails) {
        return mails.stream()
                .map(mail -> mail instanceof MailDraft draft ? draft : ((MailJobs.Queued) mail).draft())
                .map(MailDraft::template)
                .toList();
    }

    /** A configuration mapping answering every duration with 5 s and every number with 10. */
    @SuppressWarnings("unchecked")
    private static <C> C defaults(Class<C> type) {
        return (C) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            Class<?> returned = method.getReturnType();
            if (returned == Duration.class) {
                return Duration.ofSeconds(5);
            } else if (returned == int.class) {
                return 10;
            } else if (returned == String.class) {
                return "test";
            } else if (returned.isInterface()) {
                return defaults(returned);
            }
            throw new UnsupportedOperationException(method.getName());
        });
    }

    /**
     * What the intake asks of the database: customers and parked events by order (JPQL), the advisory locks and the
     * customer insert (JDBC through the session), parking (persist/remove) and the sweeper's find.
     */
    private EntityManager fakeEntityManager() {
        return proxy(EntityManager.class, (method, args) -> switch (method) {
            case "createQuery" -> typedQuery((String) args[0]);
            case "find" -> customers.get((String) args[1]);
            case "persist" -> {
                parked.add((ParkedEvent) args[0]);
                yield null;
            }
            case "remove" -> {
                assertTrue(parked.remove(args[0]), "removes a parked row");
                yield null;
            }
            case "unwrap" ->
                proxy(Session.class, (sessionMethod, work) -> {
                    assertEquals("doWork", sessionMethod);
                    ((Work) work[0]).execute(connection());
                    return null;
                });
            default -> throw new UnsupportedOperationException(method);
        });
    }

    private TypedQuery<?> typedQuery(String jpql) {
        Map<Integer, Object> parameters = new HashMap<>();
        return proxy(TypedQuery.class, (method, args) -> {
            if (method.equals("setParameter")) {
                parameters.put((Integer) args[0], args[1]);
                return null; // replaced by the proxy itself below
            }
            assertEquals("getResultList", method);
            if (jpql.startsWith("FROM CustomerOrder WHERE orderNumber IN")) {
                Collection<?> orders = (Collection<?>) parameters.get(1);
                return customers.values().stream()
                        .filter(c -> orders.contains(c.orderNumber))
                        .toList();
            }
            if (jpql.startsWith("FROM ParkedEvent WHERE orderNumber =")) {
                return parked.stream()
                        .filter(row -> row.orderNumber.equals(parameters.get(1)))
                        .sorted(Comparator.comparing(row -> row.parkedAt))
                        .toList();
            }
            throw new UnsupportedOperationException(jpql);
        });
    }

    /** Locks answer at once; the customer_order insert adds to {@link #customers} unless the order is there. */
    private Connection connection() {
        return proxy(Connection.class, (method, args) -> switch (method) {
            case "createArrayOf" -> proxy(Array.class, (m, a) -> null);
            case "prepareStatement" -> statement((String) args[0]);
            default -> throw new UnsupportedOperationException(method);
        });
    }

    private PreparedStatement statement(String sql) {
        Map<Integer, Object> row = new HashMap<>();
        List<Map<Integer, Object>> batch = new ArrayList<>();
        return proxy(PreparedStatement.class, (method, args) -> switch (method) {
            case "setArray", "setString", "setObject" -> {
                row.put((Integer) args[0], args[1]);
                yield null;
            }
            case "addBatch" -> {
                batch.add(new HashMap<>(row));
                yield null;
            }
            case "executeBatch" -> {
                assertTrue(sql.startsWith("INSERT INTO customer_order"), sql);
                for (Map<Integer, Object> values : batch) {
                    CustomerOrder customer = new CustomerOrder();
                    customer.orderNumber = (String) values.get(1);
                    customer.customerName = (String) values.get(2);
                    customer.customerEmail = (String) values.get(3);
                    customer.placedAt = ((OffsetDateTime) values.get(4)).toInstant();
                    customers.putIfAbsent(customer.orderNumber, customer);
                }
                yield new int[batch.size()];
            }
            case "executeQuery" -> {
                assertTrue(sql.contains("pg_advisory_xact_lock"), sql);
                yield proxy(ResultSet.class, (m, a) -> null);
            }
            case "close" -> null;
            default -> throw new UnsupportedOperationException(method);
        });
    }

    private interface Handler {
        Object handle(String method, Object[] args) throws Exception;
    }

    /** A proxy whose fluent setters return the proxy itself. */
    @SuppressWarnings("unchecked")
    private static <P> P proxy(Class<P> type, Handler handler) {
        return (P) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            Object result = handler.handle(method.getName(), args);
            Class<?> returned = method.getReturnType();
            return result == null && returned != Object.class && returned.isInstance(self) ? self : result;
        });
    }
}
