package com.certtrack.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.ca.support.Acme;
import com.certtrack.ca.support.Api;
import com.certtrack.ca.support.Certs;
import com.certtrack.ca.support.DcvServers;
import com.certtrack.ca.support.DebianTool;
import com.certtrack.ca.support.StandInCaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real ACME clients from Debian, certbot and lego, get certificates from the stand-in CA with EAB credentials
 * from {@code POST /api/v1/acme-accounts}: http-01 answered by the client's own standalone server on the CA's
 * HTTP check port, the test domain resolving to 127.0.0.1 through the CA's (loopback) resolver.
 */
@QuarkusTest
@WithTestResource(StandInCaTestResource.class)
class AcmeClientsTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @AfterEach
    void restoreWebServer() {
        DcvServers.web();
    }

    @Test
    void certbotGetsACertificateWithEab(@TempDir Path dir) throws Exception {
        DebianTool.require("certbot", "certbot");
        Acme.Eab eab = Acme.eab();
        String domain = Api.domain("certbot");
        DcvServers.dns().a(domain, "127.0.0.1");
        int port = DcvServers.releaseWebPort();
        DebianTool.Result result = DebianTool.run(
                List.of(
                        "certbot",
                        "certonly",
                        "--non-interactive",
                        "--agree-tos",
                        "--register-unsafely-without-email",
                        "--server",
                        Acme.directory(),
                        // "=" because a base64url key may start with "-".
                        "--eab-kid=" + eab.keyId(),
                        "--eab-hmac-key=" + eab.hmacKey(),
                        "--standalone",
                        "--http-01-port",
                        Integer.toString(port),
                        "--http-01-address",
                        "127.0.0.1",
                        "-d",
                        domain,
                        "--config-dir",
                        dir.resolve("config").toString(),
                        "--work-dir",
                        dir.resolve("work").toString(),
                        "--logs-dir",
                        dir.resolve("logs").toString()),
                Map.of(),
                TIMEOUT);
        assertEquals(0, result.exitCode(), result.output());
        verifies(Files.readString(dir.resolve("config/live/" + domain + "/fullchain.pem")), domain);
    }

    @Test
    void legoGetsACertificateWithEab(@TempDir Path dir) throws Exception {
        DebianTool.require("lego", "lego");
        Acme.Eab eab = Acme.eab();
        String domain = Api.domain("lego");
        DcvServers.dns().a(domain, "127.0.0.1");
        int port = DcvServers.releaseWebPort();
        DebianTool.Result result = DebianTool.run(
                List.of(
                        "lego",
                        "--path",
                        dir.toString(),
                        "--server",
                        Acme.directory(),
                        "--accept-tos",
                        "--email",
                        "ops@example.test",
                        "--eab",
                        "--kid=" + eab.keyId(),
                        "--hmac=" + eab.hmacKey(),
                        "--domains",
                        domain,
                        "--http",
                        "--http.port",
                        "127.0.0.1:" + port,
                        "run"),
                Map.of(),
                TIMEOUT);
        assertEquals(0, result.exitCode(), result.output());
        verifies(Files.readString(dir.resolve("certificates/" + domain + ".crt")), domain);
    }

    private static void verifies(String pemChain, String domain) throws Exception {
        List<X509Certificate> chain = Certs.parse(pemChain);
        assertEquals(2, chain.size(), "leaf and intermediate");
        Certs.validate(chain, Certs.root());
        assertTrue(chain.get(0).getSubjectAlternativeNames().stream().anyMatch(n -> domain.equals(n.get(1))));
    }
}
