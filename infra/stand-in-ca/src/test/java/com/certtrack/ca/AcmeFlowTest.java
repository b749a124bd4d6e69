package com.certtrack.ca;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.ca.support.Acme;
import com.certtrack.ca.support.Api;
import com.certtrack.ca.support.Certs;
import com.certtrack.ca.support.Csrs;
import com.certtrack.ca.support.DcvServers;
import com.certtrack.ca.support.StandInCaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.RevocationReason;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.exception.AcmeUnauthorizedException;
import org.shredzone.acme4j.util.CSRBuilder;

/** The whole ACME flow with acme4j over HTTP, with EAB, against loopback http-01 and dns-01 responders. */
@QuarkusTest
@WithTestResource(StandInCaTestResource.class)
class AcmeFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void acme4jGetsACertificateThroughHttp01AndDns01RevokesItAndReadsRenewalInfo() throws Exception {
        Acme.Eab eab = Acme.eab();
        Login login = new AccountBuilder()
                .agreeToTermsOfService()
                .addEmail("ops@example.test")
                .withKeyIdentifier(eab.keyId(), eab.hmacKey())
                .useKeyPair(Csrs.p256())
                .createLogin(new Session(URI.create(Acme.directory())));
        String web = Api.domain("acme-http");
        String wildcard = "*." + Api.domain("acme-dns");
        Order order = login.getAccount().newOrder().domains(web, wildcard).create();
        assertEquals(2, order.getAuthorizations().size());
        for (Authorization authorization : order.getAuthorizations()) {
            String name = authorization.getIdentifier().getDomain();
            if (authorization.isWildcard()) {
                assertTrue(authorization.findChallenge(Http01Challenge.TYPE).isEmpty(), "no http-01 for wildcards");
                Dns01Challenge challenge =
                        authorization.findChallenge(Dns01Challenge.class).orElseThrow();
                DcvServers.dns().txt("_acme-challenge." + name, challenge.getDigest());
                challenge.trigger();
                assertEquals(Status.VALID, challenge.waitForCompletion(WAIT));
            } else {
                Http01Challenge challenge =
                        authorization.findChallenge(Http01Challenge.class).orElseThrow();
                DcvServers.dns().a(name, "127.0.0.1");
                DcvServers.web()
                        .publish(
                                name,
                                "/.well-known/acme-challenge/" + challenge.getToken(),
                                challenge.getAuthorization());
                challenge.trigger();
                assertEquals(Status.VALID, challenge.waitForCompletion(WAIT));
            }
        }
        assertEquals(Status.READY, order.waitUntilReady(WAIT));

        KeyPair domainKey = Csrs.p256();
        order.execute(domainKey);
        assertEquals(Status.VALID, order.waitForCompletion(WAIT));
        Certificate certificate = order.getCertificate();
        List<X509Certificate> chain = certificate.getCertificateChain();
        assertEquals(2, chain.size(), "leaf and intermediate");
        Certs.validate(chain, Certs.root());
        X509Certificate leaf = chain.get(0);
        assertEquals(
                Set.of(web, wildcard),
                leaf.getSubjectAlternativeNames().stream()
                        .map(name -> (String) name.get(1))
                        .collect(Collectors.toSet()));
        assertEquals(domainKey.getPublic(), leaf.getPublicKey());
        assertTrue(login.getAccount().getOrders().hasNext(), "the account lists its orders");

        // ARI (RFC 9773): the suggested window lies inside the validity.
        var window = given().get(Acme.base() + "/renewal-info/" + certificateId(leaf))
                .then()
                .statusCode(200)
                .header("Retry-After", "21600")
                .extract()
                .jsonPath();
        var start = java.time.Instant.parse(window.getString("suggestedWindow.start"));
        assertTrue(start.isAfter(leaf.getNotBefore().toInstant())
                && start.isBefore(leaf.getNotAfter().toInstant()));

        certificate.revoke(RevocationReason.SUPERSEDED);
        assertInstanceOf(
                RevokedStatus.class,
                Certs.ocsp(leaf, chain.get(1)).getResponses()[0].getCertStatus());
        AcmeServerException again =
                assertThrows(AcmeServerException.class, () -> certificate.revoke(RevocationReason.SUPERSEDED));
        assertEquals(URI.create("urn:ietf:params:acme:error:alreadyRevoked"), again.getType());
    }

    @Test
    void failedValidationBadCsrKeyRolloverAndDeactivation() throws Exception {
        Acme.Eab eab = Acme.eab();
        Session session = new Session(URI.create(Acme.directory()));
        KeyPair firstKey = Csrs.p256();
        Login login = new AccountBuilder()
                .agreeToTermsOfService()
                .withKeyIdentifier(eab.keyId(), eab.hmacKey())
                .useKeyPair(firstKey)
                .createLogin(session);
        Account account = login.getAccount();

        // A wrong TXT value fails the challenge, the authorization and the order.
        String wrong = Api.domain("acme-wrong");
        Order failing = account.newOrder().domain(wrong).create();
        Dns01Challenge dns = failing.getAuthorizations()
                .get(0)
                .findChallenge(Dns01Challenge.class)
                .orElseThrow();
        DcvServers.dns().txt("_acme-challenge." + wrong, "not-the-digest");
        dns.trigger();
        assertEquals(Status.INVALID, dns.waitForCompletion(WAIT));
        assertEquals(
                URI.create("urn:ietf:params:acme:error:incorrectResponse"),
                dns.getError().orElseThrow().getType());
        failing.fetch();
        assertEquals(Status.INVALID, failing.getStatus());

        // Finalizing before validation is orderNotReady; a CSR for other names is badCSR.
        String name = Api.domain("acme-csr");
        Order order = account.newOrder().domain(name).create();
        CSRBuilder early = new CSRBuilder();
        early.addDomain(name);
        early.sign(Csrs.p256());
        AcmeServerException notReady = assertThrows(AcmeServerException.class, () -> order.execute(early.getEncoded()));
        assertEquals(URI.create("urn:ietf:params:acme:error:orderNotReady"), notReady.getType());
        Dns01Challenge challenge = order.getAuthorizations()
                .get(0)
                .findChallenge(Dns01Challenge.class)
                .orElseThrow();
        DcvServers.dns().txt("_acme-challenge." + name, challenge.getDigest());
        challenge.trigger();
        assertEquals(Status.VALID, challenge.waitForCompletion(WAIT));
        CSRBuilder foreign = new CSRBuilder();
        foreign.addDomains(name, "other.example.test");
        foreign.sign(Csrs.p256());
        AcmeServerException badCsr = assertThrows(AcmeServerException.class, () -> order.execute(foreign.getEncoded()));
        assertEquals(URI.create("urn:ietf:params:acme:error:badCSR"), badCsr.getType());

        // Key rollover: the new key signs from now on, the old one no longer does.
        KeyPair secondKey = Csrs.p256();
        account.changeKey(secondKey);
        Login renewed = session.login(login.getAccount().getLocation(), secondKey);
        renewed.getAccount().fetch();
        assertEquals(Status.VALID, renewed.getAccount().getStatus());
        Login stale = session.login(login.getAccount().getLocation(), firstKey);
        assertThrows(
                AcmeServerException.class,
                () -> stale.getAccount().newOrder().domain(name).create());

        renewed.getAccount().deactivate();
        assertEquals(Status.DEACTIVATED, renewed.getAccount().getStatus());
        assertThrows(
                AcmeUnauthorizedException.class,
                () -> renewed.getAccount().newOrder().domain(name).create());
    }

    /** RFC 9773 §4.1: base64url(AKI keyIdentifier) "." base64url(serial DER content). */
    private static String certificateId(X509Certificate leaf) {
        byte[] aki =
                ASN1OctetString.getInstance(leaf.getExtensionValue("2.5.29.35")).getOctets();
        byte[] keyIdentifier =
                AuthorityKeyIdentifier.getInstance(aki).getKeyIdentifierObject().getOctets();
        byte[] serial =
                new ASN1Integer(leaf.getSerialNumber()).getPositiveValue().toByteArray();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(keyIdentifier) + "." + b64.encodeToString(serial);
    }
}
