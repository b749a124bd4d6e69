package com.certtrack.ca.dcv;

import com.certtrack.ca.CaConfig;
import com.certtrack.contracts.DcvMethod;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/** Performs one HTTP or DNS domain-control check against the real network (through the configured resolver). */
@ApplicationScoped
public class DcvChecker {

    /** A check to run, copied out of the database so no transaction stays open during network I/O. */
    public record Check(java.util.UUID domainId, String validationName, DcvMethod method, String token) {}

    private final DnsQueries dns;
    private final HttpFileFetcher http;
    private final CaConfig config;

    public DcvChecker(DnsQueries dns, HttpFileFetcher http, CaConfig config) {
        this.dns = dns;
        this.http = http;
        this.config = config;
    }

    /** @return a short description of the evidence when the check passed */
    public String check(Check check) throws DcvCheckFailed {
        try {
            return switch (check.method()) {
                case HTTP_FILE -> httpFile(check);
                case DNS_TXT -> dnsTxt(check);
                case DNS_CNAME -> dnsCname(check);
                case EMAIL -> throw new DcvCheckFailed("EMAIL validation is approved through the e-mailed link.");
            };
        } catch (IOException e) {
            throw new DcvCheckFailed("DNS lookup failed: " + e.getMessage());
        }
    }

    private String httpFile(Check check) throws IOException, DcvCheckFailed {
        List<InetAddress> addresses = dns.addresses(check.validationName());
        if (addresses.isEmpty()) {
            throw new DcvCheckFailed(check.validationName() + " has no A or AAAA record.");
        }
        String path = "/.well-known/pki-validation/" + check.token() + ".txt";
        String body = http.fetch(
                check.validationName(), addresses.get(0), config.dcv().httpPort(), path);
        if (!body.strip().equals(check.token())) {
            throw new DcvCheckFailed("http://" + check.validationName() + path + " does not contain the token.");
        }
        return "file found at http://" + check.validationName() + path;
    }

    private String dnsTxt(Check check) throws IOException, DcvCheckFailed {
        String name = "_dnsauth." + check.validationName();
        List<String> values = dns.txt(name);
        if (values.stream().map(String::strip).noneMatch(check.token()::equals)) {
            throw new DcvCheckFailed(
                    values.isEmpty()
                            ? "no TXT record at " + name + "."
                            : "the " + values.size() + " TXT record(s) at " + name + " do not hold the token.");
        }
        return "TXT record found at " + name;
    }

    private String dnsCname(Check check) throws IOException, DcvCheckFailed {
        String name = check.token() + "." + check.validationName();
        String expected = "dcv." + config.domain();
        Optional<String> target = dns.cname(name);
        if (target.isEmpty()) {
            throw new DcvCheckFailed("no CNAME record at " + name + ".");
        }
        if (!target.get().equalsIgnoreCase(expected)) {
            throw new DcvCheckFailed("the CNAME at " + name + " points to " + target.get() + ", not " + expected + ".");
        }
        return "CNAME found at " + name;
    }
}
