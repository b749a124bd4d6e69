package com.certtrack.contracts;

/** One domain of a certificate line, with its validation state and what the customer must do next. */
public record DomainValidation(String name, DcvMethod dcvMethod, DcvStatus dcvStatus, String instructions) {
}
