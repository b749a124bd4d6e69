package com.certtrack.tracking.checks;

import com.certtrack.checks.CaaCheck;
import com.certtrack.checks.CrlCheck;
import com.certtrack.checks.DcvPreflight;
import com.certtrack.checks.InstallationCheck;
import com.certtrack.checks.IssuerLocator;
import com.certtrack.checks.OcspCheck;
import com.certtrack.checks.RevocationCheck;
import com.certtrack.checks.TlsProbe;
import com.certtrack.checks.outbound.DnsLookup;
import com.certtrack.checks.outbound.OutboundHttp;
import com.certtrack.tracking.ChecksConfig;
import com.certtrack.tracking.TrackingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The checks of the plain-Java checks module, built from {@code certtrack.tracking.checks.*} on this service's
 * outbound layer ({@link ChecksOutbound}) and its known certificates. Each is stateless and shared.
 */
@ApplicationScoped
public class ChecksProducer {

    @Produces
    @Singleton
    DcvPreflight dcvPreflight(DnsLookup dns, OutboundHttp http, TrackingConfig tracking) {
        ChecksConfig config = tracking.checks();
        return new DcvPreflight(dns, http, config.httpPort());
    }

    @Produces
    @Singleton
    CaaCheck caaCheck(DnsLookup dns, TrackingConfig tracking) {
        ChecksConfig config = tracking.checks();
        return new CaaCheck(dns, config.caaIdentifier());
    }

    @Produces
    @Singleton
    InstallationCheck installationCheck(
            OutboundHttp http, KnownCertificates known, CaaCheck caa, TrackingConfig tracking) {
        ChecksConfig config = tracking.checks();
        return new InstallationCheck(http, new TlsProbe(config.timeout()), known, caa, config.expiryWarningDays());
    }

    @Produces
    @Singleton
    RevocationCheck revocationCheck(OutboundHttp http, KnownCertificates known, TrackingConfig tracking) {
        ChecksConfig config = tracking.checks();
        return new RevocationCheck(
                new IssuerLocator(known, http, config.maxIssuerFetches()),
                new OcspCheck(http),
                new CrlCheck(http),
                config.revocationBudget(),
                config.maxIssuerFetches());
    }
}
