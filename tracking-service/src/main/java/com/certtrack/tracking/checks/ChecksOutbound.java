package com.certtrack.tracking.checks;

import com.certtrack.checks.outbound.CheckedResolver;
import com.certtrack.checks.outbound.DnsLookup;
import com.certtrack.checks.outbound.OutboundHttp;
import com.certtrack.support.outbound.AddressPolicy;
import com.certtrack.tracking.ChecksConfig;
import com.certtrack.tracking.OutboundConfig;
import com.certtrack.tracking.TrackingConfig;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The outbound layer as this service wires it: one resolver (the checks' {@code dns-server}), one address policy
 * ({@code certtrack.tracking.outbound.allow-private-addresses}) for checks and webhook delivery alike, and the
 * checks' HTTP client. Webhooks build their own client (own timeouts and trust) on the same resolver. Singletons:
 * the classes come from the plain-Java checks module, so no client proxy is made for them.
 */
@ApplicationScoped
public class ChecksOutbound {

    @Produces
    @Singleton
    DnsLookup dnsLookup(TrackingConfig tracking) {
        ChecksConfig config = tracking.checks();
        try {
            return new DnsLookup(config.dnsServer(), config.timeout());
        } catch (IllegalArgumentException e) {
            // Named by its key, so the operator knows what to fix.
            throw new IllegalStateException("certtrack.tracking.checks.dns-server: " + e.getMessage(), e);
        }
    }

    @Produces
    @Singleton
    AddressPolicy addressPolicy(TrackingConfig tracking) {
        OutboundConfig config = tracking.outbound();
        return new AddressPolicy(config.allowPrivateAddresses());
    }

    @Produces
    @Singleton
    CheckedResolver checkedResolver(DnsLookup dns, AddressPolicy policy) {
        return new CheckedResolver(dns, policy);
    }

    @Produces
    @Singleton
    OutboundHttp outboundHttp(Vertx vertx, CheckedResolver resolver, TrackingConfig tracking) {
        ChecksConfig config = tracking.checks();
        return new OutboundHttp(
                vertx,
                resolver,
                new OutboundHttp.Settings(
                        config.timeout(),
                        config.timeout().multipliedBy(2),
                        config.maxResponseBytes(),
                        "CertTrack-Checks/1.0",
                        null,
                        16,
                        false));
    }

    void close(@Disposes OutboundHttp http) {
        http.close();
    }
}
