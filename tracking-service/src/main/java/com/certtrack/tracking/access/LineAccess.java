package com.certtrack.tracking.access;

import com.certtrack.support.links.LinkToken;
import com.certtrack.support.problem.ProblemException;
import com.certtrack.tracking.view.TrackedLine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * The line a token opens: 401 for a missing, bad or withdrawn token; 403 when a link from an e-mail is used for
 * anything but viewing (the CA Reference is the only key that acts on a certificate).
 */
@ApplicationScoped
public class LineAccess {

    private final AccessTokens tokens;
    private final TokenCutoffs cutoffs;

    public LineAccess(AccessTokens tokens, TokenCutoffs cutoffs) {
        this.tokens = tokens;
        this.cutoffs = cutoffs;
    }

    /** For actions and downloads: an access token obtained with the CA Reference. */
    public TrackedLine fromAuthorization(String authorization) {
        return line(tokens.forAction(authorization));
    }

    /** For the read-only status view and its live updates: an access token or an e-mail link. */
    public LinkToken.Claims viewing(String authorization, String queryToken) {
        return tokens.forViewing(authorization, queryToken);
    }

    /**
     * Withdraws every token of the line handed out so far (forwarded links, copied access tokens) and returns a
     * fresh access token for the holder who just acted with one, in the same transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AccessTokens.Issued withdrawTokens(TrackedLine line) {
        cutoffs.withdrawAll(line.lineId, Instant.now());
        return tokens.issue(line.lineId, line.orderNumber);
    }

    public TrackedLine line(LinkToken.Claims claims) {
        TrackedLine line = TrackedLine.<TrackedLine>findByIdOptional(claims.lineId())
                .filter(found -> found.orderNumber.equals(claims.orderNumber()))
                .orElseThrow(() -> ProblemException.notFound("The order of this access token is not known here."));
        if (cutoffs.withdrawn(line.lineId, claims.issuedAt())) {
            throw new Unauthorized("This token was withdrawn (the certificate was reissued or revoked, or someone "
                    + "signed out everywhere): enter the CA Reference from the shipment e-mail again.");
        }
        return line;
    }
}
