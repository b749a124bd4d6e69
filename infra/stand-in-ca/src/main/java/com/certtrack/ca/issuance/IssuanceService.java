package com.certtrack.ca.issuance;

import com.certtrack.ca.crypto.Pem;
import com.certtrack.ca.hierarchy.CaHierarchy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;

/** Checks CSRs and signs leaves with the current intermediate, recording every certificate it signs. */
@ApplicationScoped
public class IssuanceService {

    private final CaHierarchy hierarchy;
    private final CsrValidator validator = new CsrValidator();
    private final WeakKeyBlocklist weakKeys;
    private volatile LeafCertificateBuilder builder;

    public IssuanceService(CaHierarchy hierarchy, WeakKeyBlocklist weakKeys) {
        this.hierarchy = hierarchy;
        this.weakKeys = weakKeys;
    }

    /** A CSR check including the CA's memory of compromised keys and the blocklist of weak (Debian) keys. */
    @Transactional(Transactional.TxType.MANDATORY)
    public CheckedCsr check(String pem, Collection<String> orderDomains) throws CsrRejectedException {
        CheckedCsr csr = validator.check(pem, orderDomains);
        if (CompromisedKey.isCompromised(csr.publicKeySha256())) {
            throw new CsrRejectedException("The CSR's key was reported compromised; generate a new key.");
        }
        if (rsaModulus(csr).map(weakKeys::isBlocked).orElse(false)) {
            throw new CsrRejectedException("The CSR's RSA key is a known weak key (Debian OpenSSL, CVE-2008-0166): "
                    + "its private key is public; generate a new key with a current OpenSSL.");
        }
        return csr;
    }

    private static Optional<BigInteger> rsaModulus(CheckedCsr csr) {
        if (!PKCSObjectIdentifiers.rsaEncryption.equals(
                csr.publicKey().getAlgorithm().getAlgorithm())) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    RSAPublicKey.getInstance(csr.publicKey().parsePublicKey()).getModulus());
        } catch (IOException e) {
            return Optional.empty(); // the validator already parsed it
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public LeafCertificate issue(UUID orderId, CheckedCsr csr, LeafCertificateBuilder.LeafSpec spec) {
        return record(orderId, null, csr, spec);
    }

    /** A leaf for an ACME order (RFC 8555 finalize). */
    @Transactional(Transactional.TxType.MANDATORY)
    public LeafCertificate issueForAcme(UUID acmeOrderId, CheckedCsr csr, LeafCertificateBuilder.LeafSpec spec) {
        return record(null, acmeOrderId, csr, spec);
    }

    private LeafCertificate record(
            UUID orderId, UUID acmeOrderId, CheckedCsr csr, LeafCertificateBuilder.LeafSpec spec) {
        X509Certificate certificate = builder().issue(spec);
        LeafCertificate row = new LeafCertificate();
        row.id = UUID.randomUUID();
        row.orderId = orderId;
        row.acmeOrderId = acmeOrderId;
        row.serialNumber = certificate.getSerialNumber().toString(16);
        row.der = Pem.der(certificate);
        row.sha256Fingerprint = Pem.sha256Hex(row.der);
        row.publicKeySha256 = csr.publicKeySha256();
        row.notBefore = certificate.getNotBefore().toInstant();
        row.notAfter = certificate.getNotAfter().toInstant();
        row.createdAt = Instant.now();
        row.persist();
        return row;
    }

    /** Leaf PEM alone, or leaf then intermediate. */
    public String pem(LeafCertificate certificate, boolean withChain) {
        String leaf = Pem.of(Pem.certificate(certificate.der));
        return withChain ? leaf + Pem.of(hierarchy.current().intermediate()) : leaf;
    }

    private LeafCertificateBuilder builder() {
        LeafCertificateBuilder current = builder;
        if (current == null) {
            current = new LeafCertificateBuilder(hierarchy.current(), hierarchy.urls());
            builder = current;
        }
        return current;
    }
}
