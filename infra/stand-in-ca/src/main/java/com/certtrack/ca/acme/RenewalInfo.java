package com.certtrack.ca.acme;

import com.certtrack.ca.hierarchy.CaHierarchy;
import com.certtrack.ca.issuance.LeafCertificate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;

/**
 * ACME Renewal Information (RFC 9773): for a certificate ID {@code base64url(AKI keyIdentifier) "."
 * base64url(serial)}, the window in which to renew: the last third of the validity, or now for a revoked leaf.
 */
@ApplicationScoped
public class RenewalInfo {

    public record Window(Instant start, Instant end) {}

    public record Answer(Window suggestedWindow) {}

    /** Clients ask again after this long (RFC 9773 §4.3: Retry-After). */
    public static final Duration RETRY_AFTER = Duration.ofHours(6);

    private final CaHierarchy hierarchy;

    public RenewalInfo(CaHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    @Transactional
    public Answer window(String certificateId) {
        String[] parts = certificateId.split("\\.");
        byte[] keyIdentifier;
        byte[] serial;
        try {
            if (parts.length != 2) {
                throw new IllegalArgumentException();
            }
            keyIdentifier = Base64.getUrlDecoder().decode(parts[0]);
            serial = Base64.getUrlDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw AcmeProblem.malformed("A certificate ID is base64url(keyIdentifier).base64url(serial).");
        }
        if (serial.length == 0 || !Arrays.equals(keyIdentifier, intermediateKeyIdentifier())) {
            throw new AcmeProblem(404, "malformed", "This CA did not issue that certificate.");
        }
        LeafCertificate leaf = LeafCertificate.bySerial(new BigInteger(serial).toString(16))
                .orElseThrow(() -> new AcmeProblem(404, "malformed", "This CA did not issue that certificate."));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        if (leaf.revokedAt != null) {
            return new Answer(new Window(now.minus(Duration.ofHours(1)), now));
        }
        Duration lifetime = Duration.between(leaf.notBefore, leaf.notAfter);
        Instant start =
                leaf.notBefore.plus(lifetime.multipliedBy(2).dividedBy(3)).truncatedTo(ChronoUnit.SECONDS);
        Instant end = leaf.notAfter.minus(lifetime.dividedBy(9)).truncatedTo(ChronoUnit.SECONDS);
        return new Answer(new Window(start, end));
    }

    private byte[] intermediateKeyIdentifier() {
        byte[] extension = hierarchy.current().intermediate().getExtensionValue("2.5.29.14");
        return SubjectKeyIdentifier.getInstance(
                        ASN1OctetString.getInstance(extension).getOctets())
                .getKeyIdentifier();
    }
}
