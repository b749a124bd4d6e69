package com.certtrack.eab.reveal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Copy-paste command lines that get a first certificate with these EAB credentials (certbot and lego answer
 * http-01 themselves on port 80; the README shows the local stack's port). Values are joined with
 * {@code =}: a base64url key may start with '-', which a client would otherwise read as an option.
 */
final class ClientSnippets {

    private ClientSnippets() {}

    static Map<String, String> of(String directoryUrl, String keyId, String hmacKey) {
        Map<String, String> clients = new LinkedHashMap<>();
        clients.put(
                "certbot",
                "certbot certonly --standalone --server " + directoryUrl + " --eab-kid=" + keyId + " --eab-hmac-key="
                        + hmacKey + " --agree-tos --no-eff-email -m you@example.com -d example.com");
        clients.put(
                "lego",
                "lego --server " + directoryUrl + " --eab --kid=" + keyId + " --hmac=" + hmacKey
                        + " --accept-tos --email you@example.com --domains example.com --http --path ./lego run");
        clients.put(
                "acme.sh",
                "acme.sh --register-account --server " + directoryUrl + " --eab-kid " + keyId + " --eab-hmac-key '"
                        + hmacKey + "' -m you@example.com");
        return clients;
    }
}
