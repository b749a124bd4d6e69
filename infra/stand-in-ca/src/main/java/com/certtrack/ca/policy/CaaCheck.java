package com.certtrack.ca.policy;

import com.certtrack.ca.CaConfig;
import com.certtrack.ca.dcv.DnsQueries;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.xbill.DNS.CAARecord;

/**
 * The CAA check before every issuance (RFC 8659): from the name up to, not including, its public suffix, the first
 * non-empty CAA RRset decides. {@code issue} governs names, {@code issuewild} (else {@code issue}) wildcards; the
 * RFC 8657 parameters {@code accounturi} and {@code validationmethods} bind a record to an ACME account and
 * challenge types. A lookup that fails refuses issuance: a CA may not read silence into a broken resolver.
 */
@ApplicationScoped
public class CaaCheck {

    /** One name to issue for; {@code accountUri} and {@code validationMethod} are null outside ACME. */
    public record Subject(String name, String accountUri, String validationMethod) {}

    private static final int CRITICAL = 0x80;
    private static final Set<String> KNOWN_TAGS = Set.of("issue", "issuewild", "iodef");

    private final DnsQueries dns;
    private final NamePolicy names;
    private final boolean enabled;
    private final Set<String> identities;

    public CaaCheck(DnsQueries dns, NamePolicy names, CaConfig config) {
        this.dns = dns;
        this.names = names;
        this.enabled = config.policy().caaCheck();
        this.identities = config.policy().caaIdentities().orElse(List.of(config.domain())).stream()
                .map(identity -> identity.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** @return why the CA may not issue for these names (one sentence per refused name); empty when it may */
    public Optional<String> refusal(List<Subject> subjects) {
        if (!enabled) {
            return Optional.empty();
        }
        List<String> reasons = new ArrayList<>();
        for (Subject subject : subjects) {
            refusal(subject).ifPresent(reasons::add);
        }
        return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", reasons));
    }

    private Optional<String> refusal(Subject subject) {
        boolean wildcard = subject.name().startsWith("*.");
        String base = wildcard ? subject.name().substring(2) : subject.name();
        String suffix = names.suffixOf(base);
        for (String node = base; !node.isEmpty() && !node.equals(suffix); node = parent(node)) {
            List<CAARecord> rrset;
            try {
                rrset = dns.caa(node);
            } catch (IOException e) {
                return Optional.of("The CAA lookup for " + node + " failed (" + e.getMessage() + "); issuance for "
                        + subject.name() + " waits until DNS answers (RFC 8659 §3).");
            }
            if (!rrset.isEmpty()) {
                return decide(subject, wildcard, node, rrset);
            }
        }
        return Optional.empty();
    }

    private Optional<String> decide(Subject subject, boolean wildcard, String node, List<CAARecord> rrset) {
        for (CAARecord record : rrset) {
            String tag = record.getTag().toLowerCase(Locale.ROOT);
            if ((record.getFlags() & CRITICAL) != 0 && !KNOWN_TAGS.contains(tag)) {
                return Optional.of("The CAA record at " + node + " has the critical property '" + record.getTag()
                        + "' this CA does not understand, so it may not issue for " + subject.name()
                        + " (RFC 8659 §4.1).");
            }
        }
        boolean anyWild = rrset.stream().anyMatch(r -> r.getTag().equalsIgnoreCase("issuewild"));
        String governing = wildcard && anyWild ? "issuewild" : "issue";
        List<CaaValue> values = rrset.stream()
                .filter(r -> r.getTag().equalsIgnoreCase(governing))
                .map(r -> CaaValue.parse(r.getValue()))
                .toList();
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<String> unmet = new ArrayList<>();
        for (CaaValue value : values) {
            if (!identities.contains(value.issuer())) {
                continue;
            }
            Optional<String> mismatch = value.mismatch(subject.accountUri(), subject.validationMethod());
            if (mismatch.isEmpty()) {
                return Optional.empty();
            }
            unmet.add(mismatch.get());
        }
        if (!unmet.isEmpty()) {
            return Optional.of("The CAA '" + governing + "' record at " + node + " names this CA but "
                    + String.join("; ", unmet) + ", so it may not issue for " + subject.name() + ".");
        }
        String issuers = values.stream()
                .map(v -> v.issuer().isEmpty() ? "no CA" : v.issuer())
                .distinct()
                .collect(Collectors.joining(", "));
        return Optional.of("CAA forbids issuance for " + subject.name() + ": the '" + governing + "' record(s) at "
                + node + " allow " + issuers + ", not this CA ("
                + String.join(", ", identities.stream().sorted().toList()) + ").");
    }

    private static String parent(String node) {
        int dot = node.indexOf('.');
        return dot < 0 ? "" : node.substring(dot + 1);
    }
}
