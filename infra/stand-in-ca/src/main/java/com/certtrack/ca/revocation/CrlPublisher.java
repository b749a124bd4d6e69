package com.certtrack.ca.revocation;

import com.certtrack.ca.crypto.SignatureAlgorithms;
import com.certtrack.ca.hierarchy.CaHierarchy;
import com.certtrack.ca.hierarchy.IssuingCa;
import com.certtrack.ca.issuance.LeafCertificate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;

/** Builds CRLs on request from the database, so a revocation is listed at once. */
@ApplicationScoped
public class CrlPublisher {

    private static final Duration NEXT_UPDATE = Duration.ofDays(1);

    private final CaHierarchy hierarchy;
    private final EntityManager entityManager;

    public CrlPublisher(CaHierarchy hierarchy, EntityManager entityManager) {
        this.hierarchy = hierarchy;
        this.entityManager = entityManager;
    }

    @Transactional
    public byte[] intermediateCrl() {
        IssuingCa ca = hierarchy.current();
        return build(ca.intermediate(), ca.intermediateKey(), LeafCertificate.revoked());
    }

    /** The root has issued one intermediate and never revoked it: its CRL is empty but fresh. */
    @Transactional
    public byte[] rootCrl() {
        IssuingCa ca = hierarchy.current();
        return build(ca.root(), ca.rootKey(), List.of());
    }

    private byte[] build(X509Certificate issuer, PrivateKey key, List<LeafCertificate> revoked) {
        Instant now = Instant.now();
        try {
            X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(issuer.getSubjectX500Principal(), Date.from(now));
            builder.setNextUpdate(Date.from(now.plus(NEXT_UPDATE)));
            for (LeafCertificate certificate : revoked) {
                // Reason 0 (unspecified) is left out of the entry, as BR 7.2.2 asks.
                builder.addCRLEntry(
                        new BigInteger(certificate.serialNumber, 16),
                        Date.from(certificate.revokedAt),
                        certificate.revocationReason == null ? 0 : certificate.revocationReason);
            }
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(nextCrlNumber()));
            builder.addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer));
            return builder.build(SignatureAlgorithms.signer(key)).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("CRL signing failed", e);
        }
    }

    private BigInteger nextCrlNumber() {
        Number next = (Number)
                entityManager.createNativeQuery("SELECT nextval('crl_number')").getSingleResult();
        return BigInteger.valueOf(next.longValue());
    }
}
