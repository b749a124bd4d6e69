package com.certtrack.cagateway.ca.standin;

import com.certtrack.contracts.RevocationReason;

/** The stand-in CA names revocation reasons as RFC 5280 does ({@code keyCompromise}); the contracts as constants. */
final class RevocationReasons {

    private RevocationReasons() {}

    static String apiName(RevocationReason reason) {
        return switch (reason == null ? RevocationReason.UNSPECIFIED : reason) {
            case UNSPECIFIED -> "unspecified";
            case KEY_COMPROMISE -> "keyCompromise";
            case AFFILIATION_CHANGED -> "affiliationChanged";
            case SUPERSEDED -> "superseded";
            case CESSATION_OF_OPERATION -> "cessationOfOperation";
        };
    }

    /** @return null for no reason or one the contracts do not name */
    static RevocationReason fromApiName(String name) {
        for (RevocationReason reason : RevocationReason.values()) {
            if (apiName(reason).equals(name)) {
                return reason;
            }
        }
        return null;
    }
}
