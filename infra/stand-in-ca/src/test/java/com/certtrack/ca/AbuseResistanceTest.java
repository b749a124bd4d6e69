package com.certtrack.ca;

import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.ca.support.Acme;
import com.certtrack.ca.support.Api;
import com.certtrack.ca.support.Certs;
import com.certtrack.ca.support.Csrs;
import com.certtrack.ca.support.DcvServers;
import com.certtrack.ca.support.StandInCaTestResource;
import com.nimbusds.jose.jwk.ECKey;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.junit.jupiter.api.Test;

/**
 * A nonce flood costs the CA no memory per nonce, the CA keeps answering OCSP right after it, and nonces stay
 * single-use through it.
 */
@QuarkusTest
@WithTestResource(StandInCaTestResource.class)
class AbuseResistanceTest {

    private static final String ERROR = "urn:ietf:params:acme:error:";
    private static final int FLOOD = 200_000;
    private static final int CLIENTS = 8;
    private static final long HEAP_BOUND = 16L << 20;

    @Test
    void aFloodOfNewNonceRequestsLeavesTheHeapBoundedAndOcspAnswering() throws Exception {
        X509Certificate[] issued = issueOne();
        String before = Acme.nonce();
        Certs.ocsp(issued[0], issued[1]);
        long heapBefore = usedHeapAfterGc();

        long start = System.nanoTime();
        int answered = flood();
        double seconds = (System.nanoTime() - start) / 1e9;
        long heapAfter = usedHeapAfterGc();
        long growth = heapAfter - heapBefore;
        System.out.printf(
                "nonce flood: %d HEAD /acme/new-nonce in %.1f s (%.0f/s, %d clients); used heap after GC "
                        + "%d -> %d KiB, growth %d KiB (bound %d KiB)%n",
                answered,
                seconds,
                answered / seconds,
                CLIENTS,
                heapBefore >> 10,
                heapAfter >> 10,
                growth >> 10,
                HEAP_BOUND >> 10);
        assertEquals(FLOOD, answered, "every request answered 200 with a Replay-Nonce");
        assertTrue(growth < HEAP_BOUND, "heap grew by " + (growth >> 10) + " KiB");

        long ocspStart = System.nanoTime();
        assertEquals(
                CertificateStatus.GOOD,
                Certs.ocsp(issued[0], issued[1]).getResponses()[0].getCertStatus());
        long ocspMillis = (System.nanoTime() - ocspStart) / 1_000_000;
        System.out.println("OCSP right after the flood answered in " + ocspMillis + " ms");
        assertTrue(ocspMillis < 2000, "OCSP took " + ocspMillis + " ms");

        // A nonce handed out before the flood still works once, then never again.
        ECKey key = Acme.ecKey();
        String url = Acme.base() + "/new-account";
        Acme.post(url, Acme.jws(key, null, before, url, "{}"))
                .then()
                .statusCode(403)
                .body("type", is(ERROR + "externalAccountRequired"));
        String fresh = Acme.post(url, Acme.jws(key, null, before, url, "{}"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", is(ERROR + "badNonce"))
                .header("Replay-Nonce", notNullValue())
                .extract()
                .header("Replay-Nonce");
        assertNotEquals(before, fresh);
        Acme.post(url, Acme.jws(key, null, fresh, url, "{}"))
                .then()
                .statusCode(403)
                .body("type", is(ERROR + "externalAccountRequired"));
    }

    @Test
    void unknownAndTamperedNoncesAreBadNonceWithAFreshOne() {
        ECKey key = Acme.ecKey();
        String url = Acme.base() + "/new-account";
        String nonce = Acme.nonce();
        String tampered = (nonce.charAt(0) == 'A' ? 'B' : 'A') + nonce.substring(1);
        for (String bad : List.of(tampered, "not-a-nonce", "x".repeat(5000))) {
            Acme.post(url, Acme.jws(key, null, bad, url, "{}"))
                    .then()
                    .statusCode(400)
                    .body("type", is(ERROR + "badNonce"))
                    .header("Replay-Nonce", notNullValue());
        }
        Acme.post(url, Acme.jws(key, null, nonce, url, "{}"))
                .then()
                .statusCode(403)
                .body("type", is(ERROR + "externalAccountRequired"));
    }

    /** HEAD /acme/new-nonce from {@link #CLIENTS} keep-alive clients in parallel; counts the good answers. */
    private static int flood() throws Exception {
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest head = HttpRequest.newBuilder(URI.create(Acme.base() + "/new-nonce"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30))
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<Integer>> parts = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                parts.add(pool.submit(() -> {
                    int good = 0;
                    for (int i = 0; i < FLOOD / CLIENTS; i++) {
                        HttpResponse<Void> response = client.send(head, HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() == 200
                                && response.headers().firstValue("Replay-Nonce").isPresent()) {
                            good++;
                        }
                    }
                    return good;
                }));
            }
            int good = 0;
            for (Future<Integer> part : parts) {
                good += part.get();
            }
            return good;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The CA runs in this JVM: its heap is this heap. Several GCs so the figure settles. */
    private static long usedHeapAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static X509Certificate[] issueOne() throws Exception {
        String domain = Api.domain("flood-ocsp");
        JsonPath created = Api.create(Api.order("DV_SINGLE", Csrs.csr(Csrs.p256(), domain), domain, "DNS_TXT"));
        DcvServers.dns().txt(created.getString("domains[0].dcvTarget"), created.getString("domains[0].dcvValue"));
        JsonPath order = Api.api()
                .post("/api/v1/orders/" + created.getString("orderId") + "/dcv/check")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("ISSUED", order.getString("status"));
        List<X509Certificate> chain = Certs.parse(order.getString("certificate.pemChain"));
        return new X509Certificate[] {chain.get(0), chain.get(1)};
    }
}
