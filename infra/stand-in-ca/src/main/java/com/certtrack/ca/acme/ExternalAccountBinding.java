package com.certtrack.ca.acme;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.JWK;
import jakarta.enterprise.context.ApplicationScoped;
import java.text.ParseException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;

/**
 * Checks the External Account Binding of a newAccount request (RFC 8555 §7.3.4): a JWS over the new account's JWK,
 * MACed with the HMAC key of a CaaS subscription and naming its EAB key id. It binds the ACME account to that
 * subscription. A key id may bind any number of accounts while the subscription runs.
 */
@ApplicationScoped
public class ExternalAccountBinding {

    private static final Set<JWSAlgorithm> MAC_ALGORITHMS =
            Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);

    private final JwsVerifier jws;
    private final AcmeAccountService subscriptions;

    public ExternalAccountBinding(JwsVerifier jws, AcmeAccountService subscriptions) {
        this.jws = jws;
        this.subscriptions = subscriptions;
    }

    /** @return the subscription the binding names */
    public AcmeAccount verify(JsonNode binding, JWK accountKey, String url) {
        if (binding == null || binding.isNull() || binding.isMissingNode()) {
            throw new AcmeProblem(
                    403,
                    "externalAccountRequired",
                    "This server requires External Account "
                            + "Binding: register with the EAB key id and HMAC key of your CaaS subscription.");
        }
        JWSObject mac = jws.parse(binding);
        if (!MAC_ALGORITHMS.contains(mac.getHeader().getAlgorithm())) {
            throw AcmeProblem.malformed("The externalAccountBinding must be MACed with HS256, HS384 or HS512.");
        }
        if (mac.getHeader().getCustomParam("nonce") != null) {
            throw AcmeProblem.malformed("The externalAccountBinding must not carry a nonce.");
        }
        if (!url.equals(mac.getHeader().getCustomParam("url"))) {
            throw AcmeProblem.unauthorized("The externalAccountBinding's url is not the newAccount URL.");
        }
        String keyId = mac.getHeader().getKeyID();
        AcmeAccount subscription =
                keyId == null ? null : AcmeAccount.byKeyId(keyId).orElse(null);
        if (subscription == null) {
            throw AcmeProblem.unauthorized("The EAB key id is unknown, or the MAC does not verify.");
        }
        byte[] key = subscriptions.hmacKey(subscription);
        boolean valid;
        try {
            valid = mac.verify(new MACVerifier(key));
        } catch (JOSEException e) {
            valid = false;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        if (!valid) {
            throw AcmeProblem.unauthorized("The EAB key id is unknown, or the MAC does not verify.");
        }
        if (subscription.expiresAt.isBefore(Instant.now())) {
            throw AcmeProblem.unauthorized("The CaaS subscription of this EAB key id has ended.");
        }
        JWK bound;
        try {
            bound = JWK.parse(mac.getPayload().toString());
            if (!bound.computeThumbprint().equals(accountKey.computeThumbprint())) {
                throw AcmeProblem.unauthorized(
                        "The externalAccountBinding binds a different key than the request's jwk.");
            }
        } catch (ParseException | JOSEException e) {
            throw AcmeProblem.malformed("The externalAccountBinding payload must be the account's public JWK.");
        }
        return subscription;
    }
}
