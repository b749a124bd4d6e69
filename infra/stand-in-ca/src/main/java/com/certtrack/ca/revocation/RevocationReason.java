package com.certtrack.ca.revocation;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The revocation reasons a subscriber may give (BR 7.2.2), with their RFC 5280 CRLReason codes. */
public enum RevocationReason {
    UNSPECIFIED("unspecified", 0),
    KEY_COMPROMISE("keyCompromise", 1),
    AFFILIATION_CHANGED("affiliationChanged", 3),
    SUPERSEDED("superseded", 4),
    CESSATION_OF_OPERATION("cessationOfOperation", 5);

    public final String apiName;
    public final int code;

    RevocationReason(String apiName, int code) {
        this.apiName = apiName;
        this.code = code;
    }

    public static Optional<RevocationReason> fromApi(String name) {
        return Arrays.stream(values()).filter(r -> r.apiName.equals(name)).findFirst();
    }

    public static Optional<RevocationReason> fromCode(int code) {
        return Arrays.stream(values()).filter(r -> r.code == code).findFirst();
    }

    public static String apiNames() {
        return Arrays.stream(values()).map(r -> r.apiName).collect(Collectors.joining(", "));
    }
}
