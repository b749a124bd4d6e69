package com.certtrack.support.reference;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * The CA Reference (legacy name: Supplier Order Number): 80 random bits written as 16 symbols of Crockford's
 * base-32 alphabet (no I, L, O, U), grouped by four, plus one check symbol (Luhn mod 32) that catches any single
 * mistyped symbol and most swaps of neighbours: {@code 7K3M-9Q2X-AB4D-EF5H-J}.
 *
 * <p>Input is normalised before use: case, spaces and dashes are ignored, and the letters a reader confuses with
 * digits (O, I, L) are read as 0 and 1.
 */
public final class CaReference {

    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int DATA_SYMBOLS = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Why an input is not a CA Reference, worded for the person who typed it. */
    public enum Problem {
        EMPTY("Enter the CA Reference from your shipment e-mail."),
        WRONG_LENGTH("A CA Reference has 17 letters and digits (for example 7K3M-9Q2X-AB4D-EF5H-J)."),
        BAD_SYMBOL("A CA Reference contains only digits and the letters A-Z except I, L, O and U."),
        CHECK_FAILED("This CA Reference has a typing mistake: one symbol is wrong or two are swapped.");

        public final String message;

        Problem(String message) {
            this.message = message;
        }
    }

    private CaReference() {}

    public static String generate() {
        StringBuilder data = new StringBuilder(DATA_SYMBOLS + 1);
        for (int i = 0; i < DATA_SYMBOLS; i++) {
            data.append(ALPHABET.charAt(RANDOM.nextInt(32)));
        }
        data.append(checkSymbol(data));
        return format(data.toString());
    }

    /** @return the canonical 17-symbol form without dashes, or the problem with the input */
    public static Result normalise(String input) {
        if (input == null || input.isBlank()) {
            return Result.failed(Problem.EMPTY);
        }
        StringBuilder symbols = new StringBuilder();
        for (char c : input.toUpperCase(java.util.Locale.ROOT).toCharArray()) {
            if (c == '-' || Character.isWhitespace(c)) {
                continue;
            }
            char read = switch (c) {
                case 'O' -> '0';
                case 'I', 'L' -> '1';
                default -> c;
            };
            if (ALPHABET.indexOf(read) < 0) {
                return Result.failed(Problem.BAD_SYMBOL);
            }
            symbols.append(read);
        }
        if (symbols.length() != DATA_SYMBOLS + 1) {
            return Result.failed(Problem.WRONG_LENGTH);
        }
        if (checkSymbol(symbols.subSequence(0, DATA_SYMBOLS)) != symbols.charAt(DATA_SYMBOLS)) {
            return Result.failed(Problem.CHECK_FAILED);
        }
        return new Result(Optional.of(symbols.toString()), Optional.empty());
    }

    /** Groups of four for people: {@code 7K3M-9Q2X-AB4D-EF5H-J}. */
    public static String format(String canonical) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < canonical.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                out.append('-');
            }
            out.append(canonical.charAt(i));
        }
        return out.toString();
    }

    /** Luhn mod N over the base-32 symbol values. */
    static char checkSymbol(CharSequence data) {
        int factor = 2;
        int sum = 0;
        for (int i = data.length() - 1; i >= 0; i--) {
            int addend = factor * ALPHABET.indexOf(data.charAt(i));
            factor = factor == 2 ? 1 : 2;
            sum += addend / 32 + addend % 32;
        }
        return ALPHABET.charAt((32 - sum % 32) % 32);
    }

    public record Result(Optional<String> canonical, Optional<Problem> problem) {
        static Result failed(Problem problem) {
            return new Result(Optional.empty(), Optional.of(problem));
        }

        public boolean valid() {
            return canonical.isPresent();
        }
    }
}
