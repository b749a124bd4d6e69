package com.certtrack.ca.acme;

import com.certtrack.ca.CaConfig;
import com.certtrack.ca.issuance.CheckedCsr;
import com.certtrack.ca.issuance.CsrRejectedException;
import com.certtrack.ca.issuance.IssuanceService;
import com.certtrack.ca.issuance.LeafCertificate;
import com.certtrack.ca.issuance.LeafCertificateBuilder.LeafSpec;
import com.certtrack.ca.issuance.ValidationLevel;
import com.certtrack.ca.limits.RateLimits;
import com.certtrack.ca.limits.TokenBuckets;
import com.certtrack.ca.policy.CaaCheck;
import com.certtrack.ca.policy.NamePolicy;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Orders (§7.4), their authorizations (§7.5), finalization with the CA's CSR checks and certificate download. */
@ApplicationScoped
public class AcmeOrders {

    static final Duration ORDER_LIFETIME = Duration.ofDays(7);
    private static final Logger LOG = Logger.getLogger(AcmeOrders.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final JwsVerifier jws;
    private final IssuanceService issuance;
    private final CaConfig config;
    private final NamePolicy namePolicy;
    private final CaaCheck caa;
    private final TokenBuckets newOrders;

    public AcmeOrders(
            JwsVerifier jws,
            IssuanceService issuance,
            CaConfig config,
            NamePolicy namePolicy,
            CaaCheck caa,
            RateLimits limits) {
        this.jws = jws;
        this.issuance = issuance;
        this.config = config;
        this.namePolicy = namePolicy;
        this.caa = caa;
        this.newOrders = limits.newOrders();
    }

    @Transactional
    public AcmeAnswer newOrder(String body, AcmeUrls urls) {
        SignedRequest request = jws.verify(body, urls.newOrder(), JwsVerifier.KeyMode.KID);
        JsonNode payload = request.object();
        if (payload.hasNonNull("notBefore") || payload.hasNonNull("notAfter")) {
            throw AcmeProblem.malformed("notBefore and notAfter are not supported: certificates are valid for "
                    + config.maxValidityDays() + " days from issuance.");
        }
        List<String> names = AcmeIdentifiers.parse(payload.get("identifiers"), namePolicy);
        AcmeAccount subscription = AcmeAccount.findById(request.account().subscriptionId);
        if (subscription.expiresAt.isBefore(Instant.now())) {
            throw AcmeProblem.unauthorized("The CaaS subscription of this account has ended.");
        }
        long wait = newOrders.take(request.account().id.toString());
        if (wait > 0) {
            throw AcmeProblem.rateLimited(
                    "Too many new orders for this account (limit " + RateLimits.describe(newOrders) + "). Retry after "
                            + wait + " seconds.",
                    wait);
        }
        Instant now = Instant.now();
        AcmeOrder order = new AcmeOrder();
        order.id = UUID.randomUUID();
        order.accountId = request.account().id;
        order.status = AcmeOrder.Status.pending;
        order.identifiers = String.join("\n", names);
        order.expiresAt = now.plus(ORDER_LIFETIME);
        order.createdAt = now;
        order.persist();
        List<AcmeAuthorization> authorizations = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            AcmeAuthorization authorization = new AcmeAuthorization();
            authorization.id = UUID.randomUUID();
            authorization.orderId = order.id;
            authorization.position = i;
            authorization.wildcard = names.get(i).startsWith("*.");
            authorization.identifier = authorization.wildcard ? names.get(i).substring(2) : names.get(i);
            authorization.status = AcmeAuthorization.Status.pending;
            authorization.token = token();
            authorization.expiresAt = order.expiresAt;
            authorization.persist();
            authorizations.add(authorization);
        }
        return AcmeAnswer.created(AcmeViews.order(order, authorizations, urls), urls.order(order.id));
    }

    @Transactional
    public AcmeAnswer order(UUID id, String body, AcmeUrls urls) {
        SignedRequest request = jws.verify(body, urls.order(id), JwsVerifier.KeyMode.KID);
        AcmeOrder order = own(request, AcmeOrder.findById(id));
        return AcmeAnswer.ok(AcmeViews.order(order, AcmeAuthorization.ofOrder(order.id), urls));
    }

    /** POST-as-GET reads the authorization; {@code {"status":"deactivated"}} gives it up (§7.5.2). */
    @Transactional
    public AcmeAnswer authorization(UUID id, String body, AcmeUrls urls) {
        SignedRequest request = jws.verify(body, urls.authorization(id), JwsVerifier.KeyMode.KID);
        AcmeAuthorization authorization = AcmeAuthorization.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (authorization == null) {
            throw notFound("authorization");
        }
        AcmeOrder order = own(request, AcmeOrder.findById(authorization.orderId));
        if (!request.postAsGet()) {
            if (!"deactivated".equals(request.object().path("status").asText())) {
                throw AcmeProblem.malformed("A client may only set an authorization's status to 'deactivated'.");
            }
            if (authorization.status == AcmeAuthorization.Status.pending
                    || authorization.status == AcmeAuthorization.Status.valid) {
                authorization.status = AcmeAuthorization.Status.deactivated;
                if (order.status == AcmeOrder.Status.pending || order.status == AcmeOrder.Status.ready) {
                    order.status = AcmeOrder.Status.invalid;
                }
            }
        }
        return AcmeAnswer.ok(AcmeViews.authorization(authorization, urls));
    }

    @Transactional
    public AcmeAnswer finalizeOrder(UUID id, String body, AcmeUrls urls) {
        SignedRequest request = jws.verify(body, urls.finalizeOrder(id), JwsVerifier.KeyMode.KID);
        AcmeOrder order = own(request, AcmeOrder.findById(id, LockModeType.PESSIMISTIC_WRITE));
        if (order.status != AcmeOrder.Status.ready) {
            throw new AcmeProblem(
                    403,
                    "orderNotReady",
                    "The order is " + order.status
                            + "; it can be finalized once every authorization is valid (status ready).");
        }
        if (order.expiresAt.isBefore(Instant.now())) {
            throw new AcmeProblem(403, "orderNotReady", "The order has expired; place a new one.");
        }
        List<String> names = order.identifierList();
        names.forEach(name -> AcmeIdentifiers.refuseByPolicy(name, namePolicy));
        CheckedCsr csr;
        try {
            csr = issuance.check(pem(request.object().path("csr").asText("")), names);
        } catch (CsrRejectedException e) {
            throw new AcmeProblem(400, "badCSR", e.getMessage());
        }
        if (!new HashSet<>(csr.requestedNames()).equals(new HashSet<>(names))) {
            throw new AcmeProblem(
                    400,
                    "badCSR",
                    "The CSR must ask for exactly the order's names " + names + ", not " + csr.requestedNames() + ".");
        }
        checkPolicy(order, urls);
        LeafSpec spec = new LeafSpec(csr.publicKey(), names, ValidationLevel.DV, null, null, config.maxValidityDays());
        LeafCertificate certificate = issuance.issueForAcme(order.id, csr, spec);
        order.certificateId = certificate.id;
        order.status = AcmeOrder.Status.valid;
        LOG.infof("ACME order %s: issued certificate serial %s", order.id, certificate.serialNumber);
        return AcmeAnswer.ok(AcmeViews.order(order, AcmeAuthorization.ofOrder(order.id), urls), urls.order(order.id));
    }

    /** The validations must be recent enough to reuse, and CAA must allow this account and its challenges. */
    private void checkPolicy(AcmeOrder order, AcmeUrls urls) {
        List<AcmeAuthorization> authorizations = AcmeAuthorization.ofOrder(order.id);
        Instant oldest = Instant.now().minus(config.policy().dcvReusePeriod());
        for (AcmeAuthorization authorization : authorizations) {
            if (authorization.validatedAt != null && authorization.validatedAt.isBefore(oldest)) {
                throw AcmeProblem.unauthorized("The validation of " + authorization.name() + " is older than the "
                        + "CA's DCV reuse period; place a new order to validate it again.");
            }
        }
        String account = urls.account(order.accountId);
        caa.refusal(authorizations.stream()
                        .map(a -> new CaaCheck.Subject(a.name(), account, a.challengeType))
                        .toList())
                .ifPresent(reason -> {
                    throw new AcmeProblem(403, "caa", reason);
                });
    }

    /** The PEM chain: leaf, then the issuing intermediate (the root is the relying party's trust anchor). */
    @Transactional
    public String certificate(UUID id, String body, AcmeUrls urls) {
        SignedRequest request = jws.verify(body, urls.certificate(id), JwsVerifier.KeyMode.KID);
        LeafCertificate certificate = LeafCertificate.findById(id);
        if (certificate == null || certificate.acmeOrderId == null) {
            throw notFound("certificate");
        }
        own(request, AcmeOrder.findById(certificate.acmeOrderId));
        return issuance.pem(certificate, true);
    }

    static AcmeOrder own(SignedRequest request, AcmeOrder order) {
        if (order == null) {
            throw notFound("order");
        }
        if (!order.accountId.equals(request.account().id)) {
            throw AcmeProblem.unauthorized("This resource belongs to another account.");
        }
        return order;
    }

    static AcmeProblem notFound(String what) {
        return new AcmeProblem(404, "malformed", "No such " + what + ".");
    }

    private static String pem(String csr) {
        byte[] der;
        try {
            der = Base64.getUrlDecoder().decode(csr);
        } catch (IllegalArgumentException e) {
            throw new AcmeProblem(400, "badCSR", "'csr' must be the DER CSR in base64url.");
        }
        if (der.length == 0) {
            throw new AcmeProblem(400, "badCSR", "'csr' is missing.");
        }
        return "-----BEGIN CERTIFICATE REQUEST-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END CERTIFICATE REQUEST-----\n";
    }

    private static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }
}
