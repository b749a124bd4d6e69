package com.certtrack.tracking.checks;

import static io.restassured.RestAssured.given;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.CaOrderStatusChanged;
import com.certtrack.contracts.CaOrderSubmitted;
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
import java.security.cert.X509Certificate;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;

/** Order lines as order-service and ca-gateway publish them, and the customer's access token for one. */
final class ChecksTestData {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private ChecksTestData() {}

    record Line(String orderNumber, String lineId, String reference, String base) {}

    /** A fresh order number; its domains live under {@code base} (e.g. ct-1a2b3c.example). */
    static Line newLine() {
        String orderNumber =
                "CT-" + UUID.randomUUID().toString().substring(0, 10).toUpperCase();
        return new Line(
                orderNumber, orderNumber + "-1", CaReference.generate(), orderNumber.toLowerCase() + ".example");
    }

    static DomainValidation pending(String name, DcvMethod method, String target, String value) {
        return new DomainValidation(name, method, DcvStatus.PENDING, "Instructions for " + name, target, value);
    }

    static void submit(Line line, Product product, List<DomainValidation> domains) {
        Instant at = Instant.now().minusSeconds(60);
        publish(
                Topics.ORDERS,
                OrderPlaced.of(
                        UUID.randomUUID(),
                        at,
                        line.orderNumber(),
                        new OrderPlaced.Customer("Grace Hopper", "grace@example.com", null),
                        List.of(new OrderPlaced.Line(
                                line.lineId(),
                                product,
                                domains.stream().map(DomainValidation::name).toList(),
                                domains.get(0).dcvMethod(),
                                null,
                                null))));
        publish(
                Topics.CA_ORDERS,
                CaOrderSubmitted.of(
                        UUID.randomUUID(),
                        at.plusSeconds(5),
                        line.orderNumber(),
                        line.lineId(),
                        product,
                        "CA-" + line.lineId(),
                        hash(line.reference()),
                        "c2VhbGVk",
                        CaOrderStatus.PENDING_VALIDATION,
                        domains));
        awaitColumn(line.lineId(), "status", "PENDING_VALIDATION");
    }

    static void issue(Line line, List<DomainValidation> domains, List<X509Certificate> chain) {
        String pem = CertificateChain.pem(chain);
        X509Certificate leaf = chain.get(0);
        List<DomainValidation> validated = domains.stream()
                .map(d -> new DomainValidation(d.name(), d.dcvMethod(), DcvStatus.VALIDATED, null, null, null))
                .toList();
        publish(
                Topics.CA_ORDERS,
                CaOrderStatusChanged.of(
                        UUID.randomUUID(),
                        Instant.now(),
                        line.orderNumber(),
                        line.lineId(),
                        "CA-" + line.lineId(),
                        hash(line.reference()),
                        CaOrderStatus.ISSUED,
                        CaOrderStatus.PENDING_VALIDATION,
                        validated,
                        new IssuedCertificate(
                                leaf.getSerialNumber().toString(16),
                                CertificateChain.sha256(leaf),
                                leaf.getNotBefore().toInstant(),
                                leaf.getNotAfter().toInstant(),
                                pem),
                        null));
        awaitColumn(line.lineId(), "certificate_sha256", CertificateChain.sha256(leaf));
    }

    static String token(Line line) {
        var random = ThreadLocalRandom.current();
        String client = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
        return given().header("X-Forwarded-For", client)
                .contentType(ContentType.JSON)
                .body(Map.of("caReference", line.reference()))
                .post("/api/tracking/lookup")
                .then()
                .statusCode(200)
                .extract()
                .path("accessToken");
    }

    private static String hash(String reference) {
        String key = TestInfrastructure.keys().get("certtrack.keys.reference-hash");
        return new ReferenceHasher(Base64.getDecoder().decode(key))
                .hash(CaReference.normalise(reference).canonical().orElseThrow());
    }

    private static void publish(String topic, CertTrackEvent event) {
        try {
            TopicWriter.send(topic, event.orderNumber(), JSON.writeValueAsString(event));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitColumn(String lineId, String column, String value) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> value.equals(column(lineId, column)));
    }

    private static String column(String lineId, String column) throws Exception {
        var db = TestInfrastructure.database();
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                var statement = c.prepareStatement(
                        "SELECT (" + column + ")::text FROM tracking.tracked_line WHERE line_id = ?")) {
            statement.setString(1, lineId);
            var rows = statement.executeQuery();
            return rows.next() ? rows.getString(1) : null;
        }
    }
}
