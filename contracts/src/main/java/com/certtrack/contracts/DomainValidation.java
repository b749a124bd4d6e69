package com.certtrack.contracts;

/**
 * One domain of a certificate line, with its validation state and what the customer must do next.
 * {@code dcvTarget} and {@code dcvValue} say exactly what the CA checks, so the portal can diagnose it first:
 * {@code HTTP_FILE}: the URL the CA fetches and the content it expects; {@code DNS_TXT}: the record name and its
 * value; {@code DNS_CNAME}: the record name and the target it must point to; {@code EMAIL}: both null.
 * They are public values (they are published in DNS or on the web), not secrets.
 */
public record DomainValidation(
        String name, DcvMethod dcvMethod, DcvStatus dcvStatus, String instructions, String dcvTarget, String dcvValue) {

    public DomainValidation(String name, DcvMethod dcvMethod, DcvStatus dcvStatus, String instructions) {
        this(name, dcvMethod, dcvStatus, instructions, null, null);
    }
}
