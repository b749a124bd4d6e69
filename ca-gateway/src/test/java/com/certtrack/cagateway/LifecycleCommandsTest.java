package com.certtrack.cagateway;

import static com.certtrack.cagateway.GatewayTestData.read;
import static com.certtrack.cagateway.GatewayTestData.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.contracts.CaCommandRejected;
import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.CaOrderStatusChanged;
import com.certtrack.contracts.CaOrderSubmitted;
import com.certtrack.contracts.CancelRequested;
import com.certtrack.contracts.CertTrackEvent;
import com.certtrack.contracts.CertificateRevoked;
import com.certtrack.contracts.DcvAction;
import com.certtrack.contracts.DcvActionRequested;
import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.DcvStatus;
import com.certtrack.contracts.DomainValidation;
import com.certtrack.contracts.OrderPlaced;
import com.certtrack.contracts.Product;
import com.certtrack.contracts.ReissueRequested;
import com.certtrack.contracts.RevocationReason;
import com.certtrack.contracts.RevokeRequested;
import com.certtrack.contracts.Topics;
import com.certtrack.testsupport.CertTrackTestResource;
import com.certtrack.testsupport.TestCsr;
import com.certtrack.testsupport.TestInfrastructure;
import com.certtrack.testsupport.TopicReader;
import com.certtrack.testsupport.TopicWriter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

/**
 * Cancel, DCV actions and revocation from tracking-service's commands, carried out at a stand-in CA that really
 * validates (DNS through a loopback server), with the results read back from ca-orders.v1.
 */
@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
@WithTestResource(ValidatingCaResource.class)
class LifecycleCommandsTest {

    private static final Duration WAIT = Duration.ofSeconds(45);

    @Test
    void cancelEndsAPendingLineAndIsRefusedWithTheCasReasonOnceIssuedWithoutRetrying() throws Exception {
        String orderNumber = GatewayTestData.newOrderNumber();
        try (TopicReader reader = TopicReader.fromBeginning(Topics.CA_ORDERS)) {
            List<CaOrderSubmitted> lines = placeDnsTxtOrder(reader, orderNumber, 2);
            CaOrderSubmitted pending = lines.get(0);
            CaOrderSubmitted issued = lines.get(1);

            send(CancelRequested.of(UUID.randomUUID(), Instant.now(), orderNumber, pending.lineId(), "ordered twice"));
            CaOrderStatusChanged cancelled = awaitChange(reader, pending.lineId(), CaOrderStatus.CANCELLED);
            assertEquals(CaOrderStatus.PENDING_VALIDATION, cancelled.previousStatus());
            assertTrue(cancelled.reason().contains("ordered twice"), cancelled.reason());

            validateAndIssue(reader, orderNumber, issued);
            UUID cancelId = UUID.randomUUID();
            send(CancelRequested.of(cancelId, Instant.now(), orderNumber, issued.lineId(), null));
            CaCommandRejected rejected = read(
                    reader.await(r -> has(r, CaCommandRejected.TYPE, issued.lineId()), 1, WAIT)
                            .get(0),
                    CaCommandRejected.class);
            assertEquals(cancelId, rejected.commandEventId());
            assertEquals(CancelRequested.TYPE, rejected.commandType());
            assertTrue(
                    rejected.reason().startsWith("Only an order without a certificate can be cancelled"),
                    rejected.reason());
            assertFalse(rejected.reason().contains("CA answered"), "the CA's words, not ours");

            assertEquals(
                    1,
                    reader.settle(r -> has(r, CaCommandRejected.TYPE, issued.lineId()), Duration.ofSeconds(3))
                            .size(),
                    "a refusal is final: no retry, no second event");
            assertEquals("FAILED/0", commandState(cancelId));
            assertEquals("ISSUED", lineStatus(issued.lineId()));
        }
    }

    @Test
    void aDcvMethodChangePublishesTheNewMethodAndTargetAndARecheckIssues() throws Exception {
        String orderNumber = GatewayTestData.newOrderNumber();
        try (TopicReader reader = TopicReader.fromBeginning(Topics.CA_ORDERS)) {
            CaOrderSubmitted line = placeDnsTxtOrder(reader, orderNumber, 1).get(0);
            DomainValidation before = line.domains().get(0);
            assertEquals("_dnsauth." + before.name(), before.dcvTarget());
            assertTrue(before.dcvValue().matches("[0-9a-f]{32}"), before.dcvValue());

            send(DcvActionRequested.of(
                    UUID.randomUUID(),
                    Instant.now(),
                    orderNumber,
                    line.lineId(),
                    before.name(),
                    DcvAction.CHANGE_METHOD,
                    DcvMethod.DNS_CNAME));
            CaOrderStatusChanged changed = read(
                    reader.await(
                                    r -> has(r, CaOrderStatusChanged.TYPE, line.lineId())
                                            && r.value().contains("\"DNS_CNAME\""),
                                    1,
                                    WAIT)
                            .get(0),
                    CaOrderStatusChanged.class);
            DomainValidation after = changed.domains().get(0);
            assertEquals(CaOrderStatus.PENDING_VALIDATION, changed.status());
            assertEquals(DcvStatus.PENDING, after.dcvStatus());
            assertTrue(
                    after.dcvTarget().matches("[0-9a-f]{32}\\." + before.name().replace(".", "\\.")),
                    after.dcvTarget());
            assertNotEquals(before.dcvValue() + "." + before.name(), after.dcvTarget(), "a new token");
            assertEquals("dcv.ca.certtrack.example", after.dcvValue());
            assertTrue(after.instructions().contains(after.dcvTarget()), after.instructions());

            UUID resend = UUID.randomUUID();
            send(DcvActionRequested.of(
                    resend, Instant.now(), orderNumber, line.lineId(), before.name(), DcvAction.RESEND_APPROVAL, null));
            CaCommandRejected refused = read(
                    reader.await(r -> has(r, CaCommandRejected.TYPE, line.lineId()), 1, WAIT)
                            .get(0),
                    CaCommandRejected.class);
            assertEquals(resend, refused.commandEventId());
            assertEquals(DcvActionRequested.TYPE, refused.commandType());
            assertTrue(refused.reason().contains("not by e-mail"), refused.reason());

            ValidatingCaResource.dns().cname(after.dcvTarget(), after.dcvValue());
            send(DcvActionRequested.of(
                    UUID.randomUUID(),
                    Instant.now(),
                    orderNumber,
                    line.lineId(),
                    before.name(),
                    DcvAction.RECHECK,
                    null));
            CaOrderStatusChanged issued = awaitChange(reader, line.lineId(), CaOrderStatus.ISSUED);
            assertEquals(DcvStatus.VALIDATED, issued.domains().get(0).dcvStatus());
            assertNotNull(issued.certificate());
        }
    }

    @Test
    void revokingTheCurrentCertificateEndsTheLine() throws Exception {
        String orderNumber = GatewayTestData.newOrderNumber();
        try (TopicReader reader = TopicReader.fromBeginning(Topics.CA_ORDERS)) {
            CaOrderSubmitted line = placeDnsTxtOrder(reader, orderNumber, 1).get(0);
            String serial =
                    validateAndIssue(reader, orderNumber, line).certificate().serialNumber();

            send(RevokeRequested.of(
                    UUID.randomUUID(),
                    Instant.now(),
                    orderNumber,
                    line.lineId(),
                    List.of(),
                    RevocationReason.KEY_COMPROMISE));
            CertificateRevoked revoked = read(
                    reader.await(r -> has(r, CertificateRevoked.TYPE, line.lineId()), 1, WAIT)
                            .get(0),
                    CertificateRevoked.class);
            assertEquals(serial, revoked.serialNumber());
            assertEquals(RevocationReason.KEY_COMPROMISE, revoked.reason());
            assertEquals(line.caReferenceHash(), revoked.caReferenceHash());
            assertNotNull(revoked.revokedAt());
            CaOrderStatusChanged ended = awaitChange(reader, line.lineId(), CaOrderStatus.REVOKED);
            assertEquals(CaOrderStatus.ISSUED, ended.previousStatus());
        }
    }

    @Test
    void revokingASupersededCertificateLeavesTheLineIssuedAndTheCasOcspSaysRevoked() throws Exception {
        String orderNumber = GatewayTestData.newOrderNumber();
        try (TopicReader reader = TopicReader.fromBeginning(Topics.CA_ORDERS)) {
            CaOrderSubmitted line = placeDnsTxtOrder(reader, orderNumber, 1).get(0);
            CaOrderStatusChanged first = validateAndIssue(reader, orderNumber, line);
            String oldSerial = first.certificate().serialNumber();

            String domain = line.domains().get(0).name();
            send(ReissueRequested.of(
                    UUID.randomUUID(),
                    Instant.now(),
                    orderNumber,
                    line.lineId(),
                    TestCsr.forDomains(domain).pem(),
                    null));
            CaOrderStatusChanged reissued = read(
                    reader.await(
                                    r -> has(r, CaOrderStatusChanged.TYPE, line.lineId())
                                            && r.value().contains("\"status\":\"ISSUED\"")
                                            && !r.value().contains(oldSerial),
                                    1,
                                    WAIT)
                            .get(0),
                    CaOrderStatusChanged.class);
            String newSerial = reissued.certificate().serialNumber();
            assertNotEquals(oldSerial, newSerial);

            // Named as a portal might show it: upper case, colon-separated.
            send(RevokeRequested.of(
                    UUID.randomUUID(),
                    Instant.now(),
                    orderNumber,
                    line.lineId(),
                    List.of(oldSerial.toUpperCase().replaceAll("(..)(?!$)", "$1:")),
                    RevocationReason.SUPERSEDED));
            CertificateRevoked revoked = read(
                    reader.await(r -> has(r, CertificateRevoked.TYPE, line.lineId()), 1, WAIT)
                            .get(0),
                    CertificateRevoked.class);
            assertEquals(oldSerial, revoked.serialNumber());
            assertEquals(RevocationReason.SUPERSEDED, revoked.reason());
            assertTrue(
                    reader.settle(
                                    r -> has(r, CaOrderStatusChanged.TYPE, line.lineId())
                                            && r.value().contains("\"status\":\"REVOKED\""),
                                    Duration.ofSeconds(2))
                            .isEmpty(),
                    "the line stays issued");
            assertEquals("ISSUED", lineStatus(line.lineId()));

            List<X509Certificate> oldChain =
                    OrderFulfilmentTest.parse(first.certificate().pemChain());
            X509Certificate intermediate = oldChain.get(1);
            CertificateStatus oldStatus = ocsp(oldChain.get(0), intermediate);
            assertTrue(oldStatus instanceof RevokedStatus, "OCSP: " + oldStatus);
            assertEquals(RevocationReason.SUPERSEDED.code, ((RevokedStatus) oldStatus).getRevocationReason());
            X509Certificate current =
                    OrderFulfilmentTest.parse(reissued.certificate().pemChain()).get(0);
            assertEquals(CertificateStatus.GOOD, ocsp(current, intermediate));
        }
    }

    @Test
    void commandsForUnknownLinesAndPoisonGoToTheDeadLetterTopicAndTheConsumerKeepsGoing() throws Exception {
        String poisonKey = "poison-" + UUID.randomUUID();
        TopicWriter.send(
                Topics.TRACKING_COMMANDS,
                poisonKey,
                write(CancelRequested.of(UUID.randomUUID(), Instant.now(), poisonKey, poisonKey + "-1", null)));
        TopicWriter.send(Topics.TRACKING_COMMANDS, poisonKey, "{\"eventType\":\"RevokeRequested\",\"lineId\":");
        String orderNumber = GatewayTestData.newOrderNumber();
        try (TopicReader reader = TopicReader.fromBeginning(Topics.CA_ORDERS);
                TopicReader dlq = TopicReader.fromBeginning(Topics.deadLetter(Topics.TRACKING_COMMANDS))) {
            CaOrderSubmitted line = placeDnsTxtOrder(reader, orderNumber, 1).get(0);
            TopicWriter.send(
                    Topics.TRACKING_COMMANDS,
                    orderNumber,
                    write(RevokeRequested.of(
                            UUID.randomUUID(),
                            Instant.now(),
                            orderNumber,
                            line.lineId(),
                            List.of("not-a-serial"),
                            RevocationReason.UNSPECIFIED)));
            List<ConsumerRecord<String, String>> dead =
                    new ArrayList<>(dlq.await(r -> poisonKey.equals(r.key()), 2, WAIT));
            dead.addAll(dlq.await(r -> orderNumber.equals(r.key()), 1, WAIT));
            for (var record : dead) {
                assertNotNull(TopicReader.header(record, "dead-letter-reason"), "the error travels in a header");
            }

            send(CancelRequested.of(UUID.randomUUID(), Instant.now(), orderNumber, line.lineId(), null));
            awaitChange(reader, line.lineId(), CaOrderStatus.CANCELLED);
        }
    }

    /** Places an order of DV_SINGLE lines validated by DNS_TXT and waits for their submission to the CA. */
    private static List<CaOrderSubmitted> placeDnsTxtOrder(TopicReader reader, String orderNumber, int lines) {
        List<OrderPlaced.Line> orderLines = new ArrayList<>();
        for (int i = 1; i <= lines; i++) {
            String domain = "web" + i + "." + orderNumber.toLowerCase() + ".test";
            orderLines.add(new OrderPlaced.Line(
                    orderNumber + "-" + i,
                    Product.DV_SINGLE,
                    List.of(domain),
                    DcvMethod.DNS_TXT,
                    TestCsr.forDomains(domain).pem(),
                    null));
        }
        GatewayTestData.publish(OrderPlaced.of(
                UUID.randomUUID(),
                Instant.now(),
                orderNumber,
                new OrderPlaced.Customer("Ada Lovelace", "ada@example.com", null),
                orderLines));
        return reader.await(r -> GatewayTestData.is(r, orderNumber, CaOrderSubmitted.TYPE), lines, WAIT).stream()
                .map(r -> read(r, CaOrderSubmitted.class))
                .sorted(java.util.Comparator.comparing(CaOrderSubmitted::lineId))
                .toList();
    }

    /** Publishes the TXT record the CA named, asks for a re-check (as the portal's button does), awaits ISSUED. */
    private static CaOrderStatusChanged validateAndIssue(TopicReader reader, String orderNumber, CaOrderSubmitted line)
            throws Exception {
        DomainValidation domain = line.domains().get(0);
        ValidatingCaResource.dns().txt(domain.dcvTarget(), domain.dcvValue());
        send(DcvActionRequested.of(
                UUID.randomUUID(), Instant.now(), orderNumber, line.lineId(), domain.name(), DcvAction.RECHECK, null));
        return awaitChange(reader, line.lineId(), CaOrderStatus.ISSUED);
    }

    private static CaOrderStatusChanged awaitChange(TopicReader reader, String lineId, CaOrderStatus status) {
        return read(
                reader.await(
                                r -> has(r, CaOrderStatusChanged.TYPE, lineId)
                                        && r.value().contains("\"status\":\"" + status + "\""),
                                1,
                                WAIT)
                        .get(0),
                CaOrderStatusChanged.class);
    }

    private static boolean has(ConsumerRecord<String, String> record, String type, String lineId) {
        return record.value().contains("\"eventType\":\"" + type + "\"")
                && record.value().contains("\"lineId\":\"" + lineId + "\"");
    }

    private static void send(CertTrackEvent event) {
        String key = event instanceof CancelRequested c
                ? c.orderNumber()
                : event instanceof DcvActionRequested d
                        ? d.orderNumber()
                        : event instanceof RevokeRequested r
                                ? r.orderNumber()
                                : ((ReissueRequested) event).orderNumber();
        TopicWriter.send(Topics.TRACKING_COMMANDS, key, write(event));
    }

    /** Asks the CA's OCSP responder over HTTP, as a relying party would, and checks the answer's signature. */
    private static CertificateStatus ocsp(X509Certificate leaf, X509Certificate issuer) throws Exception {
        CertificateID id = new CertificateID(
                new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(issuer),
                leaf.getSerialNumber());
        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(ValidatingCaResource.url() + "/ocsp"))
                                .header("Content-Type", "application/ocsp-request")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(new OCSPReqBuilder()
                                        .addRequest(id)
                                        .build()
                                        .getEncoded()))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        OCSPResp ocsp = new OCSPResp(response.body());
        assertEquals(OCSPResp.SUCCESSFUL, ocsp.getStatus());
        BasicOCSPResp basic = (BasicOCSPResp) ocsp.getResponseObject();
        assertTrue(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer.getPublicKey())));
        return basic.getResponses()[0].getCertStatus();
    }

    private static String commandState(UUID eventId) throws Exception {
        return query(
                "SELECT state || '/' || attempts FROM ca_gateway.ca_command WHERE event_id = ?::uuid",
                eventId.toString());
    }

    private static String lineStatus(String lineId) throws Exception {
        return query("SELECT ca_status FROM ca_gateway.ca_line WHERE line_id = ?", lineId);
    }

    private static String query(String sql, String parameter) throws Exception {
        var db = TestInfrastructure.database();
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                var s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            var rs = s.executeQuery();
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
