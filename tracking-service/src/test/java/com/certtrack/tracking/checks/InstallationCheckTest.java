package com.certtrack.tracking.checks;

import static com.certtrack.tracking.checks.ChecksTestData.pending;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.DomainValidation;
import com.certtrack.contracts.Product;
import com.certtrack.testsupport.CertTrackTestResource;
import com.certtrack.testsupport.TestInfrastructure;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.DClass;

/** The installation check against loopback TLS servers that serve good and bad installations. */
@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
@WithTestResource(ChecksTestResource.class)
class InstallationCheckTest {

    private final List<AutoCloseable> servers = new ArrayList<>();

    @Test
    void eachInstallationProblemIsFoundFromTheServedHandshake() throws Exception {
        ChecksPki pki = new ChecksPki();
        RevocationServer ca = new RevocationServer(pki);
        servers.add(ca);
        var line = ChecksTestData.newLine();
        String b = line.base();
        List<String> names = List.of("shop." + b, "www." + b, "api." + b, "*.w." + b);
        List<DomainValidation> domains = names.stream()
                .map(n -> pending(n, DcvMethod.DNS_TXT, "_dnsauth." + n.replace("*.", ""), "t"))
                .toList();
        ChecksTestData.submit(line, Product.DV_MULTI, domains);
        KeyPair key = ChecksPki.ec();
        ChecksPki.Urls urls = new ChecksPki.Urls(ca.url("/ocsp"), ca.url("/crl"), null);
        X509Certificate leaf = pki.leaf(key.getPublic(), names, urls);
        ChecksTestData.issue(line, domains, List.of(leaf, pki.intermediate));
        String token = ChecksTestData.token(line);

        var dns = ChecksServers.dns();
        for (String host : List.of("shop.", "www.", "api.", "a.w.")) {
            dns.a(host + b, "127.0.0.1");
        }
        dns.add(new CAARecord(LoopbackName.of("www." + b), DClass.IN, 60, 0, "issue", "ca.certtrack.example"));
        dns.add(new CAARecord(LoopbackName.of("w." + b), DClass.IN, 60, 0, "issuewild", "other-ca.example"));
        dns.add(new CAARecord(LoopbackName.of("api." + b), DClass.IN, 60, 128, "tbs", "unknown"));

        // A good installation.
        int good = jsse(List.of(leaf, pki.intermediate), key);
        check(token, "shop." + b, good)
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("host", equalTo("shop." + b))
                .body("port", equalTo(good))
                .body("address", equalTo("127.0.0.1"))
                .body("protocols.'TLSv1'", equalTo(false))
                .body("protocols.'TLSv1.1'", equalTo(false))
                .body("protocols.'TLSv1.2'", equalTo(true))
                .body("protocols.'TLSv1.3'", equalTo(true))
                .body("servedChain", hasSize(2))
                .body(
                        "servedChain[0].serialNumber",
                        equalTo(leaf.getSerialNumber().toString(16)))
                .body("servedChain[1].subject", containsString("Checks Test Issuing CA"))
                .body(
                        "servedChain[0].notAfter",
                        equalTo(leaf.getNotAfter().toInstant().toString()))
                .body("daysToExpiry", greaterThan(190))
                .body(
                        "findings.code",
                        equalTo(List.of(
                                "CHAIN_OK",
                                "LEAF_CURRENT",
                                "EXPIRY_OK",
                                "HOSTNAME_OK",
                                "KEY_OK",
                                "SIGNATURE_OK",
                                "TLS_PROTOCOLS_OK",
                                "OCSP_STAPLING_MISSING",
                                "CAA_NONE")))
                .body("findings.find { it.code == 'OCSP_STAPLING_MISSING' }.severity", equalTo("WARNING"))
                .body("findings.find { it.code == 'OCSP_STAPLING_MISSING' }.fix", containsString("ssl_stapling on"))
                .body("findings.find { it.code == 'CHAIN_OK' }.severity", equalTo("OK"));

        // Chain problems; CAA allows our CA on www.
        codes(token, "www." + b, jsse(List.of(leaf), key))
                .body("findings.code", hasItems("CHAIN_INCOMPLETE", "CAA_ALLOWS"))
                .body("findings.find { it.code == 'CHAIN_INCOMPLETE' }.fix", containsString("chain"));
        codes(token, "shop." + b, jsse(List.of(leaf, pki.root, pki.intermediate), key))
                .body("findings.code", hasItem("CHAIN_WRONG_ORDER"))
                .body("findings.code", not(hasItem("CHAIN_OK")));
        X509Certificate stranger = ChecksPki.selfSigned(ChecksPki.ec(), "stranger.example");
        codes(token, "shop." + b, jsse(List.of(leaf, pki.intermediate, stranger), key))
                .body("findings.code", hasItem("CHAIN_EXTRA_CERTIFICATE"))
                .body(
                        "findings.find { it.code == 'CHAIN_EXTRA_CERTIFICATE' }.message",
                        containsString("stranger.example"));
        KeyPair selfKey = ChecksPki.ec();
        codes(token, "shop." + b, jsse(List.of(ChecksPki.selfSigned(selfKey, "shop." + b)), selfKey))
                .body("findings.code", hasItems("CHAIN_UNTRUSTED", "LEAF_OTHER"));

        // The wrong certificate: an older one of this line, another one, one about to expire, one not yet valid.
        KeyPair oldKey = ChecksPki.ec();
        X509Certificate old = pki.leaf(
                oldKey.getPublic(),
                names,
                Instant.now().minus(300, ChronoUnit.DAYS),
                Instant.now().minus(1, ChronoUnit.DAYS),
                "SHA256withECDSA",
                urls);
        codes(token, "shop." + b, jsse(List.of(old, pki.intermediate), oldKey))
                .body("findings.code", hasItems("CERTIFICATE_EXPIRED", "LEAF_OLDER"));
        KeyPair otherKey = ChecksPki.ec();
        X509Certificate other = pki.leaf(otherKey.getPublic(), List.of("other.example"), urls);
        codes(token, "api." + b, jsse(List.of(other, pki.intermediate), otherKey))
                .body("findings.code", hasItems("HOSTNAME_MISMATCH", "LEAF_OTHER", "CAA_UNKNOWN_CRITICAL"))
                .body("findings.find { it.code == 'HOSTNAME_MISMATCH' }.message", containsString("other.example"));
        X509Certificate soon = pki.leaf(
                otherKey.getPublic(),
                names,
                Instant.now().minus(190, ChronoUnit.DAYS),
                Instant.now().plus(10, ChronoUnit.DAYS),
                "SHA256withECDSA",
                urls);
        codes(token, "shop." + b, jsse(List.of(soon, pki.intermediate), otherKey))
                .body("findings.code", hasItem("CERTIFICATE_EXPIRES_SOON"))
                .body("daysToExpiry", equalTo(9));
        X509Certificate future = pki.leaf(
                otherKey.getPublic(),
                names,
                Instant.now().plus(2, ChronoUnit.DAYS),
                Instant.now().plus(200, ChronoUnit.DAYS),
                "SHA256withECDSA",
                urls);
        codes(token, "shop." + b, jsse(List.of(future, pki.intermediate), otherKey))
                .body("findings.code", hasItem("CERTIFICATE_NOT_YET_VALID"));

        // An old server: TLS 1.0/1.1 only, RSA 1024, SHA-1 signature, but it staples; CAA forbids wildcards.
        KeyPair weakKey = ChecksPki.rsa(1024);
        X509Certificate weak = pki.leaf(
                weakKey.getPublic(),
                List.of("*.w." + b),
                Instant.now().minus(1, ChronoUnit.DAYS),
                Instant.now().plus(100, ChronoUnit.DAYS),
                "SHA1withECDSA",
                urls);
        LegacyTlsServer legacy = new LegacyTlsServer(
                List.of(weak, pki.intermediate), weakKey.getPrivate(), ca.staple(weak.getSerialNumber()));
        servers.add(legacy);
        check(token, "A.w." + b, legacy.port())
                .statusCode(200)
                .body("host", equalTo("a.w." + b))
                .body("protocols.'TLSv1'", equalTo(true))
                .body("protocols.'TLSv1.1'", equalTo(true))
                .body("protocols.'TLSv1.2'", equalTo(false))
                .body("protocols.'TLSv1.3'", equalTo(false))
                .body("ocspStapled", equalTo(true))
                .body(
                        "findings.code",
                        hasItems(
                                "TLS_LEGACY_PROTOCOL",
                                "TLS_NO_MODERN_PROTOCOL",
                                "WEAK_KEY",
                                "WEAK_SIGNATURE",
                                "OCSP_STAPLED",
                                "CAA_FORBIDS",
                                "HOSTNAME_OK"))
                .body(
                        "findings.find { it.code == 'CAA_FORBIDS' }.fix",
                        containsString("w." + b + ". CAA 0 issuewild \"ca.certtrack.example\""))
                .body("findings.find { it.code == 'WEAK_KEY' }.message", containsString("RSA 1024"));

        // Nothing there, not TLS, no address.
        check(token, "shop." + b, TestInfrastructure.freePort())
                .statusCode(200)
                .body("findings.code", hasItems("HOST_UNREACHABLE", "CAA_NONE"))
                .body("servedChain", hasSize(0));
        int plainHttp = ConfigProvider.getConfig().getValue("certtrack.tracking.checks.http-port", Integer.class);
        ChecksServers.web();
        codes(token, "shop." + b, plainHttp).body("findings.code", hasItem("TLS_HANDSHAKE_FAILED"));
        codes(token, "b.w." + b, good).body("findings.code", hasItem("HOST_NOT_RESOLVED"));

        // A line without a certificate yet.
        var fresh = ChecksTestData.newLine();
        dns.a("shop." + fresh.base(), "127.0.0.1");
        ChecksTestData.submit(
                fresh,
                Product.DV_SINGLE,
                List.of(pending("shop." + fresh.base(), DcvMethod.DNS_TXT, "_dnsauth.shop." + fresh.base(), "t")));
        codes(ChecksTestData.token(fresh), "shop." + fresh.base(), good)
                .body("findings.code", hasItems("LEAF_NOT_ISSUED", "HOSTNAME_MISMATCH"));

        // Bad input.
        for (String host : List.of("evil.example", "x.y.w." + b, "w." + b, "bad host!", "")) {
            check(token, host, good)
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("host"));
        }
        for (int port : List.of(0, 70000, -1)) {
            check(token, "shop." + b, port)
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("port"));
        }
        given().contentType(ContentType.JSON)
                .body(Map.of("host", "shop." + b))
                .post("/api/tracking/checks/installation")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"host\":\"shop." + b + "\",\"port\":\"x\"}")
                .post("/api/tracking/checks/installation")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");

        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    @Test
    void anEarlierCertificateOfTheLineIsKnownFromItsLineage() throws Exception {
        ChecksPki pki = new ChecksPki();
        var line = ChecksTestData.newLine();
        String host = "shop." + line.base();
        List<DomainValidation> domains = List.of(pending(host, DcvMethod.DNS_TXT, "_dnsauth." + host, "t"));
        ChecksTestData.submit(line, Product.DV_SINGLE, domains);
        ChecksPki.Urls urls = ChecksPki.Urls.NONE;
        // The first certificate starts later than its replacement: only the lineage, not the dates, says it is older.
        KeyPair firstKey = ChecksPki.ec();
        X509Certificate first = pki.leaf(
                firstKey.getPublic(),
                List.of(host),
                Instant.now().minus(1, ChronoUnit.HOURS),
                Instant.now().plus(100, ChronoUnit.DAYS),
                "SHA256withECDSA",
                urls);
        ChecksTestData.issue(line, domains, List.of(first, pki.intermediate));
        X509Certificate second = pki.leaf(
                ChecksPki.ec().getPublic(),
                List.of(host),
                Instant.now().minus(2, ChronoUnit.HOURS),
                Instant.now().plus(200, ChronoUnit.DAYS),
                "SHA256withECDSA",
                urls);
        ChecksTestData.issue(line, domains, List.of(second, pki.intermediate));
        ChecksServers.dns().a(host, "127.0.0.1");

        codes(ChecksTestData.token(line), host, jsse(List.of(first, pki.intermediate), firstKey))
                .body("findings.code", hasItem("LEAF_OLDER"))
                .body(
                        "findings.find { it.code == 'LEAF_OLDER' }.message",
                        containsString("earlier certificate of this order"));
    }

    private int jsse(List<X509Certificate> chain, KeyPair key) throws Exception {
        JsseTlsServer server = new JsseTlsServer(chain, key.getPrivate());
        servers.add(server);
        return server.port();
    }

    private static ValidatableResponse check(String token, String host, int port) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("host", host, "port", port))
                .post("/api/tracking/checks/installation")
                .then();
    }

    private static ValidatableResponse codes(String token, String host, int port) {
        return check(token, host, port).statusCode(200);
    }

    /** DNS names for records the test adds. */
    static final class LoopbackName {
        static org.xbill.DNS.Name of(String name) throws Exception {
            return com.certtrack.testsupport.LoopbackDnsServer.name(name);
        }
    }
}
