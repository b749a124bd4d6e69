package com.certtrack.tracking.lookup;

import com.certtrack.contracts.DomainValidation;
import com.certtrack.support.links.LinkToken;
import com.certtrack.tracking.actions.PendingActions;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * What the portal shows for one line: the answer to a lookup (with the access token) and the payload of every
 * live update (without). The names {@code product, status, domains[].name|dcvMethod|dcvStatus|instructions,
 * orderedAt, issuedAt, expiresAt, caLastQueriedAt, accessToken} are a fixed contract. {@code pendingAction}: what
 * the holder asked for (DCV action, cancel, revoke) and the CA has not answered yet; {@code lastRejection}: the CA's
 * newest refusal of a command ({@code commandType, reason, at}); both null when there is none. {@code nextStep}:
 * what the holder must do for the line to go on ({@link NextStep}), null when nothing is up to them;
 * {@code csrSubmittedAt}: when the CSR of a line ordered without one was sent. {@code accessTokenPurpose}:
 * {@code ACCESS} after a lookup with the CA Reference (acts on the line), {@code LINK} when an e-mail link opened it
 * (status only: actions answer 403 {@code reference-required}).
 */
public record TrackingStatus(
        String orderNumber,
        String lineId,
        String product,
        String status,
        List<DomainValidation> domains,
        Instant orderedAt,
        Instant issuedAt,
        Instant expiresAt,
        Instant caLastQueriedAt,
        String reason,
        Certificate certificate,
        Caas caas,
        Instant reissueRequestedAt,
        boolean refreshRequested,
        PendingActions.PendingAction pendingAction,
        PendingActions.Rejection lastRejection,
        NextStep nextStep,
        Instant csrSubmittedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String accessToken,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant accessTokenExpiresAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) LinkToken.Purpose accessTokenPurpose) {

    /** The current certificate; download it with the access token. */
    public record Certificate(
            String serialNumber, String sha256Fingerprint, Instant notAfter, List<String> downloadFormats) {}

    /** A CaaS line: its EAB credentials are revealed by eab-service with the same CA Reference, until a date. */
    public record Caas(
            String eabKeyId,
            String acmeDirectoryUrl,
            Instant revealableUntil,
            boolean revealable,
            String revealEndpoint) {}

    TrackingStatus withAccess(String token, LinkToken.Purpose purpose, Instant tokenExpiresAt, boolean refreshed) {
        return new TrackingStatus(
                orderNumber,
                lineId,
                product,
                status,
                domains,
                orderedAt,
                issuedAt,
                expiresAt,
                caLastQueriedAt,
                reason,
                certificate,
                caas,
                reissueRequestedAt,
                refreshed,
                pendingAction,
                lastRejection,
                nextStep,
                csrSubmittedAt,
                token,
                tokenExpiresAt,
                purpose);
    }
}
