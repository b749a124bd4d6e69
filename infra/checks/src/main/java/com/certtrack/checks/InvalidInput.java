package com.certtrack.checks;

/** Input a check cannot work with, naming the request field it came in; the service answers it as a 400. */
public class InvalidInput extends IllegalArgumentException {

    private final String field;

    public InvalidInput(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
