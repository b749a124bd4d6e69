package com.certtrack.tracking.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signing (standardwebhooks.com): {@code v1,} + base64 HMAC-SHA256 over
 * {@code id + "." + timestamp + "." + body}, keyed with the base64-decoded part of the {@code whsec_} secret, so
 * the receivers' standard libraries verify it as it is.
 */
public final class WebhookSignature {

    private WebhookSignature() {}

    public static String sign(String secret, String id, long timestampSeconds, String body) {
        if (!secret.startsWith(WebhookSecrets.PREFIX)) {
            throw new IllegalArgumentException("not a webhook secret");
        }
        byte[] key = Base64.getDecoder().decode(secret.substring(WebhookSecrets.PREFIX.length()));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signature = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
