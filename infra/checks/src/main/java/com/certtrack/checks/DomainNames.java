package com.certtrack.checks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Domain names as certificates and orders compare them: case- and trailing-dot-insensitive, one-label wildcards. */
public final class DomainNames {

    private DomainNames() {}

    public static String normalise(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
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

    /** The name among {@code names} that covers {@code host}: itself, or a wildcard one label above it. */
    public static Optional<String> covering(Collection<String> names, String host) {
        List<String> matches = new ArrayList<>();
        for (String name : names) {
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
}
