package com.certtrack.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.ca.support.Acme;
import com.certtrack.ca.support.Api;
import com.certtrack.ca.support.Csrs;
import com.certtrack.ca.support.DcvServers;
import com.certtrack.ca.support.HostileWebServer;
import com.certtrack.ca.support.StandInCaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;

/**
 * An http-01 host cannot hold the CA: an endless chunked body is cut at {@code fetch.max-body-bytes} (8192), a body
 * trickled byte by byte at {@code fetch.deadline} (3 s in tests), and neither is quoted back in the error.
 */
@QuarkusTest
@WithTestResource(StandInCaTestResource.class)
class ChallengeFetchLimitsTest {

    @AfterEach
    void restoreWebServer() {
        DcvServers.web();
    }

    @Test
    void anEndlessChunkedBodyIsCutAtTheCapPromptly() throws Exception {
        try (HostileWebServer host =
                new HostileWebServer(DcvServers.releaseWebPort(), HostileWebServer.Behaviour.ENDLESS_CHUNKED)) {
            Http01Challenge challenge = http01("endless");
            long start = System.nanoTime();
            challenge.trigger();
            long millis = (System.nanoTime() - start) / 1_000_000;
            long written = host.hungUp.get(5, TimeUnit.SECONDS);
            String detail = challenge.getError().orElseThrow().getDetail().orElse("");
            System.out.println("endless chunked body: challenge invalid after " + millis + " ms, the host wrote "
                    + written + " body bytes before the CA closed the connection; detail: " + detail);
            assertEquals(Status.INVALID, challenge.getStatus());
            assertEquals(
                    URI.create("urn:ietf:params:acme:error:connection"),
                    challenge.getError().orElseThrow().getType());
            assertTrue(detail.contains("larger than 8192 bytes"), detail);
            assertFalse(detail.contains("AAAA"), "the body is not quoted: " + detail);
            assertTrue(millis < 2000, "cut after " + millis + " ms, well before the 3 s deadline");
            // The socket buffers hold some of what the host wrote; the CA read no more than its cap past them.
            assertTrue(written < 8L << 20, written + " bytes written");
        }
    }

    @Test
    void aTrickledBodyIsCutAtTheDeadline() throws Exception {
        try (HostileWebServer host =
                new HostileWebServer(DcvServers.releaseWebPort(), HostileWebServer.Behaviour.TRICKLE)) {
            Http01Challenge challenge = http01("trickle");
            long start = System.nanoTime();
            challenge.trigger();
            long millis = (System.nanoTime() - start) / 1_000_000;
            long written = host.hungUp.get(5, TimeUnit.SECONDS);
            String detail = challenge.getError().orElseThrow().getDetail().orElse("");
            System.out.println("trickled body: challenge invalid after " + millis + " ms (deadline 3000 ms), " + written
                    + " bytes trickled; detail: " + detail);
            assertEquals(Status.INVALID, challenge.getStatus());
            assertTrue(detail.contains("did not answer completely within 3000 ms"), detail);
            assertFalse(detail.contains("BBB"), "the body is not quoted: " + detail);
            assertTrue(millis >= 2900 && millis < 4500, "cut after " + millis + " ms");
        }
    }

    /** A new account and order for a fresh name on 127.0.0.1; its http-01 challenge, validated once triggered. */
    private static Http01Challenge http01(String label) throws Exception {
        Acme.Eab eab = Acme.eab();
        Login login = new AccountBuilder()
                .agreeToTermsOfService()
                .withKeyIdentifier(eab.keyId(), eab.hmacKey())
                .useKeyPair(Csrs.p256())
                .createLogin(new Session(URI.create(Acme.directory())));
        String domain = Api.domain(label);
        DcvServers.dns().a(domain, "127.0.0.1");
        return login.getAccount()
                .newOrder()
                .domain(domain)
                .create()
                .getAuthorizations()
                .get(0)
                .findChallenge(Http01Challenge.class)
                .orElseThrow();
    }
}
