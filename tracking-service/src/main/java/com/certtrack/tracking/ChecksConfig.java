package com.certtrack.tracking;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The customer-run diagnoses (DCV pre-flight, revocation status, installation check), {@code
 * certtrack.tracking.checks.*} of {@link TrackingConfig}.
 */
public interface ChecksConfig {

    /** Resolver for DCV records, CAA and host addresses: {@code host:port} or {@code system}. */
    @WithDefault("system")
    String dnsServer();

    /** Port the CA fetches HTTP_FILE tokens from (80 in production, as the CA's own setting). */
    @WithDefault("80")
    int httpPort();

    /** Connect and read timeout of every outbound call (DNS, HTTP, OCSP, CRL, TLS). */
    @WithDefault("5s")
    Duration timeout();

    /** Largest response body read from a URL (CRLs can be large; anything bigger is refused). */
    @WithDefault("2097152")
    int maxResponseBytes();

    /** caIssuers URLs of one certificate fetched at most per revocation check; the others are reported skipped. */
    @WithDefault("3")
    int maxIssuerFetches();

    /** Every fetch of one revocation check (issuer, OCSP, CRL) ends within this, whatever the URLs do. */
    @WithDefault("10s")
    Duration revocationBudget();

    /** Revocation checks running at once, on threads of their own (not the REST worker pool); more wait... */
    @WithDefault("4")
    int revocationThreads();

    /** ...up to this many; beyond, 503 with Retry-After. */
    @WithDefault("32")
    int revocationQueue();

    /** Our CA's identifier in CAA {@code issue}/{@code issuewild} records. */
    @WithDefault("ca.certtrack.example")
    String caaIdentifier();

    /** A certificate expiring within this many days is a warning. */
    @WithDefault("30")
    int expiryWarningDays();

    /** Checks one client address may run per {@link #budgetPeriod()}: each one connects out to the Internet. */
    @WithDefault("30")
    int budget();

    @WithDefault("10m")
    Duration budgetPeriod();
}
