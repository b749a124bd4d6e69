package com.certtrack.tracking.access;

import com.certtrack.support.links.LinkToken;
import com.certtrack.support.links.LinkToken.Purpose;
import com.certtrack.support.problem.Problem;
import com.certtrack.support.problem.ProblemException;
import com.certtrack.tracking.TrackingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * The tokens of a line. A lookup with the CA Reference hands out an {@link Purpose#ACCESS} token, valid for
 * {@code certtrack.tracking.access-token-lifetime} (at most 15 minutes), that acts on that one line; a link from an
 * e-mail is a {@link Purpose#LINK} token that only shows the status. Neither is the CA Reference nor can be turned
 * into it, and neither turns into the other.
 */
@ApplicationScoped
public class AccessTokens {

    public record Issued(String token, Purpose purpose, Instant expiresAt) {}

    private final LinkToken tokens;
    private final TrackingConfig config;

    public AccessTokens(LinkToken tokens, TrackingConfig config) {
        this.tokens = tokens;
        this.config = config;
    }

    /** For a holder who has just proved the CA Reference. */
    public Issued issue(String lineId, String orderNumber) {
        Instant now = Instant.now();
        Instant expiresAt = now.plus(config.accessTokenLifetime());
        return new Issued(tokens.sign(Purpose.ACCESS, lineId, orderNumber, now, expiresAt), Purpose.ACCESS, expiresAt);
    }

    /**
     * The token of a request that acts on the line (or reads what only the reference should open).
     *
     * @param authorization the Authorization header ({@code Bearer <token>})
     * @throws Unauthorized 401 for a missing, invalid or expired token
     * @throws ProblemException 403 {@code reference-required} for a link token
     */
    public LinkToken.Claims forAction(String authorization) {
        LinkToken.Claims claims = verify(bearer(authorization));
        if (claims.purpose() != Purpose.ACCESS) {
            throw new ProblemException(Problem.of(
                    403,
                    "reference-required",
                    "CA Reference required",
                    "A link from an e-mail shows the status of this certificate only. To download, reissue, revoke "
                            + "or change anything, enter the CA Reference from the shipment e-mail of this line."));
        }
        return claims;
    }

    /** The token of a request that only shows the line: an access token or a link. */
    public LinkToken.Claims forViewing(String authorization, String queryToken) {
        return verify(authorization != null ? bearer(authorization) : queryToken);
    }

    /** A link from an e-mail (or an access token: it shows the status too). */
    public LinkToken.Claims verifyLink(String token) {
        return tokens.verify(token, Instant.now())
                .orElseThrow(
                        () -> new Unauthorized(
                                "This link is invalid or has expired: enter the CA Reference from your shipment e-mail instead."));
    }

    private LinkToken.Claims verify(String token) {
        return tokens.verify(token, Instant.now())
                .orElseThrow(
                        () -> new Unauthorized(
                                "The access token is missing, invalid or expired: look the order up again with its CA Reference."));
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Unauthorized("Send the access token from the lookup as 'Authorization: Bearer <token>'.");
        }
        return authorization.substring(7).trim();
    }
}
