package com.certtrack.tracking.lookup;

import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.DcvStatus;
import com.certtrack.contracts.DomainValidation;
import com.certtrack.tracking.actions.PendingActions;
import com.certtrack.tracking.download.DownloadFormat;
import com.certtrack.tracking.view.TrackedLine;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Turns a row of the view into what the customer sees, with what to do next for every domain. */
@ApplicationScoped
public class StatusViews {

    static final String REVEAL_ENDPOINT = "/api/caas/credentials";
    private static final TypeReference<List<DomainValidation>> DOMAINS = new TypeReference<>() {};
    private static final List<String> FORMATS = Arrays.stream(DownloadFormat.values())
            .map(DownloadFormat::parameter)
            .toList();

    private final ObjectMapper json;
    private final PendingActions pending;

    public StatusViews(ObjectMapper json, PendingActions pending) {
        this.json = json;
        this.pending = pending;
    }

    public TrackingStatus of(TrackedLine line) {
        TrackingStatus.Certificate certificate = line.hasCertificate()
                ? new TrackingStatus.Certificate(
                        line.certificateSerial, line.certificateSha256, line.expiresAt, FORMATS)
                : null;
        TrackingStatus.Caas caas = line.eabKeyId == null
                ? null
                : new TrackingStatus.Caas(
                        line.eabKeyId,
                        line.acmeDirectoryUrl,
                        line.eabRevealableUntil,
                        line.eabRevealableUntil != null && Instant.now().isBefore(line.eabRevealableUntil),
                        REVEAL_ENDPOINT);
        List<DomainValidation> domains = domains(line);
        return new TrackingStatus(
                line.orderNumber,
                line.lineId,
                line.product,
                line.status,
                domains,
                line.orderedAt,
                line.issuedAt,
                line.expiresAt,
                line.caLastQueriedAt,
                line.reason,
                certificate,
                caas,
                line.reissueRequestedAt,
                false,
                pending.pending(line).orElse(null),
                pending.lastRejection(line).orElse(null),
                NextStep.of(line, domains).orElse(null),
                line.csrSubmittedAt,
                null,
                null,
                null);
    }

    /** The line's domains as the CA last reported them (or as ordered, before the CA answered). */
    public List<DomainValidation> domains(TrackedLine line) {
        if (line.domains != null) {
            try {
                boolean csrMissing = line.waitsForCsr();
                return json.readValue(line.domains, DOMAINS).stream()
                        .map(d -> withNextStep(d, csrMissing))
                        .toList();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable domains of line " + line.lineId, e);
            }
        }
        if (line.requestedDomains == null || line.requestedDomains.isBlank()) {
            return List.of();
        }
        DcvMethod method = line.requestedDcvMethod == null ? null : DcvMethod.valueOf(line.requestedDcvMethod);
        return Arrays.stream(line.requestedDomains.split(","))
                .map(name -> new DomainValidation(
                        name,
                        method,
                        DcvStatus.PENDING,
                        "Waiting for the CA to accept the order; validation instructions follow here and by e-mail."))
                .toList();
    }

    /**
     * The CA's instructions while validation is pending; a plain next step once it is done or failed (never
     * "nothing to do" while the certificate still waits for its CSR).
     */
    static DomainValidation withNextStep(DomainValidation domain, boolean csrMissing) {
        if (domain.dcvStatus() == DcvStatus.VALIDATED) {
            return new DomainValidation(
                    domain.name(),
                    domain.dcvMethod(),
                    domain.dcvStatus(),
                    csrMissing
                            ? "Control of this domain is validated; the certificate is issued once you submit its CSR."
                            : "Nothing to do: control of this domain is validated.");
        }
        if (domain.instructions() == null || domain.instructions().isBlank()) {
            String next = domain.dcvStatus() == DcvStatus.FAILED
                    ? "Validation failed: check the validation record or file, then contact support to retry."
                    : "Waiting for the CA's validation instructions.";
            return new DomainValidation(
                    domain.name(), domain.dcvMethod(), domain.dcvStatus(), next, domain.dcvTarget(), domain.dcvValue());
        }
        return domain;
    }
}
