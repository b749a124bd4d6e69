package com.certtrack.tracking.checks;

import com.certtrack.tracking.outbound.DnsLookup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.xbill.DNS.CAARecord;

/**
 * RFC 8659: the relevant CAA record set is the first non-empty one found climbing from the name to its parents;
 * {@code issuewild} (for wildcards) or {@code issue} must name our CA's identifier, or the CA must refuse to issue.
 */
@ApplicationScoped
public class CaaCheck {

    private static final Set<String> KNOWN_TAGS =
            Set.of("issue", "issuewild", "iodef", "contactemail", "contactphone", "issuemail", "issuevmc");

    private final DnsLookup dns;
    private final String identifier;

    public CaaCheck(DnsLookup dns, ChecksConfig config) {
        this.dns = dns;
        this.identifier = config.caaIdentifier();
    }

    /** @param name the certificate's name as ordered: {@code www.example.com} or {@code *.example.com} */
    public Finding check(String name) {
        boolean wildcard = name.startsWith("*.");
        String base = wildcard ? name.substring(2) : name;
        String tag = wildcard ? "issuewild" : "issue";
        String at = base;
        List<CAARecord> relevant = List.of();
        try {
            while (at.contains(".")) {
                relevant = dns.caa(at);
                if (!relevant.isEmpty()) {
                    break;
                }
                at = at.substring(at.indexOf('.') + 1);
            }
        } catch (IOException e) {
            return Finding.warning(
                    "CAA_LOOKUP_FAILED",
                    "The CAA records of " + base + " could not be read (" + e.getMessage()
                            + "); the CA must refuse to issue while the lookup fails.",
                    "Check that the domain's name servers answer CAA queries (dig CAA " + base + ").");
        }
        if (relevant.isEmpty()) {
            return Finding.ok(
                    "CAA_NONE",
                    "No CAA records for " + base + " or its parents: every CA, ours included, may issue for it.");
        }
        for (CAARecord caa : relevant) {
            if ((caa.getFlags() & 128) != 0 && !KNOWN_TAGS.contains(caa.getTag().toLowerCase(Locale.ROOT))) {
                return Finding.error(
                        "CAA_UNKNOWN_CRITICAL",
                        "The CAA records at " + at + " include a critical property '" + caa.getTag()
                                + "' that CAs do not understand, so no CA may issue.",
                        "Remove the critical flag (128) from that record, or remove the record.");
            }
        }
        List<CAARecord> applicable =
                relevant.stream().filter(r -> r.getTag().equalsIgnoreCase(tag)).toList();
        if (wildcard && applicable.isEmpty()) {
            applicable = relevant.stream()
                    .filter(r -> r.getTag().equalsIgnoreCase("issue"))
                    .toList();
        }
        if (applicable.isEmpty()) {
            return Finding.ok(
                    "CAA_ALLOWS",
                    "The CAA records at " + at + " do not restrict which CA issues " + (wildcard ? "wildcard " : "")
                            + "certificates (no " + tag + " property).");
        }
        String record = at + ". CAA 0 " + tag + " \"" + identifier + "\"";
        boolean allowed =
                applicable.stream().anyMatch(r -> issuerDomain(r.getValue()).equalsIgnoreCase(identifier));
        if (allowed) {
            return Finding.ok(
                    "CAA_ALLOWS",
                    "The CAA records at " + at + " allow our CA (" + identifier + ") to issue for " + name + ".");
        }
        return Finding.error(
                "CAA_FORBIDS",
                "The CAA records at " + at + " allow only "
                        + String.join(
                                ", ",
                                applicable.stream()
                                        .map(r -> "\"" + r.getValue() + "\"")
                                        .toList())
                        + " to issue for " + name + "; our CA (" + identifier + ") must refuse renewals and reissues.",
                "Add this record next to the existing ones: " + record);
    }

    private static String issuerDomain(String value) {
        int semicolon = value.indexOf(';');
        return (semicolon >= 0 ? value.substring(0, semicolon) : value).strip();
    }
}
