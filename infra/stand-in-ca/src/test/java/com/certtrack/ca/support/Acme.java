package com.certtrack.ca.support;

import static io.restassured.RestAssured.given;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** EAB credentials from the CA's API, and hand-made ACME requests (JWS by nimbus) for the error cases. */
public final class Acme {

    public record Eab(String keyId, String hmacKey) {}

    private Acme() {}

    public static String base() {
        return "http://localhost:" + RestAssured.port + "/acme";
    }

    public static String directory() {
        return base() + "/directory";
    }

    /** New EAB credentials, as ca-gateway provisions them for a CaaS line. */
    public static Eab eab() {
        var created = Api.api()
                .body(Map.of("clientOrderId", "caas-" + UUID.randomUUID(), "termMonths", 12))
                .post("/api/v1/acme-accounts")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        return new Eab(created.getString("eabKeyId"), created.getString("eabHmacKey"));
    }

    public static ECKey ecKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RSAKey rsaKey() {
        try {
            return new RSAKeyGenerator(2048).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String nonce() {
        return given().head(base() + "/new-nonce")
                .then()
                .statusCode(200)
                .extract()
                .header("Replay-Nonce");
    }

    /** A flattened JWS; {@code kid} null means the public key goes in as {@code jwk}. */
    public static Map<String, String> jws(JWK key, String kid, String nonce, String url, String payload) {
        JWSAlgorithm algorithm = key instanceof RSAKey ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256;
        JWSHeader.Builder header = new JWSHeader.Builder(algorithm).customParam("url", url);
        if (nonce != null) {
            header.customParam("nonce", nonce);
        }
        if (kid == null) {
            header.jwk(key.toPublicJWK());
        } else {
            header.keyID(kid);
        }
        try {
            JWSSigner signer = key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key);
            return sign(new JWSObject(header.build(), new Payload(payload)), signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The externalAccountBinding member: HS256 over the account's public JWK, MACed with {@code hmacKey}. */
    public static Map<String, String> binding(JWK accountKey, String keyId, byte[] hmacKey, String url) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256)
                .keyID(keyId)
                .customParam("url", url)
                .build();
        try {
            return sign(
                    new JWSObject(header, new Payload(accountKey.toPublicJWK().toJSONString())),
                    new MACSigner(hmacKey));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] hmac(Eab eab) {
        return Base64.getUrlDecoder().decode(eab.hmacKey());
    }

    public static Response post(String url, Map<String, String> jws) {
        return given().contentType("application/jose+json").body(jws).post(url);
    }

    /** newAccount signed by {@code key}, with the given binding (or none). */
    public static Response newAccount(JWK key, Map<String, String> binding) {
        String url = base() + "/new-account";
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("termsOfServiceAgreed", true);
        payload.put("contact", new String[] {"mailto:ops@example.test"});
        if (binding != null) {
            payload.put("externalAccountBinding", binding);
        }
        return post(url, jws(key, null, nonce(), url, json(payload)));
    }

    public static String json(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> sign(JWSObject jws, JWSSigner signer) throws JOSEException {
        jws.sign(signer);
        return Map.of(
                "protected",
                jws.getHeader().toBase64URL().toString(),
                "payload",
                jws.getPayload().toBase64URL().toString(),
                "signature",
                jws.getSignature().toString());
    }
}
