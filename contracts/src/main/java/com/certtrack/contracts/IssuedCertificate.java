package com.certtrack.contracts;

import java.time.Instant;

/** A certificate the CA issued: leaf first in {@code pemChain}, then the intermediates. */
public record IssuedCertificate(
        String serialNumber, String sha256Fingerprint, Instant notBefore, Instant notAfter, String pemChain) {}
