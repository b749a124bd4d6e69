package com.certtrack.cagateway.ca;

import com.certtrack.contracts.RevocationReason;
import java.time.Instant;

/** One certificate a CA order has had (current or superseded by a reissue), with its revocation state. */
public record CaCertificate(
        String serialNumber, Instant notAfter, boolean current, Instant revokedAt, RevocationReason revocationReason) {}
