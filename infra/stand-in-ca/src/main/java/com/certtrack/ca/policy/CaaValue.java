package com.certtrack.ca.policy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The value of an {@code issue}/{@code issuewild} property: an issuer domain name (empty: no CA) and its
 * parameters, {@code issuer; key=value; ...} (RFC 8659 §4.2). Parameters this CA does not know are ignored.
 */
record CaaValue(String issuer, Map<String, String> parameters) {

    static CaaValue parse(String value) {
        String[] parts = value.split(";", -1);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            int equals = parameter.indexOf('=');
            if (equals > 0) {
                parameters.put(
                        parameter.substring(0, equals).trim().toLowerCase(Locale.ROOT),
                        parameter.substring(equals + 1).trim());
            }
        }
        return new CaaValue(parts[0].trim().toLowerCase(Locale.ROOT), parameters);
    }

    /**
     * RFC 8657: {@code accounturi} must be the ACME account's URL, {@code validationmethods} must list the challenge
     * that validated the name. Outside ACME (both null) such a record cannot be met.
     *
     * @return what the request lacks; empty when the record authorises it
     */
    Optional<String> mismatch(String accountUri, String validationMethod) {
        String account = parameters.get("accounturi");
        if (account != null && !account.equals(accountUri)) {
            return Optional.of(
                    accountUri == null
                            ? "only for the ACME account " + account
                            : "for the ACME account " + account + ", not " + accountUri);
        }
        String methods = parameters.get("validationmethods");
        if (methods != null) {
            boolean listed = validationMethod != null
                    && Arrays.stream(methods.split(","))
                            .map(String::trim)
                            .anyMatch(m -> m.equalsIgnoreCase(validationMethod));
            if (!listed) {
                return Optional.of("only after validation by " + methods
                        + (validationMethod == null ? " (ACME challenges)" : ", not " + validationMethod));
            }
        }
        return Optional.empty();
    }
}
