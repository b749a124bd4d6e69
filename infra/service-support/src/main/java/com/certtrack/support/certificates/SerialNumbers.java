package com.certtrack.support.certificates;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Certificate serial numbers as every service stores and compares them: lower-case hex without leading zeros,
 * separators or {@code 0x} (what {@code BigInteger.toString(16)} of the serial gives), at most 20 bytes' worth plus
 * room for what CAs print.
 */
public final class SerialNumbers {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{1,64}");

    private SerialNumbers() {}

    /** {@code 0A:1B:...}, {@code 0a 1b...} and {@code 0x0A1B} all become {@code a1b...}; empty when not hex. */
    public static Optional<String> normalise(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String hex = input.strip().toLowerCase(Locale.ROOT).replace(":", "").replace(" ", "");
        if (hex.startsWith("0x")) {
            hex = hex.substring(2);
        }
        if (!HEX.matcher(hex).matches()) {
            return Optional.empty();
        }
        String trimmed = hex.replaceFirst("^0+", "");
        return Optional.of(trimmed.isEmpty() ? "0" : trimmed);
    }
}
