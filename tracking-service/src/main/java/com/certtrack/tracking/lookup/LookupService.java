package com.certtrack.tracking.lookup;

import com.certtrack.support.links.LinkToken;
import com.certtrack.support.problem.Problem;
import com.certtrack.support.problem.ProblemException;
import com.certtrack.support.ratelimit.FailureLimiter;
import com.certtrack.support.ratelimit.TooManyAttemptsException;
import com.certtrack.support.reference.CaReference;
import com.certtrack.support.reference.ReferenceHasher;
import com.certtrack.tracking.access.AccessTokens;
import com.certtrack.tracking.access.FailedLookupLimiter;
import com.certtrack.tracking.access.LineAccess;
import com.certtrack.tracking.audit.AuditTrail;
import com.certtrack.tracking.view.TrackedLine;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Finds a line by its CA Reference (hashed at once; the plaintext goes no further than this method) or by a
 * signed link, refreshes it from the CA if it is unfinished, and hands out a short-lived access token.
 */
@ApplicationScoped
public class LookupService {

    private final ReferenceHasher hasher;
    private final FailedLookupLimiter limiter;
    private final AccessTokens tokens;
    private final RefreshRequests refreshes;
    private final StatusViews views;
    private final MeterRegistry metrics;
    private final AuditTrail audit;
    private final LineAccess lines;

    public LookupService(
            ReferenceHasher hasher,
            FailedLookupLimiter limiter,
            AccessTokens tokens,
            RefreshRequests refreshes,
            StatusViews views,
            MeterRegistry metrics,
            AuditTrail audit,
            LineAccess lines) {
        this.lines = lines;
        this.metrics = metrics;
        this.audit = audit;
        this.hasher = hasher;
        this.limiter = limiter;
        this.tokens = tokens;
        this.refreshes = refreshes;
        this.views = views;
    }

    /**
     * @param field the request field the reference came in ({@code caReference} or {@code supplierOrderNumber}),
     *              named in a 400 answer
     */
    public TrackingStatus byReference(String field, String input, String client) {
        CaReference.Result normalised = CaReference.normalise(input);
        if (normalised.problem().filter(p -> p == CaReference.Problem.EMPTY).isPresent()) {
            throw ProblemException.invalid(field, CaReference.Problem.EMPTY.message);
        }
        FailureLimiter.Attempt attempt;
        try {
            attempt = limiter.begin(client);
        } catch (TooManyAttemptsException limited) {
            count("limited");
            throw limited;
        }
        if (!normalised.valid()) {
            count("malformed");
            throw ProblemException.invalid(field, normalised.problem().orElseThrow().message);
        }
        Optional<TrackedLine> line =
                TrackedLine.byReferenceHash(hasher.hash(normalised.canonical().orElseThrow()));
        if (line.isEmpty()) {
            count("not_found");
            // Unknown and wrong references answer alike: nothing tells a guesser which one it was.
            throw new ProblemException(Problem.of(
                    404,
                    "no-such-order",
                    "No order found",
                    "No order matches this CA Reference. Check it against your shipment e-mail."));
        }
        count("found");
        attempt.succeeded();
        return answer(line.get(), "by CA Reference", tokens.issue(line.get().lineId, line.get().orderNumber));
    }

    /** Lookups by outcome: a rising not_found/limited share is someone guessing references. */
    private void count(String outcome) {
        metrics.counter("certtrack.tracking.lookups", "outcome", outcome).increment();
    }

    /**
     * The signed link of an e-mail ({@code <portal>/track?t=<token>}) instead of the reference: the status, and the
     * link itself as the page's token, which only views (no access token comes from a link).
     */
    public TrackingStatus byLink(String token) {
        LinkToken.Claims claims = tokens.verifyLink(token);
        return answer(
                lines.line(claims),
                "by e-mail link",
                new AccessTokens.Issued(token, claims.purpose(), claims.expiresAt()));
    }

    private TrackingStatus answer(TrackedLine line, String how, AccessTokens.Issued access) {
        boolean refreshing = refreshes.requestIfDue(line);
        audit.record(line.lineId, line.orderNumber, "LOOKUP", AuditTrail.DONE, how);
        return views.of(line).withAccess(access.token(), access.purpose(), access.expiresAt(), refreshing);
    }
}
