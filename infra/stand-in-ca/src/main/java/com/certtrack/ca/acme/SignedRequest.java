package com.certtrack.ca.acme;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWK;

/**
 * A verified ACME request: its payload ({@code null} for POST-as-GET), the signing key, and the account that signed
 * it when the request named one by {@code kid}.
 */
public record SignedRequest(JWSObject jws, JsonNode payload, JWK key, AcmeClientAccount account) {

    public boolean postAsGet() {
        return payload == null;
    }

    /** The JSON object payload, or malformed when the request was POST-as-GET or not an object. */
    public JsonNode object() {
        if (payload == null || !payload.isObject()) {
            throw AcmeProblem.malformed("The payload must be a JSON object.");
        }
        return payload;
    }
}
