package com.certtrack.ca.acme;

import com.certtrack.ca.CaConfig;
import com.certtrack.ca.dcv.DcvCheckFailed;
import com.certtrack.ca.dcv.DnsQueries;
import com.certtrack.ca.dcv.HttpFileFetcher;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * Validates http-01 (RFC 8555 §8.3) and dns-01 (§8.4) for real, through the same resolver and HTTP port as the
 * order API's DCV checks ({@code certtrack.ca.dcv.dns-server}, {@code certtrack.ca.dcv.http-port}).
 */
@ApplicationScoped
public class ChallengeValidator {

    /** Why a validation failed: an RFC 8555 error name ({@code incorrectResponse}, {@code dns}, ...) and detail. */
    public static final class Failed extends Exception {
        final String type;

        Failed(String type, String detail) {
            super(detail, null, false, false);
            this.type = type;
        }
    }

    private final DnsQueries dns;
    private final HttpFileFetcher http;
    private final CaConfig config;

    public ChallengeValidator(DnsQueries dns, HttpFileFetcher http, CaConfig config) {
        this.dns = dns;
        this.http = http;
        this.config = config;
    }

    public void validate(String type, String domain, String token, String keyAuthorization) throws Failed {
        switch (type) {
            case AcmeViews.HTTP_01 -> http01(domain, token, keyAuthorization);
            case AcmeViews.DNS_01 -> dns01(domain, keyAuthorization);
            default -> throw new IllegalArgumentException(type);
        }
    }

    private void http01(String domain, String token, String keyAuthorization) throws Failed {
        List<InetAddress> addresses;
        try {
            addresses = dns.addresses(domain);
        } catch (IOException e) {
            throw new Failed("dns", "DNS lookup of " + domain + " failed: " + e.getMessage());
        }
        if (addresses.isEmpty()) {
            throw new Failed("dns", domain + " has no A or AAAA record.");
        }
        String path = "/.well-known/acme-challenge/" + token;
        String body;
        try {
            body = http.fetch(domain, addresses.get(0), config.dcv().httpPort(), path);
        } catch (DcvCheckFailed e) {
            throw new Failed("connection", e.getMessage());
        }
        if (!body.strip().equals(keyAuthorization)) {
            // The body is not quoted back: the CA must not become a way to read what a host serves.
            throw new Failed(
                    "incorrectResponse",
                    "http://" + domain + path + " does not hold the key authorization (it answered " + body.length()
                            + " characters of something else).");
        }
    }

    private void dns01(String domain, String keyAuthorization) throws Failed {
        String name = "_acme-challenge." + domain;
        String expected = digest(keyAuthorization);
        List<String> values;
        try {
            values = dns.txt(name);
        } catch (IOException e) {
            throw new Failed("dns", "DNS lookup of " + name + " TXT failed: " + e.getMessage());
        }
        if (values.stream().map(String::strip).noneMatch(expected::equals)) {
            throw new Failed(
                    "incorrectResponse",
                    values.isEmpty()
                            ? "No TXT record at " + name + "."
                            : "None of the " + values.size() + " TXT record(s) at " + name
                                    + " holds the expected value.");
        }
    }

    static String digest(String keyAuthorization) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256")
                            .digest(keyAuthorization.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
