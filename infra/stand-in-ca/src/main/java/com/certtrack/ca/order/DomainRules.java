package com.certtrack.ca.order;

import com.certtrack.ca.policy.NamePolicy;
import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.Product;
import com.certtrack.support.problem.Problem;
import com.certtrack.support.problem.ProblemException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which names a product may cover (the issuance policy's {@link NamePolicy} included), and which DCV methods fit them.
 * Collects every problem before answering.
 */
final class DomainRules {

    private static final Pattern HOST =
            Pattern.compile("(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

    private DomainRules() {}

    /** @return the domains with names in canonical form (lower case, no trailing dot) */
    static List<OrderApi.DomainRequest> check(
            Product product, List<OrderApi.DomainRequest> domains, String field, NamePolicy names) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (product == Product.CAAS) {
            throw ProblemException.invalid(
                    "product",
                    "CAAS is not a certificate product; create ACME credentials with POST /api/v1/acme-accounts.");
        }
        String kind = product.name().substring(3);
        if (!kind.equals("MULTI") && domains.size() != 1) {
            errors.add(new Problem.FieldError(
                    field, product + " covers exactly one domain; use a _MULTI product for " + domains.size() + "."));
        }
        List<OrderApi.DomainRequest> canonical = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < domains.size(); i++) {
            OrderApi.DomainRequest domain = domains.get(i);
            String name = domain.name().trim().toLowerCase(Locale.ROOT);
            name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
            String at = field + "[" + i + "].name";
            boolean wildcard = name.startsWith("*.");
            boolean wellFormed = name.length() <= 253 && HOST.matcher(name).matches();
            String refused = wellFormed ? names.refusal(name).orElse(null) : null;
            if (domain.dcvMethod() == null) {
                errors.add(new Problem.FieldError(field + "[" + i + "].dcvMethod", "must not be null"));
            } else if (!wellFormed) {
                errors.add(new Problem.FieldError(
                        at,
                        "'" + domain.name() + "' is not a fully qualified DNS name "
                                + "(a wildcard may only be the leftmost label, as in *.example.com)."));
            } else if (refused != null) {
                errors.add(new Problem.FieldError(at, refused));
            } else if (!seen.add(name)) {
                errors.add(new Problem.FieldError(at, name + " is listed twice."));
            } else if (wildcard && (kind.equals("SINGLE") || product == Product.EV_MULTI)) {
                errors.add(new Problem.FieldError(at, product + " cannot cover a wildcard; use a _WILDCARD product."));
            } else if (!wildcard && kind.equals("WILDCARD")) {
                errors.add(new Problem.FieldError(at, product + " covers a wildcard name such as *." + name + "."));
            } else if (wildcard && domain.dcvMethod() == DcvMethod.HTTP_FILE) {
                errors.add(new Problem.FieldError(
                        field + "[" + i + "].dcvMethod",
                        "HTTP_FILE cannot validate a "
                                + "wildcard (CA/B Forum BR 3.2.2.4.18); use DNS_TXT, DNS_CNAME or EMAIL."));
            }
            canonical.add(new OrderApi.DomainRequest(name, domain.dcvMethod()));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors.size() + " field(s) are invalid.", errors));
        }
        return canonical;
    }
}
