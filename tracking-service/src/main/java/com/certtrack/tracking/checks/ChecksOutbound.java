package com.certtrack.tracking.checks;

import com.certtrack.support.outbound.AddressPolicy;
import com.certtrack.tracking.outbound.CheckedResolver;
import com.certtrack.tracking.outbound.DnsLookup;
import com.certtrack.tracking.outbound.OutboundConfig;
import com.certtrack.tracking.outbound.OutboundHttp;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/**
 * The outbound layer as this service wires it: one resolver (the checks' {@code dns-server}), one address policy
 * ({@code certtrack.tracking.outbound.allow-private-addresses}) for checks and webhook delivery alike, and the
 * checks' HTTP client. Webhooks build their own client (own timeouts and trust) on the same resolver.
 */
@ApplicationScoped
public class ChecksOutbound {

    @Produces
    @ApplicationScoped
    DnsLookup dnsLookup(ChecksConfig config) {
        return new DnsLookup(config.dnsServer(), config.timeout());
    }

    @Produces
    @ApplicationScoped
    AddressPolicy addressPolicy(OutboundConfig config) {
        return new AddressPolicy(config.allowPrivateAddresses());
    }

    @Produces
    @ApplicationScoped
    CheckedResolver checkedResolver(DnsLookup dns, AddressPolicy policy) {
        return new CheckedResolver(dns, policy);
    }

    @Produces
    @ApplicationScoped
    OutboundHttp outboundHttp(Vertx vertx, CheckedResolver resolver, ChecksConfig config) {
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
