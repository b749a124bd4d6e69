package com.certtrack.eab.reveal;

import com.certtrack.eab.EabConfig;
import com.certtrack.eab.audit.RevealAudit;
import com.certtrack.eab.credentials.EabCredential;
import com.certtrack.eab.credentials.SecretVault;
import com.certtrack.support.links.LinkToken;
import com.certtrack.support.problem.Problem;
import com.certtrack.support.problem.ProblemException;
import com.certtrack.support.ratelimit.FailureLimiter;
import com.certtrack.support.reference.CaReference;
import com.certtrack.support.reference.ReferenceHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Reveals EAB credentials to the holder of the CaaS line's CA Reference, only within seven days of the order. */
@ApplicationScoped
public class RevealService {

    static final String WARNING = "Record these External Account Binding credentials now and store them securely. "
            + "They are shown only until seven days after the order date and can never be regenerated; "
            + "keep them to configure further ACME clients later.";

    private final SecretVault vault;
    private final RevealAudit audit;
    private final ReferenceHasher hasher;
    private final LinkToken links;
    private final FailureLimiter limiter;

    public RevealService(
            SecretVault vault,
            RevealAudit audit,
            EabConfig config,
            @ConfigProperty(name = "certtrack.keys.reference-hash") String hashKey,
            @ConfigProperty(name = "certtrack.keys.link-signing") String linkKey) {
        this.vault = vault;
        this.audit = audit;
        this.hasher = new ReferenceHasher(Base64.getDecoder().decode(hashKey.trim()));
        this.links = LinkToken.fromBase64Key(linkKey);
        this.limiter = new FailureLimiter(config.failureBudget(), config.failureWindow());
    }

    @Transactional
    public RevealedCredentials reveal(RevealRequest request, String client) {
        FailureLimiter.Attempt attempt = limiter.begin(client);
        EabCredential credential = find(request)
                .orElseThrow(() -> new ProblemException(Problem.of(
                        404,
                        "not-found",
                        "No CaaS subscription found",
                        "No Certificate-as-a-Service subscription matches these details. Check "
                                + "the CA Reference in the shipment e-mail of your CaaS order.")));
        attempt.succeeded();
        if (credential.hmacKeyCiphertext == null || Instant.now().isAfter(credential.revealableUntil)) {
            audit.record(credential.orderNumber, credential.lineId, client, RevealAudit.Outcome.WINDOW_CLOSED);
            throw new ProblemException(Problem.of(
                    410,
                    "eab-window-closed",
                    "Credentials no longer available",
                    "The External Account Binding credentials of this subscription were available until "
                            + credential.revealableUntil + " (seven days after the order date). They cannot be "
                            + "shown again and cannot be regenerated. ACME clients already configured with them "
                            + "keep working, and a copy you kept can still register further clients."));
        }
        String hmacKey = vault.decrypt(credential.hmacKeyCiphertext, credential.eabKeyId);
        audit.record(credential.orderNumber, credential.lineId, client, RevealAudit.Outcome.REVEALED);
        return new RevealedCredentials(
                credential.orderNumber,
                credential.lineId,
                credential.eabKeyId,
                hmacKey,
                credential.directoryUrl,
                credential.revealableUntil,
                WARNING,
                ClientSnippets.of(credential.directoryUrl, credential.eabKeyId, hmacKey));
    }

    private Optional<EabCredential> find(RevealRequest request) {
        if (request == null) {
            throw ProblemException.invalid("caReference", "Enter the CA Reference of your CaaS order.");
        }
        if (request.token() != null && !request.token().isBlank()) {
            Optional<LinkToken.Claims> claims = links.verify(request.token(), Instant.now());
            if (claims.filter(c -> c.purpose() == LinkToken.Purpose.LINK).isPresent()) {
                // A link from an e-mail shows the status only: the key that registers ACME accounts needs the
                // reference.
                throw new ProblemException(Problem.of(
                        403,
                        "reference-required",
                        "CA Reference required",
                        "A link from an e-mail cannot reveal credentials. Enter the CA Reference from the shipment "
                                + "e-mail of your CaaS order."));
            }
            return claims.flatMap(c -> Optional.ofNullable(EabCredential.<EabCredential>findById(c.lineId())));
        }
        String field = request.caReference() != null ? "caReference" : "supplierOrderNumber";
        String input = request.caReference() != null ? request.caReference() : request.supplierOrderNumber();
        var normalised = CaReference.normalise(input);
        if (!normalised.valid()) {
            throw ProblemException.invalid(field, normalised.problem().orElseThrow().message);
        }
        return EabCredential.byReferenceHash(hasher.hash(normalised.canonical().orElseThrow()));
    }
}
