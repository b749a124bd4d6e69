package com.certtrack.ca.acme;

import com.certtrack.ca.CaConfig;
import com.certtrack.ca.crypto.SecretSealer;
import com.certtrack.support.problem.Problem;
import com.certtrack.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

/** Issues EAB credentials (key id + 256-bit HMAC key), idempotent per client and clientOrderId. */
@ApplicationScoped
public class AcmeAccountService {

    public record Creation(AcmeAccountResource.AccountCreated account, boolean replay) {}

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecretSealer sealer;
    private final CaConfig config;
    private final EntityManager entityManager;

    public AcmeAccountService(SecretSealer sealer, CaConfig config, EntityManager entityManager) {
        this.sealer = sealer;
        this.config = config;
        this.entityManager = entityManager;
    }

    @Transactional
    public Creation create(String client, AcmeAccountResource.CreateAccountRequest request) {
        entityManager
                .createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))) l")
                .setParameter(1, "acme:" + client + "\n" + request.clientOrderId())
                .getSingleResult();
        var existing = AcmeAccount.byClientOrderId(client, request.clientOrderId());
        if (existing.isPresent()) {
            AcmeAccount account = existing.get();
            if (account.termMonths != request.termMonths()) {
                throw new ProblemException(Problem.of(
                        409,
                        "conflict",
                        "Conflict",
                        "clientOrderId " + request.clientOrderId() + " was already used with termMonths "
                                + account.termMonths + "."));
            }
            return new Creation(view(account), true);
        }
        byte[] hmacKey = new byte[32];
        RANDOM.nextBytes(hmacKey);
        byte[] keyId = new byte[16];
        RANDOM.nextBytes(keyId);
        AcmeAccount account = new AcmeAccount();
        account.id = UUID.randomUUID();
        account.clientId = client;
        account.clientOrderId = request.clientOrderId();
        account.termMonths = request.termMonths();
        account.eabKeyId = "kid-" + BASE64URL.encodeToString(keyId);
        account.hmacKeySealed = sealer.seal(hmacKey, purpose(account.eabKeyId));
        account.createdAt = Instant.now();
        account.expiresAt = account.createdAt
                .atOffset(ZoneOffset.UTC)
                .plusMonths(request.termMonths())
                .toInstant();
        account.persist();
        return new Creation(view(account), false);
    }

    /** The HMAC key for the ACME server's EAB check. */
    public byte[] hmacKey(AcmeAccount account) {
        return sealer.open(account.hmacKeySealed, purpose(account.eabKeyId));
    }

    private AcmeAccountResource.AccountCreated view(AcmeAccount account) {
        return new AcmeAccountResource.AccountCreated(
                account.eabKeyId,
                BASE64URL.encodeToString(hmacKey(account)),
                config.acme().directoryUrl().orElse(config.publicUrl().replaceAll("/+$", "") + "/acme/directory"));
    }

    private static String purpose(String keyId) {
        return "eab-hmac:" + keyId;
    }
}
