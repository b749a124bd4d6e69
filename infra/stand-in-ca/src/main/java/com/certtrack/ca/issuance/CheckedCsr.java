package com.certtrack.ca.issuance;

import java.util.List;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** A CSR that passed every check: its public key, the DNS names it asked for, and the key's fingerprint. */
public record CheckedCsr(
        String pem,
        SubjectPublicKeyInfo publicKey,
        List<String> requestedNames,
        String keyDescription,
        String publicKeySha256) {}
