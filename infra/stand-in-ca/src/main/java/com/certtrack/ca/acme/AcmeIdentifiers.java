package com.certtrack.ca.acme;

import com.certtrack.ca.policy.NamePolicy;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The identifiers of a newOrder: DNS names only, a wildcard only as the leftmost label, at most 100. */
final class AcmeIdentifiers {

    static final int MAX = 100;
    private static final Pattern HOST =
            Pattern.compile("(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

    private AcmeIdentifiers() {}

    /** @return canonical names (lower case, no trailing dot), duplicates dropped, in the client's order */
    static List<String> parse(JsonNode identifiers, NamePolicy policy) {
        if (identifiers == null || !identifiers.isArray() || identifiers.isEmpty()) {
            throw AcmeProblem.malformed("'identifiers' must be a non-empty array of {type, value}.");
        }
        if (identifiers.size() > MAX) {
            throw new AcmeProblem(400, "rejectedIdentifier", "An order covers at most " + MAX + " names.");
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode identifier : identifiers) {
            String type = identifier.path("type").asText("");
            String value = identifier.path("value").asText("");
            if (!type.equals("dns")) {
                throw new AcmeProblem(
                        400, "unsupportedIdentifier", "Only 'dns' identifiers are supported, not '" + type + "'.");
            }
            String name = value.trim().toLowerCase(Locale.ROOT);
            name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
            if (name.length() > 253 || !HOST.matcher(name).matches()) {
                throw new AcmeProblem(
                        400,
                        "rejectedIdentifier",
                        "'" + value + "' is not a fully qualified DNS "
                                + "name (a wildcard may only be the leftmost label).");
            }
            refuseByPolicy(name, policy);
            names.add(name);
        }
        return List.copyOf(names);
    }

    /** Public suffixes and internal names are refused at newOrder and again at finalize (the policy may change). */
    static void refuseByPolicy(String name, NamePolicy policy) {
        policy.refusal(name).ifPresent(reason -> {
            throw new AcmeProblem(400, "rejectedIdentifier", reason);
        });
    }
}
