package com.certtrack.ca.policy;

import com.certtrack.ca.CaConfig;
import com.google.common.net.InternetDomainName;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Names no one can prove to hold: public suffixes (and wildcards directly under one, BR 3.2.2.6), found on the
 * public suffix list's ICANN section, and internal names whose top-level domain is not public (BR 4.2.2), except
 * under the configured internal-name suffixes (development and test names such as {@code *.test}).
 */
@ApplicationScoped
public class NamePolicy {

    private final List<String> internalSuffixes;

    public NamePolicy(CaConfig config) {
        this.internalSuffixes = config.policy().internalNameSuffixes().orElse(List.of()).stream()
                .map(s -> s.trim().toLowerCase(Locale.ROOT).replaceAll("^\\.+|\\.+$", ""))
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /**
     * @param name a canonical DNS name (lower case, no trailing dot), possibly a wildcard
     * @return why the CA refuses it, in one sentence naming it; empty when the name may be certified
     */
    public Optional<String> refusal(String name) {
        boolean wildcard = name.startsWith("*.");
        String base = wildcard ? name.substring(2) : name;
        Optional<String> internal = internalSuffix(base);
        if (internal.isPresent()) {
            return base.equals(internal.get())
                    ? Optional.of(underSuffix(name, wildcard, base, "internal-name suffix"))
                    : Optional.empty();
        }
        InternetDomainName domain;
        try {
            domain = InternetDomainName.from(base);
        } catch (IllegalArgumentException e) {
            return Optional.of("'" + name + "' is not a valid DNS name.");
        }
        if (domain.isRegistrySuffix()) {
            return Optional.of(underSuffix(name, wildcard, base, "public suffix"));
        }
        if (!domain.isUnderRegistrySuffix()) {
            String tld = base.substring(base.lastIndexOf('.') + 1);
            return Optional.of(name + " is an internal name: '" + tld + "' is not a public top-level domain, so "
                    + "no public CA may certify it (CA/B Forum BR 4.2.2).");
        }
        return Optional.empty();
    }

    /** The suffix a CAA search stops below: the public suffix, or the internal-name suffix that accepted the name. */
    public String suffixOf(String base) {
        Optional<String> internal = internalSuffix(base);
        if (internal.isPresent()) {
            return internal.get();
        }
        try {
            InternetDomainName domain = InternetDomainName.from(base);
            return domain.hasRegistrySuffix() ? domain.registrySuffix().toString() : "";
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private Optional<String> internalSuffix(String base) {
        return internalSuffixes.stream()
                .filter(s -> base.equals(s) || base.endsWith("." + s))
                .max(Comparator.comparingInt(String::length));
    }

    private static String underSuffix(String name, boolean wildcard, String suffix, String kind) {
        return wildcard
                ? name + " is a wildcard directly under the " + kind + " " + suffix + ", which no one holds as a "
                        + "whole (CA/B Forum BR 3.2.2.6)."
                : name + " is a " + kind + ": names are registered under it, no one holds it as a domain.";
    }
}
