package com.certtrack.tracking.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.checks.outbound.CheckedResolver;
import com.certtrack.checks.outbound.DnsLookup;
import com.certtrack.support.outbound.AddressPolicy;
import com.certtrack.testsupport.LoopbackDnsServer;
import com.certtrack.testsupport.TestInfrastructure;
import com.certtrack.tracking.WebhookConfig;
import com.certtrack.tracking.pki.CertificateChain;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhook delivery goes through the outbound layer: to the address checked just before the attempt, over TLS
 * verified for the URL's host name, and never to a refused address.
 */
class WebhookHttpClientTest {

    private static Vertx vertx;
    private static LoopbackDnsServer dns;
    private static int dnsPort;
    private static LoopbackWebhookReceiver receiver;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        dnsPort = TestInfrastructure.freePort();
        dns = new LoopbackDnsServer(dnsPort);
        receiver = new LoopbackWebhookReceiver();
        String url = receiver.url("/probe", nth -> 200);
        port = Integer.parseInt(url.replaceAll("^https://127\\.0\\.0\\.1:(\\d+)/.*$", "$1"));
    }

    @AfterAll
    static void stop() {
        receiver.close();
        dns.close();
        vertx.close();
    }

    @Test
    void aRebindingAnswerAfterTheCheckDoesNotMoveTheDelivery() throws Exception {
        // The receiver listens on 127.0.0.1 only, with a certificate for "localhost".
        dns.rebinding("localhost", "127.0.0.1", "127.0.0.2");
        WebhookHttpClient client = client(true);
        String url = "https://localhost:" + port + "/rebind";
        receiver.url("/rebind", nth -> 200);

        WebhookHttpClient.Outcome outcome =
                client.post(url, "msg_1", secret(), "{\"type\":\"ping\"}").join();
        assertEquals(200, outcome.httpStatus(), String.valueOf(outcome.error()));
        assertEquals(1, receiver.at("/rebind").size());
        assertEquals(1, dns.questions("localhost"), "resolved once: the address checked is the one connected to");

        // The name now points elsewhere; the next attempt checks again and goes there (nothing listens).
        outcome = client.post(url, "msg_2", secret(), "{\"type\":\"ping\"}").join();
        assertNull(outcome.httpStatus());
        assertTrue(outcome.error().contains("127.0.0.2"), outcome.error());
        assertEquals(1, receiver.at("/rebind").size());
        client.close();
    }

    @Test
    void aReceiverWhoseNameResolvesToARefusedAddressIsRefusedAtDelivery() throws Exception {
        dns.a("inside.hooks.test", "127.0.0.1");
        WebhookHttpClient client = client(false);
        receiver.url("/inside", nth -> 200);

        WebhookHttpClient.Outcome outcome = client.post(
                        "https://inside.hooks.test:" + port + "/inside", "msg_3", secret(), "{}")
                .join();
        assertNull(outcome.httpStatus());
        assertEquals(
                "URL refused: inside.hooks.test resolves to 127.0.0.1, which is not a public internet address "
                        + "(loopback, private, link-local or reserved): nothing is sent there.",
                outcome.error());
        assertEquals(List.of(), receiver.at("/inside"), "nothing reached the receiver");
        client.close();
    }

    private static WebhookHttpClient client(boolean allowPrivate) {
        CheckedResolver resolver = new CheckedResolver(
                new DnsLookup("127.0.0.1:" + dnsPort, Duration.ofSeconds(2)), new AddressPolicy(allowPrivate));
        return new WebhookHttpClient(vertx, resolver, new WebhookUrlPolicy(resolver), new TestConfig());
    }

    private static String secret() {
        return "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
    }

    /** Defaults of {@link WebhookConfig}, trusting the test CA that signed the receiver's certificate. */
    private static final class TestConfig implements WebhookConfig {
        @Override
        public int maxPerLine() {
            return 5;
        }

        @Override
        public Optional<String> trustBundle() {
            return Optional.of(CertificateChain.pem(List.of(WebhookTestCa.ca().root())));
        }

        @Override
        public Duration connectTimeout() {
            return Duration.ofSeconds(2);
        }

        @Override
        public Duration requestTimeout() {
            return Duration.ofSeconds(4);
        }

        @Override
        public String pollInterval() {
            return "1s";
        }

        @Override
        public int batchSize() {
            return 4;
        }

        @Override
        public Retry retry() {
            return null;
        }
    }
}
