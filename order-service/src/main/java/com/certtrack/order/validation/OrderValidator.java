package com.certtrack.order.validation;

import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.Product;
import com.certtrack.order.OrderConfig;
import com.certtrack.order.placement.OrderNumbers;
import com.certtrack.order.placement.PlaceOrderRequest;
import com.certtrack.support.problem.Problem;
import com.certtrack.support.problem.Problem.FieldError;
import com.certtrack.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a whole order and reports every invalid field at once ({@code lines[0].domains[1]}), so a customer fixes
 * the form in one round trip.
 */
@ApplicationScoped
public class OrderValidator {

    private static final int MAX_TEXT = 200;
    private static final int MAX_EMAIL = 254;
    private static final String PRODUCTS =
            Arrays.stream(Product.values()).map(Enum::name).collect(Collectors.joining(", "));
    private static final String DCV_METHODS =
            Arrays.stream(DcvMethod.values()).map(Enum::name).collect(Collectors.joining(", "));

    private final OrderConfig config;
    private final Validator beanValidator;

    public OrderValidator(OrderConfig config, Validator beanValidator) {
        this.config = config;
        this.beanValidator = beanValidator;
    }

    /** @throws ProblemException a 400 problem naming every invalid field */
    public ValidatedOrder validate(PlaceOrderRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request == null) {
            throw new ProblemException(
                    Problem.invalid("The body must be a JSON order.", List.of(new FieldError("body", "is required"))));
        }
        List<ValidatedOrder.Line> lines = lines(request.lines(), errors);
        ValidatedOrder.Customer customer = customer(request.customer(), lines, errors);
        if (!errors.isEmpty()) {
            String detail = errors.size() == 1 ? "1 field is invalid." : errors.size() + " fields are invalid.";
            throw new ProblemException(Problem.invalid(detail, errors));
        }
        return new ValidatedOrder(customer, lines);
    }

    private ValidatedOrder.Customer customer(
            PlaceOrderRequest.Customer customer, List<ValidatedOrder.Line> lines, List<FieldError> errors) {
        if (customer == null) {
            errors.add(new FieldError("customer", "is required"));
            return null;
        }
        String name = text(customer.name(), "customer.name", true, errors);
        String email = email(customer, errors);
        String organisation = text(customer.organisation(), "customer.organisation", false, errors);
        List<Integer> vetted = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i) != null && Products.needsOrganisation(lines.get(i).product())) {
                vetted.add(i);
            }
        }
        if (!vetted.isEmpty() && organisation == null && noError(errors, "customer.organisation")) {
            errors.add(new FieldError(
                    "customer.organisation", "is required for OV and EV certificates (lines" + vetted + ")"));
        }
        return new ValidatedOrder.Customer(name, email, organisation);
    }

    private static String text(String value, String field, boolean required, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        String text = value.strip();
        if (text.length() > MAX_TEXT) {
            errors.add(new FieldError(field, "must be at most " + MAX_TEXT + " characters"));
        } else if (text.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError(field, "must not contain control characters"));
        }
        return text;
    }

    private String email(PlaceOrderRequest.Customer customer, List<FieldError> errors) {
        String email = customer.email() == null ? null : customer.email().strip();
        if (email == null || email.isEmpty()) {
            errors.add(new FieldError("customer.email", "is required"));
            return null;
        }
        if (email.length() > MAX_EMAIL) {
            errors.add(new FieldError("customer.email", "must be at most " + MAX_EMAIL + " characters"));
            return null;
        }
        int at = email.lastIndexOf('@');
        boolean syntax = at > 0
                && beanValidator
                        .validateValue(PlaceOrderRequest.Customer.class, "email", email)
                        .isEmpty();
        if (!syntax) {
            errors.add(new FieldError("customer.email", "is not a valid e-mail address (name@example.com)"));
            return null;
        }
        try {
            String domain = DomainNames.parse(email.substring(at + 1)).ascii();
            return email.substring(0, at + 1) + domain;
        } catch (DomainNames.InvalidDomain e) {
            errors.add(new FieldError("customer.email", "has a domain part that " + e.getMessage()));
            return null;
        }
    }

    private List<ValidatedOrder.Line> lines(List<PlaceOrderRequest.Line> lines, List<FieldError> errors) {
        if (lines == null || lines.isEmpty()) {
            errors.add(new FieldError("lines", "must contain at least one product line"));
            return List.of();
        }
        if (lines.size() > config.maxLines()) {
            errors.add(
                    new FieldError("lines", "must contain at most " + config.maxLines() + " lines; split the order"));
            return List.of();
        }
        List<ValidatedOrder.Line> valid = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            valid.add(line(lines.get(i), "lines[" + i + "]", errors));
        }
        return valid;
    }

    private ValidatedOrder.Line line(PlaceOrderRequest.Line line, String at, List<FieldError> errors) {
        if (line == null) {
            errors.add(new FieldError(at, "must be a product line object"));
            return null;
        }
        Product product = product(line.product(), at + ".product", errors);
        String renewalOf = renewalOf(line.renewalOf(), at + ".renewalOf", errors);
        if (product == null) {
            return null;
        }
        ValidatedOrder.Line valid =
                Products.isCaas(product) ? caas(line, at, errors) : certificate(product, line, at, errors);
        return new ValidatedOrder.Line(
                valid.product(), valid.domains(), valid.dcvMethod(), valid.csrPem(), valid.termMonths(), renewalOf);
    }

    /** Optional; a line id as this service hands them out. Whose line it is, consumers decide (same customer). */
    private static String renewalOf(String value, String field, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        return OrderNumbers.normaliseLineId(value).orElseGet(() -> {
            errors.add(new FieldError(
                    field,
                    "'" + clip(value) + "' is not a line id; use the lineId of the"
                            + " renewed line as the order answer shows it (CT-XXXXXXXXXX-1)"));
            return null;
        });
    }

    private static Product product(String value, String field, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required; one of " + PRODUCTS));
            return null;
        }
        try {
            return Product.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "'" + clip(value) + "' is not a product; one of " + PRODUCTS));
            return null;
        }
    }

    private ValidatedOrder.Line caas(PlaceOrderRequest.Line line, String at, List<FieldError> errors) {
        String terms = config.caasTerms().stream().map(String::valueOf).collect(Collectors.joining(", "))
                + " (months) or "
                + config.caasTerms().stream().map(CaasTermDeserializer::period).collect(Collectors.joining(", "));
        if (line.term() == null) {
            errors.add(new FieldError(at + ".term", "is required for CAAS; one of " + terms));
        } else if (!config.caasTerms().contains(line.term())) {
            errors.add(new FieldError(at + ".term", "must be one of " + terms + ", not " + line.term()));
        }
        if (line.domains() != null && !line.domains().isEmpty()) {
            errors.add(new FieldError(at + ".domains", "is not used by CAAS: the ACME clients choose the domains"));
        }
        if (line.dcvMethod() != null) {
            errors.add(new FieldError(at + ".dcvMethod", "is not used by CAAS: ACME validates each domain itself"));
        }
        if (line.csr() != null) {
            errors.add(new FieldError(at + ".csr", "is not used by CAAS: the ACME clients send their own CSRs"));
        }
        return new ValidatedOrder.Line(Product.CAAS, null, null, null, line.term(), null);
    }

    private ValidatedOrder.Line certificate(
            Product product, PlaceOrderRequest.Line line, String at, List<FieldError> errors) {
        if (line.term() != null) {
            errors.add(new FieldError(at + ".term", "applies to CAAS lines only"));
        }
        DcvMethod dcv = dcvMethod(line.dcvMethod(), at + ".dcvMethod", errors);
        List<DomainNames.Domain> domains = domains(product, line.domains(), at, errors);
        if (dcv == DcvMethod.HTTP_FILE && domains.stream().anyMatch(DomainNames.Domain::wildcard)) {
            errors.add(new FieldError(
                    at + ".dcvMethod", "HTTP_FILE cannot validate a wildcard domain; use EMAIL, DNS_TXT or DNS_CNAME"));
        }
        List<String> ascii = domains.stream().map(DomainNames.Domain::ascii).toList();
        String csr = line.csr() == null ? null : csr(line.csr(), ascii, at + ".csr", errors);
        return new ValidatedOrder.Line(product, ascii, dcv, csr, null, null);
    }

    private static DcvMethod dcvMethod(String value, String field, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required; one of " + DCV_METHODS));
            return null;
        }
        try {
            return DcvMethod.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "'" + clip(value) + "' is not a DCV method; one of " + DCV_METHODS));
            return null;
        }
    }

    private List<DomainNames.Domain> domains(Product product, List<String> values, String at, List<FieldError> errors) {
        String field = at + ".domains";
        if (values == null || values.isEmpty()) {
            errors.add(new FieldError(field, "must name at least one domain"));
            return List.of();
        }
        if (Products.isMulti(product) && values.size() > config.maxSans()) {
            errors.add(new FieldError(field, "may name at most " + config.maxSans() + " domains per certificate"));
            return List.of();
        }
        if (!Products.isMulti(product) && values.size() != 1) {
            errors.add(new FieldError(
                    field,
                    Products.isWildcard(product)
                            ? "must name exactly one domain, the wildcard (*.example.com); for several names use a _MULTI product"
                            : "must name exactly one domain; for several names use a _MULTI product"));
        }
        List<DomainNames.Domain> valid = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int j = 0; j < values.size(); j++) {
            String element = field + "[" + j + "]";
            try {
                DomainNames.Domain domain = DomainNames.parse(values.get(j));
                Integer first = seen.putIfAbsent(domain.ascii(), j);
                if (first != null) {
                    errors.add(new FieldError(element, "repeats " + field + "[" + first + "]"));
                } else if (domain.wildcard() && !Products.isWildcard(product)) {
                    errors.add(new FieldError(element, "is a wildcard; order a _WILDCARD product for it"));
                } else if (!domain.wildcard() && Products.isWildcard(product)) {
                    errors.add(new FieldError(
                            element, "must be a wildcard such as *." + domain.ascii() + " for " + product));
                } else {
                    valid.add(domain);
                }
            } catch (DomainNames.InvalidDomain e) {
                errors.add(new FieldError(element, e.getMessage()));
            }
        }
        return valid;
    }

    private static String csr(String pem, List<String> domains, String field, List<FieldError> errors) {
        Set<String> names;
        try {
            names = CsrInspector.inspect(pem);
        } catch (CsrInspector.InvalidCsr e) {
            errors.add(new FieldError(field, e.getMessage()));
            return null;
        }
        List<String> foreign =
                names.stream().filter(name -> !domains.contains(name)).toList();
        if (!foreign.isEmpty()) {
            errors.add(new FieldError(
                    field,
                    "names " + String.join(", ", foreign)
                            + ", not among this line's domains; request only the ordered names"));
            return null;
        }
        return pem.strip();
    }

    private static boolean noError(List<FieldError> errors, String field) {
        return errors.stream().noneMatch(e -> e.field().equals(field));
    }

    /** Echo a bad value back, but never a whole pasted document. */
    private static String clip(String value) {
        String stripped = value.strip();
        return stripped.length() <= 40 ? stripped : stripped.substring(0, 40) + "...";
    }
}
