package com.certtrack.tracking.access;

import com.certtrack.support.links.LinkToken;
import com.certtrack.support.problem.ProblemException;
import com.certtrack.tracking.view.TrackedLine;
import jakarta.enterprise.context.ApplicationScoped;

/** The line an access token opens; 401 for a missing or bad token. */
@ApplicationScoped
public class LineAccess {

    private final AccessTokens tokens;

    public LineAccess(AccessTokens tokens) {
        this.tokens = tokens;
    }

    public TrackedLine fromAuthorization(String authorization) {
        return line(tokens.fromAuthorization(authorization));
    }

    public TrackedLine fromToken(String token) {
        return line(tokens.verify(token));
    }

    public LinkToken.Claims claims(String authorization, String queryToken) {
        return authorization != null ? tokens.fromAuthorization(authorization) : tokens.verify(queryToken);
    }

    public TrackedLine line(LinkToken.Claims claims) {
        return TrackedLine.<TrackedLine>findByIdOptional(claims.lineId())
                .filter(line -> line.orderNumber.equals(claims.orderNumber()))
                .orElseThrow(() -> ProblemException.notFound("The order of this access token is not known here."));
    }
}
