package com.certtrack.tracking;

import static io.restassured.RestAssured.given;

import com.certtrack.contracts.CaOrderChecked;
import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.CaOrderStatusChanged;
import com.certtrack.contracts.CaOrderSubmitted;
import com.certtrack.contracts.CaasProvisioned;
import com.certtrack.contracts.CertTrackEvent;
import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.DcvStatus;
import com.certtrack.contracts.DomainValidation;
import com.certtrack.contracts.IssuedCertificate;
import com.certtrack.contracts.OrderPlaced;
import com.certtrack.contracts.Product;
import com.certtrack.contracts.Topics;
import com.certtrack.support.reference.CaReference;
import com.certtrack.support.reference.ReferenceHasher;
import com.certtrack.testsupport.TestInfrastructure;
import com.certtrack.testsupport.TopicWriter;
import com.certtrack.tracking.pki.CertificateChain;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;

/** Events as order-service and ca-gateway publish them, written to the real broker, and helpers to read the view. */
final class TrackingTestData {

    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private TrackingTestData() {}

    /** One certificate line of one order, with its CA Reference (known only to the test and the customer). */
    record Line(
            String orderNumber,
            String lineId,
            String reference,
            String caReferenceHash,
            Product product,
            List<String> domains) {}

    static Line newLine(Product product, int domainCount) {
        String orderNumber =
                "CT-" + UUID.randomUUID().toString().substring(0, 10).toUpperCase();
        List<String> domains = new ArrayList<>();
        String base = orderNumber.toLowerCase() + ".example";
        for (int i = 0; i < domainCount; i++) {
            domains.add(i == 0 ? "shop." + base : "www" + i + "." + base);
        }
        String reference = CaReference.generate();
        return new Line(orderNumber, orderNumber + "-1", reference, hash(reference), product, domains);
    }

    static String hash(String reference) {
        String key = TestInfrastructure.keys().get("certtrack.keys.reference-hash");
        return new ReferenceHasher(Base64.getDecoder().decode(key))
                .hash(CaReference.normalise(reference).canonical().orElseThrow());
    }

    static String instructionsFor(String domain) {
        return "Publish the file http://" + domain + "/.well-known/pki-validation/token.txt";
    }

    static void orderPlaced(Line line, Instant at) {
        orderPlaced(line, at, null);
    }

    /** @param csrPem the CSR sent with the order; null: ordered without one (the CSR comes later) */
    static void orderPlaced(Line line, Instant at, String csrPem) {
        publish(
                Topics.ORDERS,
                OrderPlaced.of(
                        UUID.randomUUID(),
                        at,
                        line.orderNumber(),
                        new OrderPlaced.Customer("Ada Lovelace", "ada@example.com", null),
                        List.of(new OrderPlaced.Line(
                                line.lineId(), line.product(), line.domains(), DcvMethod.HTTP_FILE, csrPem, null))));
    }

    static void submitted(Line line, Instant at) {
        publish(
                Topics.CA_ORDERS,
                CaOrderSubmitted.of(
                        UUID.randomUUID(),
                        at,
                        line.orderNumber(),
                        line.lineId(),
                        line.product(),
                        "CA-" + line.lineId(),
                        line.caReferenceHash(),
                        "c2VhbGVk",
                        CaOrderStatus.PENDING_VALIDATION,
                        domains(line, DcvStatus.PENDING)));
    }

    static void statusChanged(Line line, Instant at, CaOrderStatus status, CaOrderStatus previous, String pemChain) {
        IssuedCertificate certificate = pemChain == null ? null : certificate(pemChain);
        DcvStatus dcv = status == CaOrderStatus.PENDING_VALIDATION ? DcvStatus.PENDING : DcvStatus.VALIDATED;
        publish(
                Topics.CA_ORDERS,
                CaOrderStatusChanged.of(
                        UUID.randomUUID(),
                        at,
                        line.orderNumber(),
                        line.lineId(),
                        "CA-" + line.lineId(),
                        line.caReferenceHash(),
                        status,
                        previous,
                        domains(line, dcv),
                        certificate,
                        null));
    }

    static void checked(Line line, Instant at, CaOrderStatus status) {
        publish(
                Topics.CA_ORDERS,
                CaOrderChecked.of(
                        UUID.randomUUID(), at, line.orderNumber(), line.lineId(), line.caReferenceHash(), status, at));
    }

    static void caasProvisioned(Line line, Instant orderedAt) {
        publish(
                Topics.CAAS,
                CaasProvisioned.of(
                        UUID.randomUUID(),
                        orderedAt.plusSeconds(5),
                        line.orderNumber(),
                        line.lineId(),
                        line.caReferenceHash(),
                        "c2VhbGVk",
                        "kid-" + line.lineId(),
                        "c2VhbGVk",
                        "https://acme.example/directory",
                        orderedAt,
                        orderedAt.plus(Duration.ofDays(7))));
    }

    static IssuedCertificate certificate(String pemChain) {
        var leaf = CertificateChain.parse(pemChain).leaf();
        return new IssuedCertificate(
                leaf.getSerialNumber().toString(16),
                CertificateChain.sha256(leaf),
                leaf.getNotBefore().toInstant(),
                leaf.getNotAfter().toInstant(),
                pemChain);
    }

    static List<DomainValidation> domains(Line line, DcvStatus status) {
        return line.domains().stream()
                .map(d -> new DomainValidation(
                        d, DcvMethod.HTTP_FILE, status, status == DcvStatus.PENDING ? instructionsFor(d) : null))
                .toList();
    }

    static void publish(String topic, CertTrackEvent event) {
        try {
            TopicWriter.send(topic, event.orderNumber(), JSON.writeValueAsString(event));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the view row of a line has this status (read from PostgreSQL: no lookup budget spent). */
    static void awaitStatus(String lineId, String status) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> status.equals(column(lineId, "status")));
    }

    static void awaitColumn(String lineId, String column, String value) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> value.equals(column(lineId, column)));
    }

    static String column(String lineId, String column) throws Exception {
        var db = TestInfrastructure.database();
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                var statement = c.prepareStatement(
                        "SELECT (" + column + ")::text FROM tracking.tracked_line WHERE line_id = ?")) {
            statement.setString(1, lineId);
            var rows = statement.executeQuery();
            return rows.next() ? rows.getString(1) : null;
        }
    }

    /** A client address of its own, so each test has its own failed-lookup budget (the test JVM is a trusted proxy). */
    static String newClient() {
        var random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    static Response lookup(String client, String field, String reference) {
        return given().header("X-Forwarded-For", client)
                .contentType(ContentType.JSON)
                .body(Map.of(field, reference))
                .post("/api/tracking/lookup");
    }
}
