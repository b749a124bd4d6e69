package com.certtrack.ca.acme;

import com.nimbusds.jose.jwk.JWK;
import jakarta.enterprise.context.ApplicationScoped;
import java.text.ParseException;
import java.util.UUID;

/** Finds the account a {@code kid} names and its current public key. */
@ApplicationScoped
public class AccountKeys {

    public AcmeClientAccount account(String kid) {
        UUID id = JwsVerifier.accountId(kid);
        AcmeClientAccount account = id == null ? null : AcmeClientAccount.findById(id);
        if (account == null) {
            throw new AcmeProblem(400, "accountDoesNotExist", "No account is known under kid " + kid + ".");
        }
        if (account.status != AcmeClientAccount.Status.valid) {
            throw AcmeProblem.unauthorized("The account is " + account.status + ".");
        }
        return account;
    }

    public JWK publicKey(AcmeClientAccount account) {
        try {
            return JWK.parse(account.jwk);
        } catch (ParseException e) {
            throw new IllegalStateException("stored account key does not parse", e);
        }
    }
}
