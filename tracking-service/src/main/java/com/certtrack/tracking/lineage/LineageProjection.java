package com.certtrack.tracking.lineage;

import com.certtrack.contracts.CertificateRevoked;
import com.certtrack.support.certificates.SerialNumbers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Keeps every certificate a line ever had, from the events the view projector applies (inside its transaction).
 * Each write is an upsert that only ever moves a field one way (earliest report, first revocation), so replays in
 * any order give the same rows.
 */
@ApplicationScoped
public class LineageProjection {

    private final EntityManager em;

    public LineageProjection(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void issued(
            String lineId, String serial, String sha256, Instant notBefore, Instant notAfter, Instant reportedAt) {
        em.createNativeQuery("INSERT INTO line_certificate (line_id, serial_number, sha256_fingerprint, not_before, "
                        + "not_after, issued_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (line_id, serial_number) DO UPDATE "
                        + "SET sha256_fingerprint = EXCLUDED.sha256_fingerprint, not_before = EXCLUDED.not_before, "
                        + "not_after = EXCLUDED.not_after, issued_at = LEAST(COALESCE(line_certificate.issued_at, "
                        + "EXCLUDED.issued_at), EXCLUDED.issued_at)")
                .setParameter(1, lineId)
                .setParameter(2, serial)
                .setParameter(3, sha256)
                .setParameter(4, notBefore)
                .setParameter(5, notAfter)
                .setParameter(6, reportedAt)
                .executeUpdate();
    }

    /** @return the normalised serial that was revoked */
    @Transactional(Transactional.TxType.MANDATORY)
    public String revoked(CertificateRevoked event) {
        String serial = SerialNumbers.normalise(event.serialNumber()).orElse(event.serialNumber());
        Instant at = event.revokedAt() != null ? event.revokedAt() : event.occurredAt();
        String reason = event.reason() == null ? null : event.reason().name();
        em.createNativeQuery(
                        "INSERT INTO line_certificate (line_id, serial_number, revoked_at, revocation_reason) "
                                + "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (line_id, serial_number) DO UPDATE "
                                + "SET revocation_reason = CASE WHEN line_certificate.revoked_at IS NULL "
                                + "OR EXCLUDED.revoked_at < line_certificate.revoked_at THEN EXCLUDED.revocation_reason "
                                + "ELSE line_certificate.revocation_reason END, "
                                + "revoked_at = LEAST(COALESCE(line_certificate.revoked_at, EXCLUDED.revoked_at), EXCLUDED.revoked_at)")
                .setParameter(1, event.lineId())
                .setParameter(2, serial)
                .setParameter(3, at)
                .setParameter(4, reason)
                .executeUpdate();
        return serial;
    }
}
