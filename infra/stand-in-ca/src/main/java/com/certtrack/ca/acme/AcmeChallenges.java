package com.certtrack.ca.acme;

import com.certtrack.ca.limits.RateLimits;
import com.certtrack.ca.limits.TokenBuckets;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Answers a challenge (RFC 8555 §7.5.1) by validating it at once: the client has its response in place when it
 * posts, so the answer already says valid or invalid and clients need not poll. The network check runs between two
 * short transactions, never inside one.
 */
@ApplicationScoped
public class AcmeChallenges {

    private record Attempt(
            AcmeViews.Challenge answer, String identifier, String token, String keyAuthorization, String limitKey) {}

    private final JwsVerifier jws;
    private final ChallengeValidator validator;
    private final ObjectMapper json;
    private final TokenBuckets failedValidations;

    public AcmeChallenges(JwsVerifier jws, ChallengeValidator validator, ObjectMapper json, RateLimits limits) {
        this.jws = jws;
        this.validator = validator;
        this.json = json;
        this.failedValidations = limits.failedValidations();
    }

    public AcmeAnswer respond(UUID authorizationId, String type, String body, AcmeUrls urls) {
        Attempt attempt = QuarkusTransaction.requiringNew().call(() -> start(authorizationId, type, body, urls));
        if (attempt.keyAuthorization() == null) {
            return AcmeAnswer.ok(attempt.answer());
        }
        String error = null;
        try {
            validator.validate(type, attempt.identifier(), attempt.token(), attempt.keyAuthorization());
            failedValidations.giveBack(attempt.limitKey());
        } catch (ChallengeValidator.Failed e) {
            error = problem(e.type, e.getMessage());
        }
        String failure = error;
        return AcmeAnswer.ok(
                QuarkusTransaction.requiringNew().call(() -> finish(authorizationId, type, failure, urls)));
    }

    private Attempt start(UUID authorizationId, String type, String body, AcmeUrls urls) {
        SignedRequest request = jws.verify(body, urls.challenge(authorizationId, type), JwsVerifier.KeyMode.KID);
        AcmeAuthorization authorization = AcmeAuthorization.findById(authorizationId, LockModeType.PESSIMISTIC_WRITE);
        if (authorization == null
                || !(type.equals(AcmeViews.DNS_01) || type.equals(AcmeViews.HTTP_01) && !authorization.wildcard)) {
            throw AcmeOrders.notFound("challenge");
        }
        AcmeOrders.own(request, AcmeOrder.findById(authorization.orderId));
        if (authorization.status != AcmeAuthorization.Status.pending || authorization.challengeType != null) {
            // Already answered (or the authorization is over): report, do not validate again.
            return new Attempt(AcmeViews.challenge(authorization, type, urls), null, null, null, null);
        }
        if (authorization.expiresAt.isBefore(Instant.now())) {
            authorization.status = AcmeAuthorization.Status.expired;
            return new Attempt(AcmeViews.challenge(authorization, type, urls), null, null, null, null);
        }
        // Each attempt holds a token until it passes, so parallel attempts cannot exceed the limit either.
        String limitKey = request.account().id + " " + authorization.identifier;
        long wait = failedValidations.take(limitKey);
        if (wait > 0) {
            throw AcmeProblem.rateLimited(
                    "Too many failed validations of " + authorization.identifier
                            + " for this account (limit " + RateLimits.describe(failedValidations) + "). Retry after "
                            + wait
                            + " seconds.",
                    wait);
        }
        authorization.challengeType = type;
        authorization.challengeStatus = "processing";
        String keyAuthorization = authorization.token + "." + request.account().jwkThumbprint;
        return new Attempt(null, authorization.identifier, authorization.token, keyAuthorization, limitKey);
    }

    private AcmeViews.Challenge finish(UUID authorizationId, String type, String error, AcmeUrls urls) {
        AcmeAuthorization authorization = AcmeAuthorization.findById(authorizationId);
        // The order row is the lock that serialises its authorizations' outcomes.
        AcmeOrder order = AcmeOrder.findById(authorization.orderId, LockModeType.PESSIMISTIC_WRITE);
        authorization = AcmeAuthorization.findById(authorizationId, LockModeType.PESSIMISTIC_WRITE);
        if (error == null) {
            authorization.challengeStatus = "valid";
            authorization.status = AcmeAuthorization.Status.valid;
            authorization.validatedAt = Instant.now();
        } else {
            authorization.challengeStatus = "invalid";
            authorization.challengeError = error;
            authorization.status = AcmeAuthorization.Status.invalid;
        }
        if (order.status == AcmeOrder.Status.pending) {
            List<AcmeAuthorization> all = AcmeAuthorization.ofOrder(order.id);
            if (all.stream().anyMatch(a -> a.status == AcmeAuthorization.Status.invalid)) {
                order.status = AcmeOrder.Status.invalid;
                order.error = problem("unauthorized", "The authorization of " + authorization.name() + " failed.");
            } else if (all.stream().allMatch(a -> a.status == AcmeAuthorization.Status.valid)) {
                order.status = AcmeOrder.Status.ready;
            }
        }
        return AcmeViews.challenge(authorization, type, urls);
    }

    private String problem(String name, String detail) {
        try {
            return json.writeValueAsString(
                    new AcmeProblem.Document(AcmeProblem.TYPE_PREFIX + name, detail, 403, List.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
