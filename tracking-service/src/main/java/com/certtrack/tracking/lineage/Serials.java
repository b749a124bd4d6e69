package com.certtrack.tracking.lineage;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Certificate serial numbers as this service keeps them: lower-case hex without leading zeros or separators. */
public final class Serials {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{1,64}");

    private Serials() {
    }

    /** {@code 0A:1B:...}, {@code 0a1b...} and {@code 0x0A1B} all become {@code a1b...}; empty when not hex. */
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
