package com.certtrack.eab.reveal;

import java.time.Instant;
import java.util.Map;

public record RevealedCredentials(
        String orderNumber,
        String lineId,
        String eabKeyId,
        String eabHmacKey,
        String acmeDirectoryUrl,
        Instant revealableUntil,
        String warning,
        Map<String, String> clients) {

    @Override
    public String toString() {
        return "RevealedCredentials[" + lineId + ", " + eabKeyId + "]";
    }
}
