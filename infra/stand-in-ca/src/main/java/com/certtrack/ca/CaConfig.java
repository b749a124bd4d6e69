package com.certtrack.ca;

import com.certtrack.ca.crypto.KeyType;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMin;

/** Every setting of the stand-in CA; API.md lists them with their environment variables. */
@ConfigMapping(prefix = "certtrack.ca")
public interface CaConfig {

    /** Base of the URLs written into certificates (OCSP, caIssuers, CRL) and e-mails. */
    @WithDefault("http://localhost:8090")
    String publicUrl();

    /** AES-256 key (base64) that seals CA private keys, CA References and EAB HMAC keys at rest. */
    String keyEncryptionKey();

    /** Key for the operator endpoints (header X-Operator-Key). */
    String operatorKey();

    /** API clients: client name to API key (header X-Api-Key). */
    Map<String, String> apiKeys();

    /** The CA's own DNS domain; DNS_CNAME validation expects a CNAME to {@code dcv.<domain>}. */
    @WithDefault("ca.certtrack.example")
    String domain();

    /** Longest leaf validity: the CA/Browser Forum limit in force (200 days since March 2026). */
    @WithDefault("200")
    int maxValidityDays();

    Hierarchy hierarchy();

    Dcv dcv();

    Acme acme();

    Fetch fetch();

    Limits limits();

    Policy policy();

    interface Hierarchy {
        /** Key types used only when the hierarchy is first created; later starts load it from the database. */
        @WithDefault("EC_P384")
        KeyType rootKeyType();

        @WithDefault("EC_P256")
        KeyType intermediateKeyType();

        @WithDefault("CertTrack Stand-in CA")
        String organisation();
    }

    interface Dcv {
        @WithDefault("2s")
        Duration checkInterval();

        /** Failed checks back off up to this interval; {@code dcv/check} always checks at once. */
        @WithDefault("5m")
        Duration maxCheckInterval();

        /** Development only: every domain is approved as soon as it is ordered. */
        @WithDefault("false")
        boolean autoApprove();

        /** Port of HTTP_FILE checks (80 in production; tests use a loopback web server). */
        @WithDefault("80")
        int httpPort();

        /** Resolver for DNS checks and for HTTP_FILE addresses: {@code host:port}, or {@code system}. */
        @WithDefault("system")
        String dnsServer();

        @WithDefault("5s")
        Duration timeout();

        /** How long a DCV token (and an approval link) stays usable. */
        @WithDefault("720h")
        Duration tokenValidity();

        /** Local parts that receive EMAIL approval requests (CA/B Forum BR 3.2.2.4.4). */
        @WithDefault("admin,administrator,webmaster,hostmaster,postmaster")
        List<String> emailLocalParts();
    }

    interface Acme {
        /** Directory URL handed out with EAB credentials; defaults to {@code <public-url>/acme/directory}. */
        Optional<String> directoryUrl();
    }

    /** HTTP fetches of DCV files and http-01 challenges: the target is chosen by whoever controls the domain's DNS. */
    interface Fetch {
        /** Development and tests only: fetch from loopback and private addresses too. */
        @WithDefault("false")
        boolean allowPrivateTargets();

        /** One deadline for connect, headers and body together. */
        @WithDefault("10s")
        @DurationMin(millis = 1)
        Duration deadline();

        /** Largest body read; the connection is closed as soon as a body grows past it. */
        @WithDefault("8192")
        @Min(1)
        int maxBodyBytes();
    }

    /** Token buckets per key; their defaults are in application.properties (one group per limit). */
    interface Limits {
        /** Keys (addresses, accounts) tracked per limit; beyond it the least recently used are forgotten. */
        @WithDefault("100000")
        @Min(1)
        int maxKeys();

        Limit newAccountsPerIp();

        Limit newOrdersPerAccount();

        Limit failedValidationsPerAccountHost();

        Limit operatorCallsPerIp();
    }

    /** {@code capacity} requests at once, refilled evenly over {@code period}. */
    interface Limit {
        @Min(1)
        int capacity();

        @DurationMin(millis = 1)
        Duration period();
    }

    /** What the CA refuses to certify, whatever DCV proved (API.md, "Issuance policy"). */
    interface Policy {
        /** How long a completed DCV stays usable for further issuance (BR 4.2.1: 200 days since March 2026). */
        @WithDefault("200d")
        Duration dcvReusePeriod();

        /** RFC 8659 CAA check before every issuance; fails closed when DNS does not answer. */
        @WithDefault("true")
        boolean caaCheck();

        /** Issuer domain names in CAA records that authorise this CA; defaults to {@link CaConfig#domain()}. */
        Optional<List<String>> caaIdentities();

        /** Suffixes accepted although not on the public suffix list, e.g. {@code test} for development. */
        Optional<List<String>> internalNameSuffixes();

        /** Further blocklists of weak RSA keys in openssl-vulnkey format, read at start-up. */
        Optional<List<String>> weakKeyBlocklists();
    }
}
