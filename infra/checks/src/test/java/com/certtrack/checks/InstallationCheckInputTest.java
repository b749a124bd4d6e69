package com.certtrack.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.checks.outbound.OutboundHttp;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the installation check refuses before it connects anywhere, and the names it accepts. */
class InstallationCheckInputTest {

    private static final Set<String> NAMES = Set.of("www.shop.example", "*.shop.example");
    private static final InstallationCheck.LeafReview NO_REVIEW = leaf -> Finding.ok("LEAF_CURRENT", "test");

    private static LoopbackChecks loopback;
    private static OutboundHttp http;
    private static InstallationCheck check;

    @BeforeAll
    static void start() throws Exception {
        loopback = new LoopbackChecks();
        http = loopback.http(false);
        IssuerCertificates none = new IssuerCertificates() {
            @Override
            public List<java.security.cert.X509Certificate> ourIntermediates() {
                return List.of();
            }

            @Override
            public List<java.security.cert.X509Certificate> trustedRoots() {
                return List.of();
            }
        };
        check = new InstallationCheck(
                http,
                new TlsProbe(Duration.ofSeconds(2)),
                none,
                new CaaCheck(loopback.lookup, "ca.certtrack.example"),
                30);
        loopback.dns.a("www.shop.example", "127.0.0.1");
    }

    @AfterAll
    static void stop() {
        http.close();
        loopback.close();
    }

    @Test
    void badPortsAndHostsNameTheirField() {
        assertEquals("port", refused("www.shop.example", 0).field());
        assertEquals("port", refused("www.shop.example", 65536).field());
        assertEquals("host", refused(" ", null).field());
        assertEquals("host", refused("www.shop.example/path", null).field());
        InvalidInput other = refused("www.other.example", null);
        assertEquals("host", other.field());
        assertTrue(other.getMessage().contains("not one of this order line's domains"), other.getMessage());
        assertEquals("host", refused("a.b.shop.example", null).field(), "a wildcard covers one label only");
    }

    @Test
    void aHostOnAPrivateAddressIsRefusedBeforeAnythingIsSent() {
        AddressRefused refused =
                assertThrows(AddressRefused.class, () -> check.check(NAMES, "WWW.shop.example.", 443, NO_REVIEW));
        assertTrue(refused.getMessage().contains("not a public internet address"), refused.getMessage());
    }

    @Test
    void anExactNameWinsOverAWildcard() {
        assertEquals(
                "www.shop.example",
                DomainNames.covering(List.of("*.shop.example", "www.shop.example"), "www.shop.example")
                        .orElseThrow());
        assertEquals(
                "*.shop.example",
                DomainNames.covering(NAMES, "api.shop.example").orElseThrow());
        assertFalse(DomainNames.covering(NAMES, "shop.example").isPresent());
    }

    private static InvalidInput refused(String host, Integer port) {
        return assertThrows(InvalidInput.class, () -> check.check(NAMES, host, port, NO_REVIEW), host + ":" + port);
    }
}
