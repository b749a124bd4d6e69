package com.certtrack.ca;

import static com.certtrack.ca.support.Api.api;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.ca.issuance.WeakKeyBlocklist;
import com.certtrack.ca.support.Acme;
import com.certtrack.ca.support.Api;
import com.certtrack.ca.support.Csrs;
import com.certtrack.ca.support.DcvServers;
import com.certtrack.ca.support.StandInCaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.exception.AcmeServerException;

/**
 * A key on a configured blocklist (openssl-vulnkey format, as Debian's openssl-blacklist ships them) is refused at
 * order placement and at ACME finalize. The test makes the key and the list before the CA starts.
 */
@QuarkusTest
@WithTestResource(StandInCaTestResource.class)
@TestProfile(WeakKeyBlocklistTest.WithBlocklist.class)
class WeakKeyBlocklistTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    public static class WithBlocklist implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("certtrack.ca.policy.weak-key-blocklists", blocklist().toString());
        }
    }

    @Test
    void aBlocklistedKeyIsRefusedAtOrderPlacement() {
        String domain = Api.domain("debian-weak");
        api().body(Api.order("DV_SINGLE", Csrs.csr(weakKey(), domain), domain, "DNS_TXT"))
                .post("/api/v1/orders")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("csr"))
                .body("errors[0].message", containsString("known weak key (Debian OpenSSL, CVE-2008-0166)"));
        Api.create(Api.order("DV_SINGLE", Csrs.csr(Csrs.rsa(2048), domain), domain, "DNS_TXT"));
    }

    @Test
    void aBlocklistedKeyIsABadCsrAtAcmeFinalize() throws Exception {
        Acme.Eab eab = Acme.eab();
        Login login = new AccountBuilder()
                .agreeToTermsOfService()
                .withKeyIdentifier(eab.keyId(), eab.hmacKey())
                .useKeyPair(Csrs.p256())
                .createLogin(new Session(URI.create(Acme.directory())));
        String domain = Api.domain("acme-debian-weak");
        Order order = login.getAccount().newOrder().domain(domain).create();
        Dns01Challenge challenge = order.getAuthorizations()
                .get(0)
                .findChallenge(Dns01Challenge.class)
                .orElseThrow();
        DcvServers.dns().txt("_acme-challenge." + domain, challenge.getDigest());
        challenge.trigger();
        assertEquals(Status.VALID, challenge.waitForCompletion(WAIT));
        assertEquals(Status.READY, order.waitUntilReady(WAIT));

        AcmeServerException refused = assertThrows(AcmeServerException.class, () -> order.execute(weakKey()));
        assertEquals(URI.create("urn:ietf:params:acme:error:badCSR"), refused.getType());
        assertTrue(refused.getMessage().contains("CVE-2008-0166"), refused.getMessage());
        order.execute(Csrs.rsa(2048));
        assertEquals(Status.VALID, order.waitForCompletion(WAIT));
    }

    /** One directory per test JVM: the profile may be asked for its configuration more than once. */
    private static Path directory() {
        return Path.of(
                        "target",
                        "weak-key-blocklist",
                        Long.toString(ProcessHandle.current().pid()))
                .toAbsolutePath();
    }

    private static synchronized Path blocklist() {
        Path list = directory().resolve("blacklist.RSA-2048");
        try {
            if (!Files.exists(list)) {
                Files.createDirectories(directory());
                KeyPair keys = Csrs.rsa(2048);
                Files.write(directory().resolve("weak.pk8"), keys.getPrivate().getEncoded());
                var modulus = ((java.security.interfaces.RSAPublicKey) keys.getPublic()).getModulus();
                Files.writeString(
                        list, "# generated by WeakKeyBlocklistTest\n" + WeakKeyBlocklist.fingerprint(modulus) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return list;
    }

    private static KeyPair weakKey() {
        try {
            blocklist();
            KeyFactory factory = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) factory.generatePrivate(
                    new PKCS8EncodedKeySpec(Files.readAllBytes(directory().resolve("weak.pk8"))));
            return new KeyPair(
                    factory.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())), key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
