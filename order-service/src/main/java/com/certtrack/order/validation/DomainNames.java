package com.certtrack.order.validation;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks a domain name as a customer typed it and returns its ASCII form: internationalised names become punycode
 * (java.net.IDN), case and a trailing dot are dropped, a leading {@code *.} marks a wildcard.
 */
public final class DomainNames {

    /** A domain in the form certificates carry it. */
    public record Domain(String ascii, boolean wildcard) {}

    /** Why an input is not a domain name, worded for the person who typed it. */
    public static final class InvalidDomain extends Exception {
        InvalidDomain(String message) {
            super(message, null, false, false);
        }
    }

    private static final int MAX_LENGTH = 253;
    private static final int MAX_LABEL = 63;
    private static final Pattern LDH_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private DomainNames() {}

    public static Domain parse(String input) throws InvalidDomain {
        if (input == null || input.isBlank()) {
            throw new InvalidDomain("is required");
        }
        String name = input.strip().toLowerCase(Locale.ROOT);
        if (name.length() > 2 * MAX_LENGTH) {
            throw new InvalidDomain("is longer than " + MAX_LENGTH + " characters");
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (IPV4.matcher(name).matches() || name.contains(":")) {
            throw new InvalidDomain("is an IP address; enter a domain name such as example.com");
        }
        boolean wildcard = name.startsWith("*.");
        String base = wildcard ? name.substring(2) : name;
        if (base.contains("*")) {
            throw new InvalidDomain("may use a wildcard only as the whole leftmost label, as in *.example.com");
        }
        if (base.isEmpty() || base.startsWith(".") || base.contains("..")) {
            throw new InvalidDomain("has an empty label (two dots in a row, or a leading dot)");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(base, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            throw new InvalidDomain(
                    "is not a valid domain name: labels use letters, digits and hyphens, not starting or ending with a hyphen");
        }
        checkLabels(ascii);
        String full = wildcard ? "*." + ascii : ascii;
        if (full.length() > MAX_LENGTH) {
            throw new InvalidDomain("is longer than " + MAX_LENGTH + " characters");
        }
        return new Domain(full, wildcard);
    }

    private static void checkLabels(String ascii) throws InvalidDomain {
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            throw new InvalidDomain("needs at least two labels, as in example.com");
        }
        for (String label : labels) {
            if (label.isEmpty()) {
                throw new InvalidDomain("has an empty label (two dots in a row)");
            }
            if (label.length() > MAX_LABEL) {
                throw new InvalidDomain("has a label longer than " + MAX_LABEL + " characters");
            }
            if (!LDH_LABEL.matcher(label).matches()) {
                throw new InvalidDomain("has the label '" + label
                        + "': labels use letters, digits and hyphens, and do not start or end with a hyphen");
            }
            if (label.startsWith("xn--") && IDN.toUnicode(label).equals(label)) {
                throw new InvalidDomain("has the label '" + label + "', which is not valid punycode");
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            throw new InvalidDomain("ends in a numeric label; the top-level domain must contain a letter");
        }
    }
}
