package com.certtrack.ca.acme;

import java.util.UUID;

/**
 * The URLs of the ACME resources, built on the base URL the client used (its Host header), so a client reaching
 * the CA under any name or port gets URLs it can reach again, and the JWS {@code url} check compares like with like.
 */
public record AcmeUrls(String base) {

    public AcmeUrls {
        base = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/acme";
    }

    public String directory() {
        return base + "/directory";
    }

    public String newNonce() {
        return base + "/new-nonce";
    }

    public String newAccount() {
        return base + "/new-account";
    }

    public String newOrder() {
        return base + "/new-order";
    }

    public String revokeCert() {
        return base + "/revoke-cert";
    }

    public String keyChange() {
        return base + "/key-change";
    }

    public String renewalInfo() {
        return base + "/renewal-info";
    }

    public String account(UUID id) {
        return base + "/acct/" + id;
    }

    public String accountOrders(UUID id) {
        return account(id) + "/orders";
    }

    public String order(UUID id) {
        return base + "/order/" + id;
    }

    public String finalizeOrder(UUID id) {
        return order(id) + "/finalize";
    }

    public String authorization(UUID id) {
        return base + "/authz/" + id;
    }

    public String challenge(UUID authorizationId, String type) {
        return base + "/chall/" + authorizationId + "/" + type;
    }

    public String certificate(UUID id) {
        return base + "/cert/" + id;
    }
}
