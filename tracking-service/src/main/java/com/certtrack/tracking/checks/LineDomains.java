package com.certtrack.tracking.checks;

import com.certtrack.contracts.DomainValidation;
import com.certtrack.tracking.view.TrackedLine;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The domains of a line as the CA last reported them (with their DCV details), or as ordered. */
@ApplicationScoped
public class LineDomains {

    private static final TypeReference<List<DomainValidation>> LIST = new TypeReference<>() {};

    private final ObjectMapper json;

    public LineDomains(ObjectMapper json) {
        this.json = json;
    }

    public List<DomainValidation> validations(TrackedLine line) {
        if (line.domains == null || line.domains.isBlank()) {
            return List.of();
        }
        try {
            return json.readValue(line.domains, LIST);
        } catch (Exception e) {
            throw new IllegalStateException("the view holds unreadable domains for line " + line.lineId, e);
        }
    }

    public Set<String> names(TrackedLine line) {
        Set<String> names = new LinkedHashSet<>();
        validations(line).forEach(v -> names.add(normalise(v.name())));
        if (line.requestedDomains != null) {
            Arrays.stream(line.requestedDomains.split(","))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .forEach(s -> names.add(normalise(s)));
        }
        return names;
    }

    /** The line's domain that covers {@code host}: itself, or a wildcard one label above it. */
    public Optional<String> covering(TrackedLine line, String host) {
        List<String> matches = new ArrayList<>();
        for (String name : names(line)) {
            if (covers(name, host)) {
                matches.add(name);
            }
        }
        // An exact name wins over a wildcard.
        return matches.stream()
                .filter(host::equals)
                .findFirst()
                .or(() -> matches.stream().findFirst());
    }

    public static boolean covers(String pattern, String host) {
        pattern = normalise(pattern);
        host = normalise(host);
        if (pattern.startsWith("*.")) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot + 1).equals(pattern.substring(2));
        }
        return pattern.equals(host);
    }

    public static String normalise(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
