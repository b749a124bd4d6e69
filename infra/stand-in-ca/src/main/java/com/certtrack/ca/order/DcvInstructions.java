package com.certtrack.ca.order;

import com.certtrack.ca.CaConfig;
import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.DcvStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.stream.Collectors;

/** Tells the subscriber exactly what to publish for each domain, and what the order waits for next. */
@ApplicationScoped
public class DcvInstructions {

    private final CaConfig config;

    public DcvInstructions(CaConfig config) {
        this.config = config;
    }

    public String dcvFile(OrderDomain domain) {
        return "/.well-known/pki-validation/" + domain.token + ".txt";
    }

    public String cnameTarget() {
        return "dcv." + config.domain();
    }

    /** What the CA checks: the URL it fetches, or the DNS name it queries; null for EMAIL. */
    public String target(OrderDomain domain) {
        String base = domain.validationName();
        return switch (domain.dcvMethod) {
            case HTTP_FILE -> "http://" + base + port() + dcvFile(domain);
            case DNS_TXT -> "_dnsauth." + base;
            case DNS_CNAME -> domain.token + "." + base;
            case EMAIL -> null;
        };
    }

    /** What the CA expects there: the file content, the TXT value, the CNAME target; null for EMAIL. */
    public String value(OrderDomain domain) {
        return switch (domain.dcvMethod) {
            case HTTP_FILE, DNS_TXT -> domain.token;
            case DNS_CNAME -> cnameTarget();
            case EMAIL -> null;
        };
    }

    public String forDomain(CaOrder order, OrderDomain domain) {
        if (domain.dcvStatus == DcvStatus.VALIDATED) {
            return afterValidation(order);
        }
        if (domain.dcvStatus == DcvStatus.FAILED) {
            return "Validation failed: the token expired. Reissue the order with this domain to get a new token.";
        }
        String base = domain.validationName();
        String text = switch (domain.dcvMethod) {
            case HTTP_FILE ->
                "Serve the file http://" + base + port() + dcvFile(domain) + " with exactly this content: "
                        + domain.token;
            case DNS_TXT -> "Publish a DNS TXT record at _dnsauth." + base + " with the value " + domain.token;
            case DNS_CNAME ->
                "Publish a DNS CNAME record " + domain.token + "." + base + " pointing to " + cnameTarget();
            case EMAIL ->
                (domain.emailSentAt == null
                                ? "An approval e-mail is being sent to "
                                : "An approval e-mail was sent to ")
                        + recipients(base) + "; open the link in it and confirm.";
        };
        return domain.lastCheckResult == null ? text : text + " Last check: " + domain.lastCheckResult;
    }

    private String afterValidation(CaOrder order) {
        if (order.status != CaOrderStatus.PENDING_VALIDATION && order.status != CaOrderStatus.REISSUE_PENDING) {
            return "Domain control validated.";
        }
        if (order.organisationValidation == CaOrder.OrganisationValidation.PENDING) {
            return "Domain control validated; organisation validation of " + order.organisationName
                    + " is in progress.";
        }
        if (order.csrPem == null) {
            return "Domain control validated. Submit a CSR with POST /api/v1/orders/" + order.id
                    + "/reissue to issue the certificate.";
        }
        return "Domain control validated; waiting for the other domains.";
    }

    public String recipients(String base) {
        return config.dcv().emailLocalParts().stream()
                .map(local -> local + "@" + base)
                .collect(Collectors.joining(", "));
    }

    private String port() {
        int port = config.dcv().httpPort();
        return port == 80 ? "" : ":" + port;
    }
}
