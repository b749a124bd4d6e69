package com.certtrack.order.placement;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Order numbers: {@code CT-} and 10 random symbols of Crockford's base-32 alphabet (50 bits), so they cannot be
 * guessed from one another. Their form differs from a CA Reference (17 symbols in dashed groups of four), so neither
 * is mistaken for the other.
 */
public final class OrderNumbers {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final String PREFIX = "CT-";
    private static final int SYMBOLS = 10;
    private static final Pattern FORM = Pattern.compile("CT-[0-9A-HJKMNP-TV-Z]{10}");
    /** A line id: the order number, a dash, the line number counted from 1. */
    private static final Pattern LINE_ID = Pattern.compile("CT-[0-9A-HJKMNP-TV-Z]{10}-[1-9][0-9]{0,3}");

    private static final SecureRandom RANDOM = new SecureRandom();

    private OrderNumbers() {}

    public static String next() {
        StringBuilder number = new StringBuilder(PREFIX);
        for (int i = 0; i < SYMBOLS; i++) {
            number.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return number.toString();
    }

    /** @return the canonical form of what a customer typed, or empty when it cannot be an order number */
    public static Optional<String> normalise(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String number = input.strip().toUpperCase(Locale.ROOT);
        return FORM.matcher(number).matches() ? Optional.of(number) : Optional.empty();
    }

    /** @return the canonical form of a line id ({@code CT-XXXXXXXXXX-1}), or empty when it cannot be one */
    public static Optional<String> normaliseLineId(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String lineId = input.strip().toUpperCase(Locale.ROOT);
        return LINE_ID.matcher(lineId).matches() ? Optional.of(lineId) : Optional.empty();
    }
}
