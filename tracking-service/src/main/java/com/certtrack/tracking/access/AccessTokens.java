package com.certtrack.tracking.access;

import com.certtrack.support.links.LinkToken;
import com.certtrack.tracking.TrackingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * The short-lived access token a lookup hands out: a {@link LinkToken} for the line, valid for
 * {@code certtrack.tracking.access-token-lifetime}. It opens downloads, reissue and live updates of that one line
 * and is useless for anything else; it is not the CA Reference and cannot be turned into it.
 */
@ApplicationScoped
public class AccessTokens {

    public record Issued(String token, Instant expiresAt) {
    }

    private final LinkToken tokens;
    private final TrackingConfig config;

    public AccessTokens(LinkToken tokens, TrackingConfig config) {
        this.tokens = tokens;
        this.config = config;
    }

    public Issued issue(String lineId, String orderNumber) {
        Instant expiresAt = Instant.now().plus(config.accessTokenLifetime());
        return new Issued(tokens.sign(lineId, orderNumber, expiresAt), expiresAt);
    }

    /** @param authorization the Authorization header ({@code Bearer <token>}) */
    public LinkToken.Claims fromAuthorization(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("Send the access token from the lookup as 'Authorization: Bearer <token>'.");
        }
        return verify(authorization.substring(7).trim());
    }

    public LinkToken.Claims verify(String token) {
        return tokens.verify(token, Instant.now()).orElseThrow(() -> unauthorized(
                "The access token is missing, invalid or expired: look the order up again with its CA Reference."));
    }

    /** A link from an e-mail: same token format, possibly longer-lived. */
    public LinkToken.Claims verifyLink(String token) {
        return tokens.verify(token, Instant.now()).orElseThrow(() -> unauthorized(
                "This link is invalid or has expired: enter the CA Reference from your shipment e-mail instead."));
    }

    private static Unauthorized unauthorized(String detail) {
        return new Unauthorized(detail);
    }
}
