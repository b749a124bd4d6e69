package com.certtrack.tracking.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.contracts.CaCommandRejected;
import com.certtrack.contracts.CaOrderChecked;
import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.CaOrderStatusChanged;
import com.certtrack.contracts.CaOrderSubmitted;
import com.certtrack.contracts.CaasProvisioned;
import com.certtrack.contracts.CancelRequested;
import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.DcvStatus;
import com.certtrack.contracts.DomainValidation;
import com.certtrack.contracts.IssuedCertificate;
import com.certtrack.contracts.OrderPlaced;
import com.certtrack.contracts.Product;
import com.certtrack.support.events.PoisonEventException;
import com.certtrack.support.ledger.EventLedger;
import com.certtrack.support.reference.ReferenceHasher;
import com.certtrack.tracking.pki.CertificateChain;
import com.certtrack.tracking.webhook.WebhookTestCa;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.lang.reflect.Proxy;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * How each event changes a line of the view, without Quarkus or PostgreSQL: the projector runs against a fake
 * entity manager that keeps tracked_line rows in a map and records every other statement it is given.
 */
class ViewProjectorTest {

    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    private static final String ORDER = "CT-7";
    private static final String LINE = "CT-7-1";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final List<DomainValidation> PENDING =
            List.of(new DomainValidation("shop.example", DcvMethod.DNS_TXT, DcvStatus.PENDING, "TXT _dnsauth"));
    private static final List<DomainValidation> VALIDATED =
            List.of(new DomainValidation("shop.example", DcvMethod.DNS_TXT, DcvStatus.VALIDATED, null));

    private final Map<String, TrackedLine> rows = new HashMap<>();
    private final List<String> statements = new ArrayList<>();
    private final Set<UUID> ledger = new HashSet<>();
    private final List<Object> fired = new ArrayList<>();
    private final EntityManager em = fakeEntityManager();
    private final CustomerKey customerKey = new CustomerKey(new ReferenceHasher(new byte[32]));

    private final ViewProjector projector = new ViewProjector(
            em,
            new EventLedger(null) {
                @Override
                public boolean firstDelivery(UUID eventId, String consumer) {
                    assertEquals(ViewProjector.CONSUMER, consumer);
                    return ledger.add(eventId);
                }
            },
            JSON,
            event(),
            customerKey,
            new LineageProjection(em),
            new CommandProjection(em, JSON, event()));

    @Test
    void anOrderedLineKeepsWhatWasOrderedAndWaitsForACsrWhenNoneCame() {
        projector.apply(placed(
                T,
                new OrderPlaced.Line(
                        LINE,
                        Product.DV_MULTI,
                        List.of("shop.example", "www.shop.example"),
                        DcvMethod.DNS_TXT,
                        null,
                        null,
                        "CT-6-1")));

        TrackedLine line = rows.get(LINE);
        assertEquals(ORDER, line.orderNumber);
        assertEquals(T, line.orderedAt);
        assertEquals("DV_MULTI", line.product);
        assertEquals("shop.example,www.shop.example", line.requestedDomains);
        assertEquals("DNS_TXT", line.requestedDcvMethod);
        assertEquals(customerKey.of("ada@example.org"), line.customerKey);
        assertEquals("CT-6-1", line.renewalOf);
        assertTrue(line.csrAwaited, "ordered without a CSR");
        assertNull(line.status, "the CA has not answered yet");
        assertEquals(List.of(new ViewChanged(LINE)), fired);
        assertTrue(line.updatedAt != null);
    }

    @Test
    void aLineOrderedWithACsrOrAsCaasWaitsForNone() {
        projector.apply(placed(
                T,
                new OrderPlaced.Line(
                        LINE, Product.DV_SINGLE, List.of("a.example"), DcvMethod.HTTP_FILE, "CSR", null, null),
                new OrderPlaced.Line("CT-7-2", Product.CAAS, null, null, null, 12, null)));
        assertFalse(rows.get(LINE).csrAwaited);
        assertFalse(rows.get("CT-7-2").csrAwaited);
        assertNull(rows.get("CT-7-2").requestedDomains);
    }

    @Test
    void theCaSetsStatusAndDomainsAndTheProductItNamesWinsOverTheOrdered() throws Exception {
        projector.apply(submitted(T, CaOrderStatus.PENDING_VALIDATION, PENDING));
        projector.apply(placed(
                T.minusSeconds(5),
                new OrderPlaced.Line(
                        LINE, Product.DV_MULTI, List.of("shop.example"), DcvMethod.DNS_TXT, "CSR", null, null)));

        TrackedLine line = rows.get(LINE);
        assertEquals("hash-1", line.caReferenceHash);
        assertEquals("DV_SINGLE", line.product, "the CA's product is kept when the order comes later");
        assertEquals("PENDING_VALIDATION", line.status);
        assertEquals(T, line.statusAt);
        assertEquals(T, line.caLastQueriedAt);
        assertEquals(PENDING, List.of(JSON.readValue(line.domains, DomainValidation[].class)));
    }

    @Test
    void anOlderStatusDoesNotOverwriteANewerOneButStillCountsAsAQuery() throws Exception {
        projector.apply(changed(T, CaOrderStatus.REJECTED, CaOrderStatus.PENDING_VALIDATION, VALIDATED, null, "no"));
        projector.apply(submitted(T.minusSeconds(60), CaOrderStatus.PENDING_VALIDATION, PENDING));
        projector.apply(changed(
                T.minusSeconds(30), CaOrderStatus.PENDING_VALIDATION, CaOrderStatus.SUBMITTED, PENDING, null, "old"));

        TrackedLine line = rows.get(LINE);
        assertEquals("REJECTED", line.status);
        assertEquals("no", line.reason);
        assertEquals(T, line.statusAt);
        assertEquals(VALIDATED, List.of(JSON.readValue(line.domains, DomainValidation[].class)));

        projector.apply(CaOrderChecked.of(
                UUID.randomUUID(), T.plusSeconds(9), ORDER, LINE, "hash-1", CaOrderStatus.REJECTED, T.plusSeconds(10)));
        assertEquals(T.plusSeconds(10), line.caLastQueriedAt, "a check moves the query time, not the status");
        assertEquals("REJECTED", line.status);
    }

    @Test
    void anIssuedCertificateFillsTheLineAndItsLineageAndAnOlderReportOnlyTheLineage() {
        String pem = WebhookTestCa.ca().issuePemChain("shop.example");
        X509Certificate leaf = CertificateChain.parse(pem).leaf();
        String serial = leaf.getSerialNumber().toString(16);

        projector.apply(changed(
                T, CaOrderStatus.ISSUED, CaOrderStatus.PENDING_VALIDATION, VALIDATED, certificate(pem, leaf), null));

        TrackedLine line = rows.get(LINE);
        assertEquals("ISSUED", line.status);
        assertEquals(serial, line.certificateSerial);
        assertEquals(CertificateChain.sha256(leaf), line.certificateSha256);
        assertEquals(leaf.getNotAfter().toInstant(), line.expiresAt);
        assertEquals(T, line.issuedAt);
        assertTrue(line.hasCertificate());
        assertEquals(1, statements("INSERT INTO line_certificate"));
        assertEquals(1, statements("INSERT INTO intermediate_certificate"), "the CA certificate behind the leaf");

        String olderPem = WebhookTestCa.ca().issuePemChain("shop.example");
        X509Certificate older = CertificateChain.parse(olderPem).leaf();
        projector.apply(changed(
                T.minusSeconds(60),
                CaOrderStatus.ISSUED,
                CaOrderStatus.PENDING_VALIDATION,
                VALIDATED,
                certificate(olderPem, older),
                null));
        assertEquals(serial, line.certificateSerial, "the view keeps the newest report's certificate");
        assertEquals(2, statements("INSERT INTO line_certificate"), "but every certificate goes into the lineage");
    }

    @Test
    void aBrokenCertificateIsPoisonNotAStall() {
        IssuedCertificate broken = new IssuedCertificate("01", "ab", T, T, "-----BEGIN CERTIFICATE-----\nnope");
        assertThrows(
                PoisonEventException.class,
                () -> projector.apply(
                        changed(T, CaOrderStatus.ISSUED, CaOrderStatus.PENDING_VALIDATION, VALIDATED, broken, null)));
        assertThrows(
                PoisonEventException.class,
                () -> projector.apply(
                        CaOrderChecked.of(UUID.randomUUID(), T, ORDER, null, "hash-1", CaOrderStatus.ISSUED, T)));
    }

    @Test
    void aProvisionedSubscriptionIsCaasWithItsEabKeyIdAndStatus() {
        Instant ordered = T.minusSeconds(3600);
        projector.apply(CaasProvisioned.of(
                UUID.randomUUID(),
                T,
                ORDER,
                LINE,
                "hash-1",
                "sealed-ref",
                "kid-1",
                "sealed-hmac",
                "https://acme.example/directory",
                ordered,
                T.plusSeconds(7 * 86_400)));

        TrackedLine line = rows.get(LINE);
        assertEquals("CAAS", line.product);
        assertEquals(TrackedLine.PROVISIONED, line.status);
        assertEquals(ordered, line.orderedAt);
        assertEquals("kid-1", line.eabKeyId);
        assertEquals("https://acme.example/directory", line.acmeDirectoryUrl);
        assertEquals(T.plusSeconds(7 * 86_400), line.eabRevealableUntil);
        assertTrue(line.settled());
    }

    @Test
    void aRedeliveredEventChangesNothingAndTellsNobody() {
        CaOrderSubmitted submitted = submitted(T, CaOrderStatus.PENDING_VALIDATION, PENDING);
        projector.apply(submitted);
        TrackedLine line = rows.get(LINE);
        line.status = "CHANGED_SINCE";
        fired.clear();

        projector.apply(submitted);

        assertEquals("CHANGED_SINCE", line.status);
        assertEquals(List.of(), fired);
    }

    @Test
    void theNewestRefusalOfACommandIsShownWithTheCommandsRecorded() {
        UUID cancel = UUID.randomUUID();
        projector.apply(CancelRequested.of(cancel, T.minusSeconds(10), ORDER, LINE, "ordered twice"));
        assertEquals(1, statements("INSERT INTO line_command (command_id, line_id, command_type, action"));

        projector.apply(CaCommandRejected.of(
                UUID.randomUUID(), T, ORDER, LINE, cancel, CancelRequested.TYPE, "already issued"));
        projector.apply(CaCommandRejected.of(
                UUID.randomUUID(), T.minusSeconds(5), ORDER, LINE, cancel, CancelRequested.TYPE, "older refusal"));

        TrackedLine line = rows.get(LINE);
        assertEquals("already issued", line.lastRejectionReason);
        assertEquals(CancelRequested.TYPE, line.lastRejectionType);
        assertEquals(T, line.lastRejectionAt);
        assertEquals(2, statements("INSERT INTO line_command (command_id, line_id, command_type, rejected_at"));
        assertEquals(2, fired.stream().filter(CommandAnswered.class::isInstance).count(), "each refusal is an answer");
    }

    private OrderPlaced placed(Instant at, OrderPlaced.Line... lines) {
        return OrderPlaced.of(
                UUID.randomUUID(), at, ORDER, new OrderPlaced.Customer("Ada", "ada@example.org", null), List.of(lines));
    }

    private static CaOrderSubmitted submitted(Instant at, CaOrderStatus status, List<DomainValidation> domains) {
        return CaOrderSubmitted.of(
                UUID.randomUUID(), at, ORDER, LINE, Product.DV_SINGLE, "CA-1", "hash-1", "sealed", status, domains);
    }

    private static CaOrderStatusChanged changed(
            Instant at,
            CaOrderStatus status,
            CaOrderStatus previous,
            List<DomainValidation> domains,
            IssuedCertificate certificate,
            String reason) {
        return CaOrderStatusChanged.of(
                UUID.randomUUID(), at, ORDER, LINE, "CA-1", "hash-1", status, previous, domains, certificate, reason);
    }

    private static IssuedCertificate certificate(String pem, X509Certificate leaf) {
        return new IssuedCertificate(
                leaf.getSerialNumber().toString(16),
                CertificateChain.sha256(leaf),
                leaf.getNotBefore().toInstant(),
                leaf.getNotAfter().toInstant(),
                pem);
    }

    private long statements(String prefix) {
        return statements.stream().filter(sql -> sql.startsWith(prefix)).count();
    }

    /** A CDI event that keeps what is fired (ViewChanged, CommandAnswered). */
    @SuppressWarnings("unchecked")
    private <E> Event<E> event() {
        return (Event<E>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Event.class}, (p, m, a) -> {
                    if (m.getName().equals("fire")) {
                        fired.add(a[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    /**
     * The two things the projector asks of the database for a line, insert-if-absent and find-for-update, on a map;
     * every other native statement (lineage, commands, intermediates) is recorded and reads nothing back.
     */
    private EntityManager fakeEntityManager() {
        return (EntityManager) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {EntityManager.class}, (p, method, args) -> {
                    switch (method.getName()) {
                        case "createNativeQuery":
                            return query((String) args[0]);
                        case "find":
                            assertEquals(TrackedLine.class, args[0]);
                            return rows.get((String) args[1]);
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    private Query query(String sql) {
        Map<Integer, Object> parameters = new HashMap<>();
        return (Query) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Query.class}, (p, m, a) -> {
            switch (m.getName()) {
                case "setParameter":
                    parameters.put((Integer) a[0], a[1]);
                    return p;
                case "executeUpdate":
                    if (sql.startsWith("INSERT INTO tracked_line")) {
                        TrackedLine line = new TrackedLine();
                        line.lineId = (String) parameters.get(1);
                        line.orderNumber = (String) parameters.get(2);
                        return rows.putIfAbsent(line.lineId, line) == null ? 1 : 0;
                    }
                    statements.add(sql);
                    return 1;
                case "getResultList":
                    statements.add(sql);
                    return List.of();
                case "getSingleResult":
                    statements.add(sql);
                    return 0L;
                default:
                    throw new UnsupportedOperationException(m.getName());
            }
        });
    }
}
