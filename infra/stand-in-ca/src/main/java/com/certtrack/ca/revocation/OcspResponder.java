package com.certtrack.ca.revocation;

import com.certtrack.ca.crypto.SignatureAlgorithms;
import com.certtrack.ca.hierarchy.CaHierarchy;
import com.certtrack.ca.hierarchy.IssuingCa;
import com.certtrack.ca.issuance.LeafCertificate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * RFC 6960 responder for the intermediate's leaves: a BasicOCSPResponse signed by the intermediate itself, read from
 * the database on every request, so a revocation shows at once.
 */
@ApplicationScoped
public class OcspResponder {

    /** A DER OCSPResponse and whether the request was well-formed. */
    public record Answer(byte[] der, boolean malformed) {}

    private static final Duration VALIDITY = Duration.ofHours(1);

    private final CaHierarchy hierarchy;

    public OcspResponder(CaHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    @Transactional
    public Answer respond(byte[] request) {
        OCSPReq ocspRequest;
        try {
            ocspRequest = new OCSPReq(request);
            if (ocspRequest.getRequestList().length == 0) {
                return new Answer(error(OCSPRespBuilder.MALFORMED_REQUEST), true);
            }
        } catch (IOException | RuntimeException e) {
            return new Answer(error(OCSPRespBuilder.MALFORMED_REQUEST), true);
        }
        try {
            IssuingCa ca = hierarchy.current();
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
            X509CertificateHolder issuer = new JcaX509CertificateHolder(ca.intermediate());
            JcaBasicOCSPRespBuilder builder =
                    new JcaBasicOCSPRespBuilder(ca.intermediate().getPublicKey(), digests.get(RespID.HASH_SHA1));
            Instant now = Instant.now();
            for (Req single : ocspRequest.getRequestList()) {
                CertificateID id = single.getCertID();
                if (!id.matchesIssuer(issuer, digests)) {
                    return new Answer(error(OCSPRespBuilder.UNAUTHORIZED), false);
                }
                builder.addResponse(id, status(id), Date.from(now), Date.from(now.plus(VALIDITY)), null);
            }
            Extension nonce = ocspRequest.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (nonce != null) {
                builder.setResponseExtensions(new Extensions(nonce));
            }
            BasicOCSPResp basic = builder.build(SignatureAlgorithms.signer(ca.intermediateKey()), null, Date.from(now));
            return new Answer(
                    new OCSPRespBuilder()
                            .build(OCSPRespBuilder.SUCCESSFUL, basic)
                            .getEncoded(),
                    false);
        } catch (Exception e) {
            throw new IllegalStateException("OCSP signing failed", e);
        }
    }

    private static CertificateStatus status(CertificateID id) {
        Optional<LeafCertificate> certificate =
                LeafCertificate.bySerial(id.getSerialNumber().toString(16));
        if (certificate.isEmpty()) {
            return new UnknownStatus();
        }
        LeafCertificate leaf = certificate.get();
        if (leaf.revokedAt == null) {
            return CertificateStatus.GOOD;
        }
        return new RevokedStatus(Date.from(leaf.revokedAt), leaf.revocationReason);
    }

    private static byte[] error(int status) {
        try {
            return new OCSPRespBuilder().build(status, null).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
