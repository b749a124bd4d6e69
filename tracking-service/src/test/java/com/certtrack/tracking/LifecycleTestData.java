package com.certtrack.tracking;

import static io.restassured.RestAssured.given;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.CaOrderStatusChanged;
import com.certtrack.contracts.CaOrderSubmitted;
import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.DcvStatus;
import com.certtrack.contracts.DomainValidation;
import com.certtrack.contracts.OrderPlaced;
import com.certtrack.contracts.Product;
import com.certtrack.contracts.Topics;
import com.certtrack.support.reference.CaReference;
import com.certtrack.testsupport.TestCsr;
import com.certtrack.testsupport.TestInfrastructure;
import com.certtrack.testsupport.TopicReader;
import com.certtrack.tracking.pki.CertificateChain;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Lines in the states the lifecycle tests start from, and the calls they make. */
final class LifecycleTestData {

    static final String CUSTOMER = "ada@example.com";

    private LifecycleTestData() {}

    static TrackingTestData.Line line(Product product, List<String> domains) {
        String orderNumber =
                "CT-" + UUID.randomUUID().toString().substring(0, 10).toUpperCase();
        String reference = CaReference.generate();
        return new TrackingTestData.Line(
                orderNumber, orderNumber + "-1", reference, TrackingTestData.hash(reference), product, domains);
    }

    static void orderPlaced(TrackingTestData.Line line, Instant at, String email, String renewalOf) {
        TrackingTestData.publish(
                Topics.ORDERS,
                OrderPlaced.of(
                        UUID.randomUUID(),
                        at,
                        line.orderNumber(),
                        new OrderPlaced.Customer("Ada Lovelace", email, null),
                        List.of(new OrderPlaced.Line(
                                line.lineId(),
                                line.product(),
                                line.domains(),
                                DcvMethod.DNS_TXT,
                                null,
                                null,
                                renewalOf))));
    }

    static void submitted(TrackingTestData.Line line, Instant at, List<DomainValidation> domains) {
        TrackingTestData.publish(
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
                        domains));
    }

    static void statusChanged(
            TrackingTestData.Line line,
            Instant at,
            CaOrderStatus status,
            CaOrderStatus previous,
            List<DomainValidation> domains,
            String pemChain) {
        TrackingTestData.publish(
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
                        domains,
                        pemChain == null ? null : TrackingTestData.certificate(pemChain),
                        null));
    }

    static DomainValidation domain(String name, DcvMethod method, DcvStatus status) {
        return new DomainValidation(name, method, status, status == DcvStatus.PENDING ? "Publish the token" : null);
    }

    /** An issued single-domain line; @return the PEM chain of its certificate */
    static String issued(TestPki pki, TrackingTestData.Line line, Instant orderedAt, String email, String renewalOf) {
        orderPlaced(line, orderedAt, email, renewalOf);
        submitted(line, orderedAt.plusSeconds(5), TrackingTestData.domains(line, DcvStatus.PENDING));
        String pem =
                pki.issue(TestCsr.forDomains(line.domains().get(0)).keyPair().getPublic(), line.domains());
        TrackingTestData.statusChanged(
                line, orderedAt.plusSeconds(60), CaOrderStatus.ISSUED, CaOrderStatus.PENDING_VALIDATION, pem);
        TrackingTestData.awaitColumn(line.lineId(), "certificate_serial", serial(pem));
        if (email != null) {
            TrackingTestData.awaitColumn(line.lineId(), "customer_key IS NOT NULL", "true");
        }
        return pem;
    }

    static String serial(String pem) {
        return CertificateChain.parse(pem).leaf().getSerialNumber().toString(16);
    }

    static String token(TrackingTestData.Line line) {
        return TrackingTestData.lookup(TrackingTestData.newClient(), "caReference", line.reference())
                .then()
                .statusCode(200)
                .extract()
                .path("accessToken");
    }

    static JsonPath status(TrackingTestData.Line line) {
        return TrackingTestData.lookup(TrackingTestData.newClient(), "caReference", line.reference())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static JsonPath lineage(String token) {
        return given().auth()
                .oauth2(token)
                .get("/api/tracking/lineage")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static JsonPath audit(String token) {
        return given().auth()
                .oauth2(token)
                .get("/api/tracking/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** The one command of this type for this line that tracking-service put on tracking-commands.v1. */
    static ConsumerRecord<String, String> command(
            TopicReader commands, TrackingTestData.Line line, String type, int count) {
        return commands.await(
                        r -> line.orderNumber().equals(r.key()) && r.value().contains("\"" + type + "\""),
                        count,
                        Duration.ofSeconds(20))
                .get(count - 1);
    }

    static String sql(String query) throws Exception {
        var db = TestInfrastructure.database();
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                var rows = c.createStatement().executeQuery(query)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }
}
