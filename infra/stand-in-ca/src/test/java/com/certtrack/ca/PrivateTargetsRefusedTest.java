package com.certtrack.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.ca.dcv.DcvCheckFailed;
import com.certtrack.ca.dcv.HttpFileFetcher;
import com.certtrack.ca.support.Acme;
import com.certtrack.ca.support.Api;
import com.certtrack.ca.support.Csrs;
import com.certtrack.ca.support.DcvServers;
import com.certtrack.ca.support.StandInCaTestResource;
import com.certtrack.testsupport.LoopbackDnsServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;

/**
 * As in production ({@code certtrack.ca.fetch.allow-private-targets=false}): names that resolve to loopback,
 * private or other non-public addresses are not fetched, and the DCV failure says why.
 */
@QuarkusTest
@TestProfile(PrivateTargetsRefusedTest.PrivateTargetsRefused.class)
@WithTestResource(StandInCaTestResource.class)
class PrivateTargetsRefusedTest {

    public static class PrivateTargetsRefused implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("certtrack.ca.fetch.allow-private-targets", "false");
        }
    }

    private static final String REFUSED = "which is not a public internet address";

    @Inject
    HttpFileFetcher fetcher;

    @Test
    void httpFileDomainsOnLoopbackPrivateAndMappedAddressesFailWithTheReason() throws Exception {
        String loopback = Api.domain("to-loopback");
        String ten = Api.domain("to-ten");
        String mapped = Api.domain("to-mapped");
        DcvServers.dns().a(loopback, "127.0.0.1");
        DcvServers.dns().a(ten, "10.0.0.1");
        DcvServers.dns().add(new AAAARecord(LoopbackDnsServer.name(mapped), DClass.IN, 60, v6("::ffff:127.0.0.1")));
        DcvServers.web();
        JsonPath created =
                Api.create(Api.order("DV_MULTI", null, loopback, "HTTP_FILE", ten, "HTTP_FILE", mapped, "HTTP_FILE"));
        for (int i = 0; i < 3; i++) {
            DcvServers.web()
                    .publish(
                            created.getString("domains[" + i + "].name"),
                            URI.create(created.getString("domains[" + i + "].dcvTarget"))
                                    .getPath(),
                            created.getString("domains[" + i + "].dcvValue"));
        }

        long start = System.nanoTime();
        JsonPath checked = Api.api()
                .post("/api/v1/orders/" + created.getString("orderId") + "/dcv/check")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("private targets refused: 3 HTTP_FILE checks answered in " + millis + " ms");
        assertEquals("PENDING_VALIDATION", checked.getString("status"));
        for (int i = 0; i < 3; i++) {
            assertEquals("PENDING", checked.getString("domains[" + i + "].dcvStatus"));
            String instructions = checked.getString("domains[" + i + "].instructions");
            assertTrue(instructions.contains(REFUSED), instructions);
        }
        assertTrue(checked.getString("domains[0].instructions").contains(loopback + " resolves to 127.0.0.1"));
        assertTrue(checked.getString("domains[1].instructions").contains(ten + " resolves to 10.0.0.1"));
        assertTrue(
                DcvServers.web().requests().stream().noneMatch(r -> r.startsWith(loopback) || r.startsWith(mapped)),
                "nothing was fetched: " + DcvServers.web().requests());
        assertTrue(millis < 2000, "no connection was even tried (" + millis + " ms)");
    }

    @Test
    void anHttp01ChallengeOnLoopbackIsAConnectionError() throws Exception {
        Acme.Eab eab = Acme.eab();
        Login login = new AccountBuilder()
                .agreeToTermsOfService()
                .withKeyIdentifier(eab.keyId(), eab.hmacKey())
                .useKeyPair(Csrs.p256())
                .createLogin(new Session(URI.create(Acme.directory())));
        String domain = Api.domain("acme-loopback");
        DcvServers.dns().a(domain, "127.0.0.1");
        Http01Challenge challenge = login.getAccount()
                .newOrder()
                .domain(domain)
                .create()
                .getAuthorizations()
                .get(0)
                .findChallenge(Http01Challenge.class)
                .orElseThrow();
        DcvServers.web()
                .publish(domain, "/.well-known/acme-challenge/" + challenge.getToken(), challenge.getAuthorization());
        challenge.trigger();
        assertEquals(Status.INVALID, challenge.getStatus());
        var error = challenge.getError().orElseThrow();
        assertEquals(URI.create("urn:ietf:params:acme:error:connection"), error.getType());
        assertTrue(
                error.getDetail().orElse("").contains(REFUSED),
                error.getDetail().orElse(""));
    }

    /** Each class of address the policy refuses, straight through the fetcher (IPv6 forms kept as IPv6). */
    @Test
    void theFetcherRefusesEveryNonPublicClassBeforeConnecting() throws Exception {
        List<InetAddress> refused = List.of(
                InetAddress.getByName("127.0.0.1"),
                InetAddress.getByName("10.0.0.1"),
                InetAddress.getByName("192.168.1.1"),
                InetAddress.getByName("169.254.169.254"),
                InetAddress.getByName("100.64.0.1"),
                InetAddress.getByName("224.0.0.1"),
                v6("::1"),
                v6("::ffff:127.0.0.1"),
                v6("::ffff:10.0.0.1"),
                v6("64:ff9b::7f00:1"),
                v6("2002:a00:1::"),
                v6("fe80::1"),
                v6("fd00::1"),
                v6("ff02::1"));
        int port = DcvServers.releaseWebPort();
        try {
            for (InetAddress address : refused) {
                DcvCheckFailed failed = assertThrows(
                        DcvCheckFailed.class,
                        () -> fetcher.fetch("victim.test", address, port, "/x"),
                        address.toString());
                assertTrue(failed.getMessage().contains(REFUSED), failed.getMessage());
            }
        } finally {
            DcvServers.web();
        }
    }

    private static InetAddress v6(String literal) throws Exception {
        byte[] bytes = literal.startsWith("::ffff:")
                ? mapped(literal)
                : InetAddress.getByName(literal).getAddress();
        return Inet6Address.getByAddress(null, bytes, -1);
    }

    /** ::ffff:a.b.c.d as its 16 bytes: InetAddress.getByName folds it to IPv4. */
    private static byte[] mapped(String literal) throws Exception {
        byte[] v4 = InetAddress.getByName(literal.substring(7)).getAddress();
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        System.arraycopy(v4, 0, bytes, 12, 4);
        return bytes;
    }
}
