package com.certtrack.tracking;

import static com.certtrack.tracking.TrackingTestData.lookup;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.Product;
import com.certtrack.contracts.RefreshRequested;
import com.certtrack.contracts.Topics;
import com.certtrack.support.links.LinkToken;
import com.certtrack.testsupport.CertTrackTestResource;
import com.certtrack.testsupport.TestCsr;
import com.certtrack.testsupport.TestInfrastructure;
import com.certtrack.testsupport.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.Test;

/** A customer looks up an order: DCV instructions first, then (live) the issued certificate in every format. */
@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
class TrackingJourneyTest {

    @TestHTTPResource("/api/tracking/events")
    URL events;

    @Test
    void lookedUpOrderShowsDcvInstructionsThenIssuedCertificateLiveAndInEveryFormat() throws Exception {
        TestPki pki = TestPki.create();
        var line = TrackingTestData.newLine(Product.DV_MULTI, 2);
        TestCsr csr = TestCsr.forDomains(line.domains().toArray(String[]::new));
        Instant orderedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
        // ca-orders.v1 before orders.v1: topics are not ordered relative to each other.
        TrackingTestData.submitted(line, orderedAt.plusSeconds(10));
        TrackingTestData.orderPlaced(line, orderedAt);
        TrackingTestData.awaitStatus(line.lineId(), "PENDING_VALIDATION");
        TrackingTestData.awaitColumn(line.lineId(), "requested_dcv_method", "HTTP_FILE");
        String client = TrackingTestData.newClient();

        try (TopicReader commands = TopicReader.fromBeginning(Topics.TRACKING_COMMANDS)) {
            // Lower case, spaces instead of dashes: the same credential.
            String typed = line.reference().toLowerCase().replace('-', ' ');
            JsonPath pending = lookup(client, "caReference", typed)
                    .then()
                    .statusCode(200)
                    .contentType(ContentType.JSON)
                    .body("orderNumber", equalTo(line.orderNumber()))
                    .body("lineId", equalTo(line.lineId()))
                    .body("product", equalTo("DV_MULTI"))
                    .body("status", equalTo("PENDING_VALIDATION"))
                    .body("domains.name", equalTo(line.domains()))
                    .body("domains.dcvMethod", hasItems("HTTP_FILE"))
                    .body("domains.dcvStatus", hasItems("PENDING"))
                    .body(
                            "domains[0].instructions",
                            equalTo(TrackingTestData.instructionsFor(
                                    line.domains().get(0))))
                    .body("orderedAt", notNullValue())
                    .body("issuedAt", nullValue())
                    .body("expiresAt", nullValue())
                    .body("caLastQueriedAt", notNullValue())
                    .body("refreshRequested", equalTo(true))
                    .body("accessToken", notNullValue())
                    .extract()
                    .jsonPath();
            assertEquals(orderedAt, Instant.parse(pending.getString("orderedAt")));
            assertEquals(orderedAt.plusSeconds(10), Instant.parse(pending.getString("caLastQueriedAt")));
            String token = pending.getString("accessToken");

            // The legacy name is the same credential.
            lookup(client, "supplierOrderNumber", line.reference())
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("PENDING_VALIDATION"));
            // The unfinished line asked ca-gateway to poll the CA now, once, whatever the number of viewers.
            var refresh = commands.await(
                            r -> line.orderNumber().equals(r.key()) && r.value().contains(RefreshRequested.TYPE),
                            1,
                            Duration.ofSeconds(20))
                    .get(0);
            assertTrue(refresh.value().contains("\"lineId\":\"" + line.lineId() + "\""));
            assertEquals(RefreshRequested.TYPE, TopicReader.header(refresh, "ce_type"));
            assertEquals(
                    1,
                    commands.settle(r -> line.orderNumber().equals(r.key()), Duration.ofSeconds(1))
                            .size(),
                    "a second lookup within the refresh interval asks no second time");

            // Not issued yet: no download; no token: 401.
            given().auth()
                    .oauth2(token)
                    .get("/api/tracking/certificate?format=pem")
                    .then()
                    .statusCode(409)
                    .contentType("application/problem+json")
                    .body("detail", containsString("not issued"));
            given().get("/api/tracking/certificate?format=pem")
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", containsString("Bearer"));
            given().auth()
                    .oauth2(token + "x")
                    .get("/api/tracking/certificate?format=pem")
                    .then()
                    .statusCode(401);

            // A CA check moves "last asked" on, without a change.
            Instant checkedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(1);
            TrackingTestData.checked(line, checkedAt, CaOrderStatus.PENDING_VALIDATION);
            TrackingTestData.awaitColumn(
                    line.lineId(), "ca_last_queried_at = '" + checkedAt + "'::timestamptz", "true");

            // Live updates: the browser's way (token in the query), then the CA issues.
            BlockingQueue<String> sse = openEvents(URI.create(events + "?access_token=" + token));
            assertTrue(awaitData(sse, "\"status\":\"PENDING_VALIDATION\""), "the stream starts with a snapshot");
            String pemChain = pki.issue(csr.keyPair().getPublic(), line.domains());
            TrackingTestData.statusChanged(
                    line, Instant.now(), CaOrderStatus.ISSUED, CaOrderStatus.PENDING_VALIDATION, pemChain);
            assertTrue(awaitData(sse, "\"status\":\"ISSUED\""), "the stream pushes the issued status");
            assertTrue(awaitLine(sse, ":"), "an idle stream carries keep-alive comments");

            int commandsBefore = commands.settle(r -> line.orderNumber().equals(r.key()), Duration.ZERO)
                    .size();
            JsonPath issued = lookup(client, "caReference", line.reference())
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("ISSUED"))
                    .body("domains.dcvStatus", hasItems("VALIDATED"))
                    .body("domains[0].instructions", containsString("Nothing to do"))
                    .body("issuedAt", notNullValue())
                    .body("expiresAt", notNullValue())
                    .body("refreshRequested", equalTo(false))
                    .body("certificate.downloadFormats", hasItems("pem", "chain", "der", "p7b", "bundle"))
                    .extract()
                    .jsonPath();
            X509Certificate leaf = TestPki.parse(pemChain).get(0);
            assertEquals(leaf.getNotAfter().toInstant(), Instant.parse(issued.getString("expiresAt")));
            assertEquals(
                    commandsBefore,
                    commands.settle(r -> line.orderNumber().equals(r.key()), Duration.ofSeconds(1))
                            .size(),
                    "an issued line needs no refresh");
            verifyDownloads(issued.getString("accessToken"), pki, leaf);
        }
    }

    @Test
    void emailLinkTokenAnswersLikeALookupAndABadLinkIs401() {
        var line = TrackingTestData.newLine(Product.DV_SINGLE, 1);
        TrackingTestData.orderPlaced(line, Instant.now().minusSeconds(30));
        TrackingTestData.submitted(line, Instant.now().minusSeconds(20));
        TrackingTestData.awaitStatus(line.lineId(), "PENDING_VALIDATION");
        LinkToken signer = LinkToken.fromBase64Key(TestInfrastructure.keys().get("certtrack.keys.link-signing"));
        String link = signer.sign(
                LinkToken.Purpose.LINK,
                line.lineId(),
                line.orderNumber(),
                Instant.now(),
                Instant.now().plus(Duration.ofHours(72)));

        given().contentType(ContentType.JSON)
                .body(Map.of("token", link))
                .post("/api/tracking/link")
                .then()
                .statusCode(200)
                .body("lineId", equalTo(line.lineId()))
                .body("status", equalTo("PENDING_VALIDATION"))
                .body(
                        "domains[0].instructions",
                        equalTo(TrackingTestData.instructionsFor(line.domains().get(0))))
                .body("accessToken", notNullValue())
                .body("accessTokenPurpose", equalTo("LINK"));
        String expired = signer.sign(
                LinkToken.Purpose.LINK,
                line.lineId(),
                line.orderNumber(),
                Instant.now().minus(Duration.ofHours(73)),
                Instant.now().minusSeconds(1));
        given().contentType(ContentType.JSON)
                .body(Map.of("token", expired))
                .post("/api/tracking/link")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("detail", containsString("CA Reference"));
    }

    private static void verifyDownloads(String token, TestPki pki, X509Certificate leaf) throws Exception {
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");

        byte[] pem = download(token, "pem", "application/x-pem-file", ".crt");
        assertEquals(leaf, x509.generateCertificate(new ByteArrayInputStream(pem)));

        byte[] chain = download(token, "chain", "application/pem-certificate-chain", "-fullchain.pem");
        List<X509Certificate> certificates = TestPki.parse(new String(chain, StandardCharsets.US_ASCII));
        assertEquals(List.of(leaf, pki.intermediate), certificates);
        PKIXParameters trust = new PKIXParameters(Set.of(new TrustAnchor(pki.root, null)));
        trust.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(x509.generateCertPath(certificates), trust);

        byte[] der = download(token, "der", "application/pkix-cert", ".cer");
        assertArrayEquals(leaf.getEncoded(), der);

        byte[] p7b = download(token, "p7b", "application/x-pkcs7-certificates", ".p7b");
        var holders = new CMSSignedData(p7b).getCertificates().getMatches(null);
        assertEquals(2, holders.size(), "leaf and intermediate in the PKCS#7");
        assertTrue(holders.contains(new X509CertificateHolder(leaf.getEncoded())));
        assertTrue(holders.contains(new X509CertificateHolder(pki.intermediate.getEncoded())));
        assertEquals(2, x509.generateCertificates(new ByteArrayInputStream(p7b)).size(), "the JDK reads it too");

        byte[] zip = download(token, "bundle", "application/zip", "-bundle.zip");
        Map<String, byte[]> files = unzip(zip);
        String name = leaf.getSubjectX500Principal().getName().replace("CN=", "");
        assertTrue(new String(files.get("README.txt"), StandardCharsets.US_ASCII).contains("ssl_certificate"));
        assertEquals(
                List.of(leaf, pki.intermediate),
                TestPki.parse(new String(files.get("nginx/" + name + "-fullchain.pem"), StandardCharsets.US_ASCII)));
        assertEquals(
                List.of(leaf),
                TestPki.parse(new String(files.get("apache/" + name + ".crt"), StandardCharsets.US_ASCII)));
        assertEquals(
                List.of(pki.intermediate),
                TestPki.parse(new String(files.get("apache/" + name + "-ca-bundle.crt"), StandardCharsets.US_ASCII)));
        assertEquals(
                2,
                new CMSSignedData(files.get("iis/" + name + ".p7b"))
                        .getCertificates()
                        .getMatches(null)
                        .size());

        given().auth()
                .oauth2(token)
                .get("/api/tracking/certificate?format=pfx")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("format"));

        // The public intermediates include the one of this chain.
        String intermediates = given().get("/api/intermediates")
                .then()
                .statusCode(200)
                .contentType("application/pem-certificate-chain")
                .extract()
                .asString();
        assertTrue(TestPki.parse(intermediates).contains(pki.intermediate));
    }

    private static byte[] download(String token, String format, String mediaType, String suffix) {
        return given().auth()
                .oauth2(token)
                .get("/api/tracking/certificate?format=" + format)
                .then()
                .statusCode(200)
                .contentType(mediaType)
                .header("Content-Disposition", containsString("attachment; filename=\""))
                .header("Content-Disposition", containsString(suffix + "\""))
                .extract()
                .asByteArray();
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> files = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    /** A JDK HttpClient reading the event stream line by line in the background. */
    static BlockingQueue<String> openEvents(URI uri) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpClient.newHttpClient()
                .sendAsync(
                        HttpRequest.newBuilder(uri)
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> {
                    lines.add("HTTP " + response.statusCode());
                    response.body().forEach(lines::add);
                });
        return lines;
    }

    static boolean awaitLine(BlockingQueue<String> lines, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(250, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(prefix)) {
                return true;
            }
        }
        throw new AssertionError("no line starting with '" + prefix + "' within 10 s");
    }

    static boolean awaitData(BlockingQueue<String> lines, String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(250, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                if (line.startsWith("data:") && line.contains(fragment)) {
                    return true;
                }
            }
        }
        throw new AssertionError("no event with " + fragment + " within 30 s; saw " + seen);
    }
}
