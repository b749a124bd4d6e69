package com.certtrack.tracking.checks;

import static com.certtrack.tracking.checks.ChecksTestData.pending;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.Product;
import com.certtrack.testsupport.CertTrackTestResource;
import com.certtrack.tracking.bench.BenchTable;
import com.certtrack.tracking.pki.CertificateChain;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Latency of the customer's checks against loopback servers, one request at a time (as the portal sends them),
 * beside a baseline measured in the same run from this JVM: the installation check against a JSSE TLS server vs one
 * bare TLS handshake with that server; the revocation check of a pasted PEM against the loopback OCSP responder and
 * CRL server vs one bare OCSP request with BouncyCastle (and one bare OCSP request plus CRL download). Tagged
 * "bench", so not in the normal run:
 * <pre>
 * ./mvnw -o -q test -pl tracking-service -Dtest=ChecksBenchmark -Dtracking.excludedGroups=none \
 *     -Dbench.checks.requests=200
 * </pre>
 */
@Tag("bench")
@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
@WithTestResource(ChecksTestResource.class)
class ChecksBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    @TestHTTPResource("/api/tracking/checks/")
    URI checks;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Test
    void checkLatencyAgainstBareHandshakeAndBareOcsp() throws Exception {
        int requests = Integer.getInteger("bench.checks.requests", 200);
        int warmUp = Integer.getInteger("bench.checks.warm-up", 20);
        BenchTable table = new BenchTable("tracking-service checks (one request at a time)");

        ChecksPki pki = new ChecksPki();
        try (RevocationServer ca = new RevocationServer(pki)) {
            var line = ChecksTestData.newLine();
            String host = "shop." + line.base();
            var domains = List.of(pending(host, DcvMethod.DNS_TXT, "_dnsauth." + host, "t"));
            ChecksTestData.submit(line, Product.DV_SINGLE, domains);
            KeyPair key = ChecksPki.ec();
            X509Certificate leaf =
                    pki.leaf(key.getPublic(), List.of(host), new ChecksPki.Urls(ca.url("/ocsp"), ca.url("/crl"), null));
            List<X509Certificate> chain = List.of(leaf, pki.intermediate);
            ChecksTestData.issue(line, domains, chain);
            String token = ChecksTestData.token(line);
            ChecksServers.dns().a(host, "127.0.0.1");

            try (JsseTlsServer server = new JsseTlsServer(chain, key.getPrivate())) {
                String installation = JSON.writeValueAsString(Map.of("host", host, "port", server.port()));
                Callable<Void> check = () -> {
                    String body = post("installation", token, installation);
                    assertTrue(body.contains("\"CHAIN_OK\"") && body.contains("\"TLSv1.3\":true"), body);
                    return null;
                };
                Timed handshake = () -> handshake(pki, host, server.port());
                measure(timed(check), warmUp);
                measure(handshake, warmUp);
                table.row("POST /checks/installation (TLS server on loopback)", measure(timed(check), requests), 0);
                table.row(
                        "baseline: bare TLS handshake (JSSE, TLS 1.3, new connection) to that server",
                        measure(handshake, requests),
                        0);
            }

            String revocation = JSON.writeValueAsString(Map.of("certificatePem", CertificateChain.pem(chain)));
            Callable<Void> check = () -> {
                String body = post("revocation", null, revocation);
                assertTrue(body.contains("\"status\":\"GOOD\"") && body.contains("\"crl\":{"), body);
                return null;
            };
            Callable<Void> ocsp = () -> {
                assertEquals(CertificateStatus.GOOD, ocsp(ca.url("/ocsp"), leaf, pki.intermediate));
                return null;
            };
            Callable<Void> ocspAndCrl = () -> {
                assertEquals(CertificateStatus.GOOD, ocsp(ca.url("/ocsp"), leaf, pki.intermediate));
                assertTrue(!crl(ca.url("/crl"), pki.intermediate).isRevoked(leaf));
                return null;
            };
            measure(timed(check), warmUp);
            measure(timed(ocsp), warmUp);
            measure(timed(ocspAndCrl), warmUp);
            table.row("POST /checks/revocation, pasted PEM (leaf + intermediate)", measure(timed(check), requests), 0);
            table.row(
                    "baseline: bare OCSP request (BouncyCastle, nonce, signature checked)",
                    measure(timed(ocsp), requests),
                    0);
            table.row(
                    "baseline: bare OCSP request, then CRL download + verify", measure(timed(ocspAndCrl), requests), 0);
        }
        table.note("per s = 1 / mean latency (sequential requests). The installation check makes one handshake per"
                + " protocol version (TLS 1.0-1.3, BouncyCastle) plus A and CAA lookups (loopback DNS) and writes an"
                + " audit entry; the revocation check asks OCSP and fetches the CRL.");
        table.note("Baselines open a new connection per request, as the service does (its outbound client has"
                + " keep-alive off); the handshake's client context is made before the clock starts.");
        table.publish();
    }

    /** One operation that times itself (so it can prepare outside the clock); @return nanoseconds */
    @FunctionalInterface
    private interface Timed {
        long run() throws Exception;
    }

    private static Timed timed(Callable<Void> task) {
        return () -> {
            long start = System.nanoTime();
            task.call();
            return System.nanoTime() - start;
        };
    }

    /** Runs {@code task} {@code count} times in a row; @return each run's duration in nanoseconds */
    private static List<Long> measure(Timed task, int count) throws Exception {
        List<Long> latencies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            latencies.add(task.run());
        }
        return latencies;
    }

    private String post(String check, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(checks.resolve(check))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    /** A full handshake (a fresh client context each time, so no session is resumed); @return its nanoseconds */
    private static long handshake(ChecksPki pki, String host, int port) throws Exception {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("root", pki.root);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        long start = System.nanoTime();
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            var parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new javax.net.ssl.SNIHostName(host)));
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            assertEquals("TLSv1.3", socket.getSession().getProtocol());
        }
        return System.nanoTime() - start;
    }

    /** One OCSP request with a nonce, POSTed; the answer parsed and its signature checked with the issuer's key. */
    private CertificateStatus ocsp(String url, X509Certificate leaf, X509Certificate issuer) throws Exception {
        CertificateID id = new CertificateID(
                new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(issuer),
                leaf.getSerialNumber());
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        byte[] request = new OCSPReqBuilder()
                .addRequest(id)
                .setRequestExtensions(new Extensions(new Extension(
                        OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                        false,
                        new DEROctetString(new DEROctetString(nonce)))))
                .build()
                .getEncoded();
        BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(fetch(url, request)).getResponseObject();
        assertTrue(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer.getPublicKey())));
        return basic.getResponses()[0].getCertStatus();
    }

    private X509CRL crl(String url, X509Certificate issuer) throws Exception {
        X509CRL crl = (X509CRL)
                CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(fetch(url, null)));
        crl.verify(issuer.getPublicKey());
        return crl;
    }

    /** GET, or POST of an OCSP request, over a new connection (closed after the answer), like the service's client. */
    private static byte[] fetch(String url, byte[] ocspRequest) throws Exception {
        HttpURLConnection connection =
                (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setConnectTimeout(5000);
        connection.setReadTimeout(5000);
        connection.setRequestProperty("Connection", "close");
        if (ocspRequest != null) {
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/ocsp-request");
            try (var out = connection.getOutputStream()) {
                out.write(ocspRequest);
            }
        }
        assertEquals(200, connection.getResponseCode());
        try (var in = connection.getInputStream()) {
            return in.readAllBytes();
        } finally {
            connection.disconnect();
        }
    }
}
