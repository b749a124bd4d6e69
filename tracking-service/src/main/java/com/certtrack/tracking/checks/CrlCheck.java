package com.certtrack.tracking.checks;

import com.certtrack.tracking.outbound.OutboundHttp;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.security.cert.CRLReason;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/** Downloads the certificate's CRL, checks that its issuer signed it and that it is current, and looks up the serial. */
@ApplicationScoped
public class CrlCheck {

    private final OutboundHttp http;

    public CrlCheck(OutboundHttp http) {
        this.http = http;
    }

    public RevocationSource check(X509Certificate leaf, X509Certificate issuer, Instant deadline) {
        List<String> urls = CertificateFacts.crlUrls(leaf).stream()
                .filter(u -> u.startsWith("http://") || u.startsWith("https://"))
                .toList();
        if (urls.isEmpty()) {
            return RevocationSource.unknown(
                    null,
                    "NO_URL",
                    "The certificate names no CRL Distribution Point, so "
                            + "there is no revocation list to look it up in.");
        }
        String url = urls.get(0);
        if (issuer == null) {
            return OcspCheck.issuerMissing(url);
        }
        X509CRL crl;
        try {
            OutboundHttp.Answer answer = http.request(HttpMethod.GET, url, null, null, deadline);
            if (answer.status() != 200) {
                return RevocationSource.unknown(
                        url,
                        "RESPONDER_ERROR",
                        "The CRL at " + url + " answered HTTP " + answer.status() + " instead of the list.");
            }
            crl = (X509CRL)
                    CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(answer.body()));
        } catch (OutboundHttp.Failure failure) {
            return RevocationSource.fetchFailed("CRL server", url, failure);
        } catch (Exception e) {
            return RevocationSource.unknown(
                    url, "MALFORMED_RESPONSE", "What " + url + " serves is not a readable CRL.");
        }
        if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal()) || !signedBy(crl, issuer)) {
            return RevocationSource.unknown(
                    url,
                    "SIGNATURE_INVALID",
                    "The CRL at " + url + " is not signed by the "
                            + "certificate's issuer, so it cannot be trusted and was ignored.");
        }
        Instant thisUpdate = crl.getThisUpdate().toInstant();
        Instant nextUpdate =
                crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant();
        if (nextUpdate != null && nextUpdate.isBefore(Instant.now())) {
            return new RevocationSource(
                    url,
                    RevocationStatus.UNKNOWN,
                    thisUpdate,
                    nextUpdate,
                    null,
                    null,
                    "STALE",
                    "The CRL at " + url + " was due to be replaced on " + nextUpdate + ", which has passed: the CA "
                            + "has not published a current list, so it cannot be relied on.");
        }
        X509CRLEntry entry = crl.getRevokedCertificate(leaf.getSerialNumber());
        if (entry == null) {
            return new RevocationSource(
                    url,
                    RevocationStatus.GOOD,
                    thisUpdate,
                    nextUpdate,
                    null,
                    null,
                    null,
                    "The serial number is not on the CA's current revocation list.");
        }
        CRLReason reason = entry.getRevocationReason();
        String name = RevocationSource.reasonName(reason == null ? 0 : reason.ordinal());
        return new RevocationSource(
                url,
                RevocationStatus.REVOKED,
                thisUpdate,
                nextUpdate,
                entry.getRevocationDate().toInstant(),
                name,
                null,
                "The CA's revocation list says the certificate was revoked on "
                        + entry.getRevocationDate().toInstant() + " (" + name + ").");
    }

    private static boolean signedBy(X509CRL crl, X509Certificate issuer) {
        try {
            crl.verify(issuer.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
