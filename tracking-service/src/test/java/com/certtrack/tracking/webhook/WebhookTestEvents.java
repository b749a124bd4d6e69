package com.certtrack.tracking.webhook;

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
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;

/** Events as order-service and ca-gateway publish them, for customers of our choosing; and reads of the database. */
final class WebhookTestEvents {

    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private WebhookTestEvents() {}

    record Line(String orderNumber, String lineId, String reference, String caReferenceHash, String domain) {}

    static String newCustomer() {
        return "customer-" + UUID.randomUUID() + "@example.com";
    }

    /** A line ordered by {@code email} and submitted to the CA (PENDING_VALIDATION), in the view, a while ago. */
    static Line orderedAndSubmitted(String email) {
        String orderNumber =
                "CT-" + UUID.randomUUID().toString().substring(0, 10).toUpperCase();
        String reference = CaReference.generate();
        String hash = new ReferenceHasher(
                        Base64.getDecoder().decode(TestInfrastructure.keys().get("certtrack.keys.reference-hash")))
                .hash(CaReference.normalise(reference).canonical().orElseThrow());
        Line line = new Line(
                orderNumber, orderNumber + "-1", reference, hash, "shop." + orderNumber.toLowerCase() + ".example");
        Instant orderedAt = Instant.now().minusSeconds(120);
        publish(
                Topics.ORDERS,
                OrderPlaced.of(
                        UUID.randomUUID(),
                        orderedAt,
                        orderNumber,
                        new OrderPlaced.Customer("Grace Hopper", email, null),
                        List.of(new OrderPlaced.Line(
                                line.lineId(),
                                Product.DV_SINGLE,
                                List.of(line.domain()),
                                DcvMethod.HTTP_FILE,
                                null,
                                null))));
        publish(
                Topics.CA_ORDERS,
                CaOrderSubmitted.of(
                        UUID.randomUUID(),
                        orderedAt.plusSeconds(5),
                        orderNumber,
                        line.lineId(),
                        Product.DV_SINGLE,
                        "CA-" + line.lineId(),
                        hash,
                        "c2VhbGVk",
                        CaOrderStatus.PENDING_VALIDATION,
                        domains(line, DcvStatus.PENDING)));
        awaitView(line.lineId(), "status = 'PENDING_VALIDATION' AND customer_key IS NOT NULL");
        return line;
    }

    static CaOrderStatusChanged statusChanged(
            Line line, CaOrderStatus status, CaOrderStatus previous, String pemChain) {
        IssuedCertificate certificate = null;
        if (pemChain != null) {
            var leaf = CertificateChain.parse(pemChain).leaf();
            certificate = new IssuedCertificate(
                    leaf.getSerialNumber().toString(16),
                    CertificateChain.sha256(leaf),
                    leaf.getNotBefore().toInstant(),
                    leaf.getNotAfter().toInstant(),
                    pemChain);
        }
        var event = CaOrderStatusChanged.of(
                UUID.randomUUID(),
                Instant.now(),
                line.orderNumber(),
                line.lineId(),
                "CA-" + line.lineId(),
                line.caReferenceHash(),
                status,
                previous,
                domains(line, status == CaOrderStatus.PENDING_VALIDATION ? DcvStatus.PENDING : DcvStatus.VALIDATED),
                certificate,
                null);
        publish(Topics.CA_ORDERS, event);
        return event;
    }

    static List<DomainValidation> domains(Line line, DcvStatus status) {
        return List.of(new DomainValidation(line.domain(), DcvMethod.HTTP_FILE, status, null));
    }

    static void publish(String topic, CertTrackEvent event) {
        try {
            TopicWriter.send(topic, event.orderNumber(), JSON.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The customer's way to a token: a lookup with the CA Reference. */
    static String accessToken(Line line) {
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

    static void awaitView(String lineId, String condition) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> scalar(
                                "SELECT count(*) FROM tracking.tracked_line WHERE line_id = ? AND " + condition, lineId)
                        .equals("1"));
    }

    /** One value (as text) of a query with string parameters, read over JDBC. */
    static String scalar(String sql, Object... parameters) throws SQLException {
        try (Connection c = connection();
                var statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            var rows = statement.executeQuery();
            return rows.next() ? rows.getString(1) : null;
        }
    }

    static Connection connection() throws SQLException {
        var db = TestInfrastructure.database();
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }
}
