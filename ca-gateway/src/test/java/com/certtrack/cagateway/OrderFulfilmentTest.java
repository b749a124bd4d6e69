package com.certtrack.cagateway;

import static com.certtrack.cagateway.GatewayTestData.CHANGED;
import static com.certtrack.cagateway.GatewayTestData.PROVISIONED;
import static com.certtrack.cagateway.GatewayTestData.SUBMITTED;
import static com.certtrack.cagateway.GatewayTestData.is;
import static com.certtrack.cagateway.GatewayTestData.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.CaOrderStatusChanged;
import com.certtrack.contracts.CaOrderSubmitted;
import com.certtrack.contracts.CaasProvisioned;
import com.certtrack.contracts.OrderPlaced;
import com.certtrack.contracts.Product;
import com.certtrack.contracts.Topics;
import com.certtrack.support.reference.CaReference;
import com.certtrack.support.reference.ReferenceHasher;
import com.certtrack.support.sealing.Pem;
import com.certtrack.support.sealing.Unsealer;
import com.certtrack.testsupport.CertTrackTestResource;
import com.certtrack.testsupport.TestInfrastructure;
import com.certtrack.testsupport.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
@WithTestResource(StandInCaResource.class)
class OrderFulfilmentTest {

    @Test
    void threeLinesBecomeTwoIssuedCertificatesAndOneCaasBindingWithoutAPlaintextSecretAnywhere() throws Exception {
        String orderNumber = GatewayTestData.newOrderNumber();
        OrderPlaced order = GatewayTestData.order(orderNumber, Product.DV_SINGLE, Product.DV_MULTI, Product.CAAS);
        GatewayTestData.publish(order);

        try (TopicReader reader = TopicReader.fromBeginning(Topics.CA_ORDERS, Topics.CAAS)) {
            List<CaOrderSubmitted> submitted =
                    reader.await(r -> is(r, orderNumber, SUBMITTED), 2, Duration.ofSeconds(60)).stream()
                            .map(r -> read(r, CaOrderSubmitted.class))
                            .toList();
            assertEquals(
                    Set.of(orderNumber + "-1", orderNumber + "-2"),
                    submitted.stream().map(CaOrderSubmitted::lineId).collect(Collectors.toSet()));

            List<CaOrderStatusChanged> issued = reader
                    .await(
                            r -> is(r, orderNumber, CHANGED) && r.value().contains("\"status\":\"ISSUED\""),
                            2,
                            Duration.ofSeconds(60))
                    .stream()
                    .map(r -> read(r, CaOrderStatusChanged.class))
                    .toList();
            X509Certificate root = rootOfStandInCa();
            for (CaOrderStatusChanged change : issued) {
                assertEquals(CaOrderStatus.ISSUED, change.status());
                verifyChain(change.certificate().pemChain(), root);
            }

            CaasProvisioned caas = read(
                    reader.await(r -> is(r, orderNumber, PROVISIONED), 1, Duration.ofSeconds(60))
                            .get(0),
                    CaasProvisioned.class);
            assertEquals(orderNumber + "-3", caas.lineId());
            assertEquals(caas.orderedAt().plus(Duration.ofDays(7)), caas.revealableUntil());

            // The sealed references open only with notification-service's key, and the hash indexes them.
            List<String> references = new ArrayList<>();
            for (CaOrderSubmitted s : submitted) {
                references.add(unsealAndCheck(s.sealedCaReference(), s.caReferenceHash()));
            }
            references.add(unsealAndCheck(caas.sealedCaReference(), caas.caReferenceHash()));
            assertEquals(3, Set.copyOf(references).size(), "each line has its own reference");

            List<String> secrets = new ArrayList<>(references);
            secrets.addAll(references.stream().map(ref -> ref.replace("-", "")).toList());
            assertNoSecretIn("topics", allRecordValues(reader, orderNumber), secrets);
            assertNoSecretIn("ca_gateway schema", databaseText(), secrets);
            assertNoSecretIn("log", Files.readString(Path.of("target/ca-gateway-test.log")), secrets);
        }
    }

    private static String unsealAndCheck(String sealed, String hash) {
        var keys = TestInfrastructure.keys();
        Unsealer notification = new Unsealer(
                Pem.privateKey(keys.get("certtrack.keys.notification-private-key")),
                Pem.publicKey(keys.get("certtrack.keys.notification-public-key")));
        String reference = new String(notification.unseal(sealed), StandardCharsets.US_ASCII);
        String canonical = CaReference.normalise(reference).canonical().orElseThrow();
        ReferenceHasher hasher =
                new ReferenceHasher(Base64.getDecoder().decode(keys.get("certtrack.keys.reference-hash")));
        assertEquals(hash, hasher.hash(canonical));
        assertNotEquals(hash, canonical);
        return reference;
    }

    private static void assertNoSecretIn(String where, String text, List<String> secrets) {
        for (String secret : secrets) {
            assertFalse(text.contains(secret), "a CA Reference in plaintext in " + where);
        }
    }

    private static String allRecordValues(TopicReader reader, String orderNumber) {
        return reader.settle(r -> orderNumber.equals(r.key()), Duration.ofMillis(500)).stream()
                .map(ConsumerRecord::value)
                .collect(Collectors.joining("\n"));
    }

    /** Every text value of every table in the gateway's schema. */
    private static String databaseText() throws Exception {
        var db = TestInfrastructure.database();
        StringBuilder text = new StringBuilder();
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            var tables = c.createStatement()
                    .executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'ca_gateway'");
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString(1));
            }
            assertTrue(names.contains("ca_line"));
            for (String table : names) {
                var rows = c.createStatement().executeQuery("SELECT t::text FROM ca_gateway." + table + " t");
                while (rows.next()) {
                    text.append(rows.getString(1)).append('\n');
                }
            }
        }
        return text.toString();
    }

    static X509Certificate rootOfStandInCa() throws Exception {
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(StandInCaResource.ca().url() + "/api/v1/intermediates"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        List<X509Certificate> certificates = parse(response.body());
        return certificates.stream()
                .filter(c -> c.getSubjectX500Principal().equals(c.getIssuerX500Principal()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no root among the intermediates"));
    }

    static void verifyChain(String pemChain, X509Certificate root) throws Exception {
        List<X509Certificate> chain = parse(pemChain);
        assertTrue(chain.size() >= 2, "leaf and intermediate");
        var factory = CertificateFactory.getInstance("X.509");
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX")
                .validate(
                        factory.generateCertPath(
                                chain.stream().filter(c -> !c.equals(root)).toList()),
                        parameters);
    }

    @SuppressWarnings("unchecked")
    static List<X509Certificate> parse(String pem) throws Exception {
        return new ArrayList<>((java.util.Collection<X509Certificate>) CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
    }
}
