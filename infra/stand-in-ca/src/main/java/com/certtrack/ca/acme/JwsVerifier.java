package com.certtrack.ca.acme;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.text.ParseException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Verifies the flattened JWS of every ACME POST (RFC 8555 §6.2-6.5): an allowed algorithm, a fresh nonce, the URL
 * the request was sent to, and exactly one of {@code jwk} (new accounts, revocation by certificate key) or
 * {@code kid} (an existing, valid account), whose key must verify the signature.
 */
@ApplicationScoped
public class JwsVerifier {

    public enum KeyMode {
        JWK,
        KID,
        EITHER
    }

    static final List<String> ALGORITHMS = List.of("ES256", "ES384", "ES512", "RS256");
    private static final Set<JWSAlgorithm> ALLOWED =
            Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.RS256);
    private static final int MAX_BODY = 64 * 1024;
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private final AcmeNonces nonces;
    private final AccountKeys accountKeys;
    private final ObjectMapper json;

    public JwsVerifier(AcmeNonces nonces, AccountKeys accountKeys, ObjectMapper json) {
        this.nonces = nonces;
        this.accountKeys = accountKeys;
        this.json = json;
    }

    /** The outer JWS of a request to {@code url}. */
    public SignedRequest verify(String body, String url, KeyMode mode) {
        JWSObject jws = parse(body);
        JWSHeader header = jws.getHeader();
        checkAlgorithm(header);
        if (!nonces.consume(stringParam(header, "nonce"))) {
            throw new AcmeProblem(
                    400,
                    "badNonce",
                    "The nonce is missing, already used or expired; use the Replay-Nonce of this answer.");
        }
        checkUrl(header, url);
        JWK jwk = header.getJWK();
        String kid = header.getKeyID();
        if ((jwk == null) == (kid == null)) {
            throw AcmeProblem.malformed("The protected header must carry exactly one of 'jwk' and 'kid'.");
        }
        if (jwk != null && mode == KeyMode.KID) {
            throw AcmeProblem.malformed("This request must be signed by an account key named by 'kid'.");
        }
        if (kid != null && mode == KeyMode.JWK) {
            throw AcmeProblem.malformed("This request must carry the public key as 'jwk', not 'kid'.");
        }
        AcmeClientAccount account = null;
        JWK key = jwk;
        if (kid != null) {
            account = accountKeys.account(kid);
            key = accountKeys.publicKey(account);
        } else {
            checkKey(jwk);
        }
        verifySignature(jws, key);
        return new SignedRequest(jws, payload(jws), key, account);
    }

    /** The inner JWS of a key change (RFC 8555 §7.3.5): signed by the new key, no nonce, the same URL. */
    public SignedRequest verifyInner(JsonNode inner, String url) {
        JWSObject jws = parse(inner);
        JWSHeader header = jws.getHeader();
        checkAlgorithm(header);
        checkUrl(header, url);
        if (header.getCustomParam("nonce") != null) {
            throw AcmeProblem.malformed("The inner JWS of a key change must not carry a nonce.");
        }
        JWK jwk = header.getJWK();
        if (jwk == null || header.getKeyID() != null) {
            throw AcmeProblem.malformed("The inner JWS of a key change must carry the new key as 'jwk'.");
        }
        checkKey(jwk);
        verifySignature(jws, jwk);
        return new SignedRequest(jws, payload(jws), jwk, null);
    }

    JWSObject parse(String body) {
        if (body == null || body.isBlank()) {
            throw AcmeProblem.malformed("The request body must be a flattened JWS (application/jose+json).");
        }
        if (body.length() > MAX_BODY) {
            throw AcmeProblem.malformed("The request body is larger than " + MAX_BODY + " bytes.");
        }
        try {
            return parse(json.readTree(body));
        } catch (IOException e) {
            throw AcmeProblem.malformed("The request body is not JSON.");
        }
    }

    JWSObject parse(JsonNode node) {
        if (node == null
                || !node.isObject()
                || !node.path("protected").isTextual()
                || !node.path("payload").isTextual()
                || !node.path("signature").isTextual()) {
            throw AcmeProblem.malformed(
                    "A flattened JWS needs the string members 'protected', 'payload' and 'signature'.");
        }
        if (node.has("header")) {
            throw AcmeProblem.malformed("ACME requests carry no unprotected header.");
        }
        try {
            return new JWSObject(
                    new Base64URL(node.get("protected").asText()),
                    new Base64URL(node.get("payload").asText()),
                    new Base64URL(node.get("signature").asText()));
        } catch (ParseException | RuntimeException e) {
            throw AcmeProblem.malformed("The JWS protected header does not parse: " + e.getMessage());
        }
    }

    private static void checkAlgorithm(JWSHeader header) {
        if (!ALLOWED.contains(header.getAlgorithm())) {
            throw AcmeProblem.badSignatureAlgorithm(
                    "The JWS algorithm " + header.getAlgorithm() + " is not accepted.", ALGORITHMS);
        }
    }

    private static void checkUrl(JWSHeader header, String url) {
        String signed = stringParam(header, "url");
        if (signed == null) {
            throw AcmeProblem.malformed("The protected header has no 'url'.");
        }
        if (!signed.equals(url)) {
            throw AcmeProblem.unauthorized("The protected header's url " + signed + " is not the URL this request "
                    + "was sent to (" + url + ").");
        }
    }

    private static String stringParam(JWSHeader header, String name) {
        return header.getCustomParam(name) instanceof String value ? value : null;
    }

    /** Account keys: ECDSA on P-256/384/521 or RSA of at least 2048 bits, public parts only. */
    static void checkKey(JWK jwk) {
        if (jwk.isPrivate()) {
            throw AcmeProblem.malformed("The 'jwk' must be a public key.");
        }
        if (jwk instanceof RSAKey rsa && rsa.size() < 2048) {
            throw new AcmeProblem(400, "badPublicKey", "RSA account keys need at least 2048 bits.");
        }
        if (!(jwk instanceof RSAKey) && !(jwk instanceof ECKey)) {
            throw new AcmeProblem(400, "badPublicKey", "Account keys must be RSA or ECDSA.");
        }
    }

    private static void verifySignature(JWSObject jws, JWK key) {
        boolean valid;
        try {
            JWSVerifier verifier = key instanceof ECKey ec ? new ECDSAVerifier(ec) : new RSASSAVerifier((RSAKey) key);
            // BouncyCastle's fixed-width P-256/P-384 arithmetic verifies several times faster than Java 17's SunEC,
            // and every ACME request pays for one verification (the hot spot in infra/bench/acme.sh profiles).
            verifier.getJCAContext().setProvider(BC);
            if (!verifier.supportedJWSAlgorithms().contains(jws.getHeader().getAlgorithm())) {
                throw AcmeProblem.badSignatureAlgorithm(
                        "The JWS algorithm " + jws.getHeader().getAlgorithm() + " does not fit the " + key.getKeyType()
                                + " key.",
                        ALGORITHMS);
            }
            valid = jws.verify(verifier);
        } catch (JOSEException | IllegalStateException e) {
            valid = false;
        }
        if (!valid) {
            throw AcmeProblem.malformed("The JWS signature does not verify with the key.");
        }
    }

    private JsonNode payload(JWSObject jws) {
        String text = jws.getPayload().toString();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw AcmeProblem.malformed("The JWS payload is not JSON.");
        }
    }

    static UUID accountId(String kid) {
        int at = kid.lastIndexOf("/acme/acct/");
        try {
            return at < 0 ? null : UUID.fromString(kid.substring(at + "/acme/acct/".length()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
