package com.certtrack.tracking.checks;

import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.DcvStatus;
import com.certtrack.contracts.DomainValidation;
import com.certtrack.support.problem.ProblemException;
import com.certtrack.tracking.outbound.DnsLookup;
import com.certtrack.tracking.outbound.OutboundHttp;
import com.certtrack.tracking.view.TrackedLine;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Runs, before the CA does, the check the CA will run for each pending domain, and says what stops it passing. */
@ApplicationScoped
public class DcvPreflight {

    public record DomainResult(String domain, DcvMethod dcvMethod, boolean ready, List<Finding> findings) {}

    public record Result(List<DomainResult> domains) {}

    private final LineDomains lineDomains;
    private final DnsLookup dns;
    private final OutboundHttp http;
    private final int httpPort;

    public DcvPreflight(LineDomains lineDomains, DnsLookup dns, OutboundHttp http, ChecksConfig config) {
        this.lineDomains = lineDomains;
        this.dns = dns;
        this.http = http;
        this.httpPort = config.httpPort();
    }

    public Result check(TrackedLine line, String domain) {
        List<DomainValidation> all = lineDomains.validations(line);
        List<DomainValidation> selected;
        if (domain != null && !domain.isBlank()) {
            String wanted = LineDomains.normalise(domain);
            selected = all.stream()
                    .filter(v -> LineDomains.normalise(v.name()).equals(wanted))
                    .toList();
            if (selected.isEmpty()) {
                throw ProblemException.invalid("domain", "'" + domain + "' is not a domain of this order line.");
            }
        } else {
            selected = all.stream()
                    .filter(v -> v.dcvStatus() != DcvStatus.VALIDATED)
                    .toList();
        }
        List<DomainResult> results = new ArrayList<>();
        for (DomainValidation validation : selected) {
            List<Finding> findings = check(validation);
            boolean ready = findings.stream().allMatch(f -> f.severity() == Severity.OK);
            results.add(new DomainResult(validation.name(), validation.dcvMethod(), ready, findings));
        }
        return new Result(results);
    }

    private List<Finding> check(DomainValidation v) {
        if (v.dcvStatus() == DcvStatus.VALIDATED) {
            return List.of(Finding.ok("OK", v.name() + " is already validated by the CA; nothing to do."));
        }
        if (v.dcvMethod() == DcvMethod.EMAIL) {
            return List.of(Finding.warning(
                    "EMAIL_METHOD",
                    v.name() + " is validated by e-mail: the approver clicks "
                            + "the link in the CA's approval mail. There is nothing on DNS or the web to check.",
                    "If the approval mail did not arrive, resend it (POST /api/tracking/dcv with RESEND_APPROVAL), or "
                            + "change the method to DNS_TXT or HTTP_FILE."));
        }
        if (v.dcvTarget() == null || v.dcvValue() == null) {
            return List.of(Finding.warning(
                    "DCV_DETAILS_UNKNOWN",
                    "The CA has not reported yet what it will check for " + v.name() + ".",
                    "Look the order up again in a minute; the details arrive with the CA's status."));
        }
        try {
            return switch (v.dcvMethod()) {
                case DNS_TXT -> txt(v);
                case DNS_CNAME -> cname(v);
                case HTTP_FILE -> httpFile(v);
                case EMAIL -> List.of();
            };
        } catch (IOException e) {
            return List.of(Finding.error(
                    "DNS_LOOKUP_FAILED",
                    "The DNS lookup for " + v.dcvTarget() + " failed: " + e.getMessage()
                            + ". The CA's lookup would fail the same way.",
                    "Check that the domain's name servers answer (for example with dig " + v.dcvTarget() + ")."));
        }
    }

    private List<Finding> txt(DomainValidation v) throws IOException {
        String record = v.dcvTarget() + ". TXT \"" + v.dcvValue() + "\"";
        List<String> values = dns.txt(v.dcvTarget());
        if (values.isEmpty()) {
            return List.of(Finding.error(
                    "DNS_RECORD_MISSING",
                    "There is no TXT record at " + v.dcvTarget() + ".",
                    "Add this record in the DNS zone of " + v.name() + ": " + record + " (it can take a few minutes "
                            + "to be visible)."));
        }
        if (values.stream().map(String::strip).noneMatch(v.dcvValue()::equals)) {
            return List.of(Finding.error(
                    "DNS_WRONG_VALUE",
                    "The TXT record at " + v.dcvTarget() + " holds " + quoted(values)
                            + ", not the value the CA expects.",
                    "Set the record to exactly: " + record + " (no extra spaces or quotes)."));
        }
        return List.of(Finding.ok("OK", "The TXT record at " + v.dcvTarget() + " holds the expected value."));
    }

    private List<Finding> cname(DomainValidation v) throws IOException {
        String record = v.dcvTarget() + ". CNAME " + v.dcvValue() + ".";
        Optional<String> target = dns.cname(v.dcvTarget());
        if (target.isEmpty()) {
            return List.of(Finding.error(
                    "DNS_RECORD_MISSING",
                    "There is no CNAME record at " + v.dcvTarget() + ".",
                    "Add this record in the DNS zone of " + v.name() + ": " + record));
        }
        if (!LineDomains.normalise(target.get()).equals(LineDomains.normalise(v.dcvValue()))) {
            return List.of(Finding.error(
                    "DNS_CNAME_WRONG_TARGET",
                    "The CNAME at " + v.dcvTarget() + " points to " + target.get() + ", not to " + v.dcvValue() + ".",
                    "Change the record to: " + record));
        }
        return List.of(Finding.ok("OK", "The CNAME at " + v.dcvTarget() + " points to " + v.dcvValue() + "."));
    }

    private List<Finding> httpFile(DomainValidation v) {
        URI url;
        try {
            url = URI.create(v.dcvTarget());
        } catch (IllegalArgumentException e) {
            return List.of(Finding.warning(
                    "DCV_DETAILS_UNKNOWN",
                    "The CA's file URL for " + v.name() + " cannot be read.",
                    "Ask support to check the order."));
        }
        String host = url.getHost();
        String path = url.getRawPath();
        String shown = "http://" + host + path;
        List<Finding> findings = new ArrayList<>();
        Fetched primary = fetch(host, path);
        if (primary.failure != null) {
            findings.add(Finding.error(
                    "HTTP_UNREACHABLE",
                    "The CA could not fetch " + shown + ": " + primary.failure.getMessage(),
                    "Make sure " + host + " resolves to your public web server and "
                            + "that it answers plain HTTP on port 80 (a firewall or an HTTPS-only server blocks the "
                            + "check)."));
        } else {
            OutboundHttp.Answer answer = primary.answer;
            int status = answer.status();
            if (status >= 300 && status < 400) {
                findings.add(
                        Finding.error(
                                "HTTP_REDIRECT",
                                shown + " answers HTTP " + status + " with a redirect to "
                                        + Optional.ofNullable(answer.location()).orElse("(no Location header)")
                                        + "; the CA does not follow redirects.",
                                "Serve the file directly at " + shown + " over plain "
                                        + "HTTP: exclude /.well-known/pki-validation/ from the HTTP-to-HTTPS or www redirect."));
            } else if (status == 404 || status == 410) {
                findings.add(Finding.error(
                        "HTTP_NOT_FOUND",
                        shown + " answers HTTP " + status + ": the file is not there.",
                        "Create the file " + path + " in the document root of " + host + " with exactly this content: "
                                + v.dcvValue()));
            } else if (status != 200) {
                findings.add(Finding.error(
                        "HTTP_BAD_STATUS",
                        shown + " answers HTTP " + status + " instead of 200.",
                        "Make the web server serve the file to anyone, without authentication or blocking."));
            } else {
                contentFindings(v, shown, answer, findings);
            }
        }
        boolean passed = findings.isEmpty();
        if (!passed) {
            String other = otherHost(host);
            Fetched alternative = fetch(other, path);
            if (alternative.answer != null && alternative.answer.status() == 200 && holdsToken(alternative.answer, v)) {
                findings.add(Finding.error(
                        "HTTP_WRONG_HOST",
                        "The file is served on " + other + " but the CA checks " + host + ".",
                        "Serve the same file on " + host + " too (the CA checks " + shown + ")."));
            }
            return findings;
        }
        return List.of(Finding.ok("OK", shown + " serves the expected content."));
    }

    private void contentFindings(DomainValidation v, String shown, OutboundHttp.Answer answer, List<Finding> findings) {
        String type = answer.contentType();
        if (type != null
                && !type.strip().isEmpty()
                && !type.toLowerCase(Locale.ROOT).split(";")[0].strip().equals("text/plain")) {
            findings.add(Finding.error(
                    "HTTP_WRONG_CONTENT_TYPE",
                    shown + " is served as " + type + "; the CA accepts only text/plain (or no content type).",
                    "Serve .txt files under /.well-known/pki-validation/ as text/plain."));
        }
        if (!holdsToken(answer, v)) {
            String body = new String(answer.body(), StandardCharsets.UTF_8).strip();
            findings.add(Finding.error(
                    "HTTP_WRONG_CONTENT",
                    shown + " does not hold the expected token; it starts with \""
                            + (body.length() > 80 ? body.substring(0, 80) + "..." : body) + "\".",
                    "Replace the file's content with exactly: " + v.dcvValue()));
        }
    }

    private static boolean holdsToken(OutboundHttp.Answer answer, DomainValidation v) {
        return new String(answer.body(), StandardCharsets.UTF_8)
                .strip()
                .equals(v.dcvValue().strip());
    }

    /** www.example.com for example.com and the other way round: the usual confusion. */
    static String otherHost(String host) {
        return host.startsWith("www.") ? host.substring(4) : "www." + host;
    }

    private record Fetched(OutboundHttp.Answer answer, OutboundHttp.Failure failure) {}

    private Fetched fetch(String host, String path) {
        try {
            InetAddress address = http.resolve(host);
            return new Fetched(http.get(host, address, httpPort, path), null);
        } catch (OutboundHttp.Failure failure) {
            return new Fetched(null, failure);
        }
    }

    private static String quoted(List<String> values) {
        return values.stream()
                .map(s -> "\"" + s + "\"")
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
    }
}
