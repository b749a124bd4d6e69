package com.certtrack.tracking.checks;

import com.certtrack.tracking.outbound.OutboundHttp;
import java.time.Instant;

/**
 * What one revocation source (OCSP or the CRL) said. {@code error} is a stable code when the source gave no usable
 * answer: UNREACHABLE, TIMEOUT, NO_URL, ISSUER_NOT_FOUND, SIGNATURE_INVALID, STALE, NONCE_MISMATCH,
 * CERT_ID_MISMATCH, RESPONDER_UNKNOWN, RESPONDER_ERROR, MALFORMED_RESPONSE, URL_REFUSED, TOO_LARGE.
 */
public record RevocationSource(
        String url,
        RevocationStatus status,
        Instant thisUpdate,
        Instant nextUpdate,
        Instant revokedAt,
        String reason,
        String error,
        String explanation) {

    public static RevocationSource unknown(String url, String error, String explanation) {
        return new RevocationSource(url, RevocationStatus.UNKNOWN, null, null, null, null, error, explanation);
    }

    public static RevocationSource fetchFailed(String what, String url, OutboundHttp.Failure failure) {
        return switch (failure.kind()) {
            case TIMEOUT ->
                unknown(
                        url,
                        "TIMEOUT",
                        "The " + what + " at " + url + " did not answer in time ("
                                + failure.getMessage()
                                + "). The status cannot be confirmed from it; browsers usually accept "
                                + "the certificate in that case. Try again later.");
            case UNREACHABLE, NO_ADDRESS ->
                unknown(
                        url,
                        "UNREACHABLE",
                        "The " + what + " at " + url
                                + " could not be reached (" + failure.getMessage()
                                + "). The status cannot be confirmed from it; "
                                + "if this lasts, the CA's service is down.");
            case BAD_URL, PRIVATE_ADDRESS ->
                unknown(
                        url,
                        "URL_REFUSED",
                        "The " + what + " URL in the certificate was not fetched: " + failure.getMessage());
            case TOO_LARGE ->
                unknown(
                        url,
                        "TOO_LARGE",
                        "The " + what + " at " + url + " sent more data than accepted (" + failure.getMessage() + ").");
        };
    }

    /** The reason names of RFC 5280 CRLReason, as the API spells reasons. */
    public static String reasonName(int code) {
        return switch (code) {
            case 0 -> "UNSPECIFIED";
            case 1 -> "KEY_COMPROMISE";
            case 2 -> "CA_COMPROMISE";
            case 3 -> "AFFILIATION_CHANGED";
            case 4 -> "SUPERSEDED";
            case 5 -> "CESSATION_OF_OPERATION";
            case 6 -> "CERTIFICATE_HOLD";
            case 8 -> "REMOVE_FROM_CRL";
            case 9 -> "PRIVILEGE_WITHDRAWN";
            case 10 -> "AA_COMPROMISE";
            default -> "UNSPECIFIED";
        };
    }
}
