package com.certtrack.ca.acme;

import com.certtrack.ca.limits.RateLimits;
import com.certtrack.ca.limits.TokenBuckets;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/** ACME accounts: creation with EAB (§7.3), lookup, contact update, deactivation (§7.3.6), key rollover (§7.3.5). */
@ApplicationScoped
public class AcmeRegistrations {

    private static final Logger LOG = Logger.getLogger(AcmeRegistrations.class);
    private static final Pattern MAILTO =
            Pattern.compile("mailto:[^@\\s,;?]+@[a-z0-9.-]+\\.[a-z]{2,}", Pattern.CASE_INSENSITIVE);

    private final JwsVerifier jws;
    private final ExternalAccountBinding eab;
    private final TokenBuckets newAccounts;

    public AcmeRegistrations(JwsVerifier jws, ExternalAccountBinding eab, RateLimits limits) {
        this.jws = jws;
        this.eab = eab;
        this.newAccounts = limits.newAccounts();
    }

    /** Creates an account, or finds the key's; only creations count against the client address's limit. */
    @Transactional
    public AcmeAnswer newAccount(String body, AcmeUrls urls, String clientAddress) {
        SignedRequest request = jws.verify(body, urls.newAccount(), JwsVerifier.KeyMode.JWK);
        JsonNode payload = request.object();
        String thumbprint = thumbprint(request.key());
        AcmeClientAccount existing = AcmeClientAccount.byThumbprint(thumbprint).orElse(null);
        if (existing != null) {
            if (existing.status != AcmeClientAccount.Status.valid) {
                throw AcmeProblem.unauthorized("The account of this key is " + existing.status + ".");
            }
            return AcmeAnswer.ok(AcmeViews.account(existing, urls), urls.account(existing.id));
        }
        if (payload.path("onlyReturnExisting").asBoolean(false)) {
            throw new AcmeProblem(400, "accountDoesNotExist", "No account exists for this key.");
        }
        List<String> contact = contact(payload.get("contact"));
        AcmeAccount subscription = eab.verify(payload.get("externalAccountBinding"), request.key(), urls.newAccount());
        long wait = newAccounts.take(clientAddress);
        if (wait > 0) {
            throw AcmeProblem.rateLimited(
                    "Too many new accounts from your address (limit " + RateLimits.describe(newAccounts)
                            + "). Retry after " + wait + " seconds.",
                    wait);
        }
        AcmeClientAccount account = new AcmeClientAccount();
        account.id = UUID.randomUUID();
        account.subscriptionId = subscription.id;
        account.jwk = request.key().toPublicJWK().toJSONString();
        account.jwkThumbprint = thumbprint;
        account.status = AcmeClientAccount.Status.valid;
        account.contact = String.join("\n", contact);
        account.createdAt = Instant.now();
        account.persist();
        LOG.infof("ACME account %s bound to CaaS subscription %s", account.id, subscription.id);
        return AcmeAnswer.created(AcmeViews.account(account, urls), urls.account(account.id));
    }

    /** POST to the account URL: POST-as-GET reads it; a payload updates the contact or deactivates it. */
    @Transactional
    public AcmeAnswer account(UUID id, String body, AcmeUrls urls) {
        SignedRequest request = jws.verify(body, urls.account(id), JwsVerifier.KeyMode.KID);
        AcmeClientAccount account = own(request, id);
        if (request.postAsGet()) {
            return AcmeAnswer.ok(AcmeViews.account(account, urls));
        }
        JsonNode payload = request.object();
        if (payload.has("contact")) {
            account.contact = String.join("\n", contact(payload.get("contact")));
        }
        JsonNode status = payload.get("status");
        if (status != null) {
            if (!"deactivated".equals(status.asText())) {
                throw AcmeProblem.malformed("A client may only set the account status to 'deactivated'.");
            }
            account.status = AcmeClientAccount.Status.deactivated;
            LOG.infof("ACME account %s deactivated by its holder", account.id);
        }
        return AcmeAnswer.ok(AcmeViews.account(account, urls));
    }

    @Transactional
    public AcmeAnswer orders(UUID id, String body, AcmeUrls urls) {
        SignedRequest request = jws.verify(body, urls.accountOrders(id), JwsVerifier.KeyMode.KID);
        AcmeClientAccount account = own(request, id);
        return AcmeAnswer.ok(new AcmeViews.OrderList(AcmeOrder.ofAccount(account.id).stream()
                .map(order -> urls.order(order.id))
                .toList()));
    }

    @Transactional
    public AcmeAnswer keyChange(String body, AcmeUrls urls) {
        SignedRequest outer = jws.verify(body, urls.keyChange(), JwsVerifier.KeyMode.KID);
        AcmeClientAccount account = outer.account();
        SignedRequest inner = jws.verifyInner(outer.object(), urls.keyChange());
        JsonNode change = inner.object();
        if (!urls.account(account.id).equals(change.path("account").asText())) {
            throw AcmeProblem.unauthorized("The key change names a different account than the one signing it.");
        }
        try {
            JWK oldKey = JWK.parse(change.path("oldKey").toString());
            if (!thumbprint(oldKey).equals(account.jwkThumbprint)) {
                throw AcmeProblem.unauthorized("'oldKey' is not the account's current key.");
            }
        } catch (ParseException e) {
            throw AcmeProblem.malformed("'oldKey' must be the account's current public JWK.");
        }
        String newThumbprint = thumbprint(inner.key());
        var holder = AcmeClientAccount.byThumbprint(newThumbprint);
        if (holder.isPresent()) {
            throw AcmeProblem.keyInUse(urls.account(holder.get().id));
        }
        account.jwk = inner.key().toPublicJWK().toJSONString();
        account.jwkThumbprint = newThumbprint;
        LOG.infof("ACME account %s changed its key", account.id);
        return AcmeAnswer.ok(AcmeViews.account(account, urls));
    }

    private static AcmeClientAccount own(SignedRequest request, UUID id) {
        if (!request.account().id.equals(id)) {
            throw AcmeProblem.unauthorized("An account may only read and change itself.");
        }
        return request.account();
    }

    static String thumbprint(JWK key) {
        try {
            return key.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw AcmeProblem.malformed("The key has no thumbprint: " + e.getMessage());
        }
    }

    private static List<String> contact(JsonNode contact) {
        List<String> values = new ArrayList<>();
        if (contact == null || contact.isNull()) {
            return values;
        }
        if (!contact.isArray() || contact.size() > 10) {
            throw AcmeProblem.malformed("'contact' must be an array of at most 10 mailto: URLs.");
        }
        for (JsonNode value : contact) {
            String url = value.asText("");
            if (!url.regionMatches(true, 0, "mailto:", 0, 7)) {
                throw new AcmeProblem(
                        400, "unsupportedContact", "Only mailto: contacts are supported, not '" + url + "'.");
            }
            if (!MAILTO.matcher(url).matches()) {
                throw new AcmeProblem(400, "invalidContact", "'" + url + "' is not a single e-mail address.");
            }
            values.add(url);
        }
        return values;
    }
}
