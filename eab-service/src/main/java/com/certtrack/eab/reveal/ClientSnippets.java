package com.certtrack.eab.reveal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Copy-paste command lines that register an ACME client with these EAB credentials. Values are joined with
 * {@code =}: a base64url key may start with '-', which a client would otherwise read as an option.
 */
final class ClientSnippets {

    private ClientSnippets() {
    }

    static Map<String, String> of(String directoryUrl, String keyId, String hmacKey) {
        Map<String, String> clients = new LinkedHashMap<>();
        clients.put("certbot", "certbot register --server " + directoryUrl + " --eab-kid=" + keyId
                + " --eab-hmac-key=" + hmacKey + " --email you@example.com --agree-tos --no-eff-email");
        clients.put("lego", "lego --server " + directoryUrl + " --eab --kid=" + keyId + " --hmac=" + hmacKey
                + " --email you@example.com --domains example.com --path ./lego --http run");
        clients.put("acme.sh", "acme.sh --register-account --server " + directoryUrl + " --eab-kid " + keyId
                + " --eab-hmac-key '" + hmacKey + "' -m you@example.com");
        return clients;
    }
}
