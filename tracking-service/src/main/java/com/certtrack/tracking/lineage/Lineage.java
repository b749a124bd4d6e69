package com.certtrack.tracking.lineage;

import com.certtrack.tracking.view.SqlTimes;
import com.certtrack.tracking.view.TrackedLine;
import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A line's certificates and renewals, read from the view. Origin and state are worked out here, from the rows as
 * they are: the earliest certificate was ISSUED, the later ones are REISSUEs; revoked beats everything, then expired,
 * then the line's current certificate is CURRENT and the others SUPERSEDED. Renewal links count only between lines
 * of the same customer (same {@code customerKey}), so nobody can attach their order to another's line.
 */
@ApplicationScoped
public class Lineage {

    public enum Origin {
        ISSUED,
        REISSUE
    }

    public enum State {
        CURRENT,
        SUPERSEDED,
        REVOKED,
        EXPIRED
    }

    public record Certificate(
            String serialNumber,
            String sha256Fingerprint,
            Instant notBefore,
            Instant notAfter,
            Instant issuedAt,
            Origin origin,
            State state,
            Instant revokedAt,
            String revocationReason) {

        @JsonIgnore
        boolean revoked() {
            return state == State.REVOKED;
        }
    }

    /** {@code certificates} newest first. */
    public record LineLineage(
            String lineId, String renewalOf, String renewedBy, String current, List<Certificate> certificates) {

        @JsonIgnore
        public Optional<Certificate> certificate(String serial) {
            return certificates.stream()
                    .filter(c -> c.serialNumber().equals(serial))
                    .findFirst();
        }

        /** Neither revoked nor the current one: what "revoke superseded" revokes. */
        @JsonIgnore
        public List<String> revocableSuperseded() {
            return certificates.stream()
                    .filter(c -> !c.revoked() && !c.serialNumber().equals(current))
                    .map(Certificate::serialNumber)
                    .toList();
        }
    }

    private final EntityManager em;

    public Lineage(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public LineLineage of(TrackedLine line) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT serial_number, sha256_fingerprint, not_before, not_after, "
                        + "issued_at, revoked_at, revocation_reason FROM line_certificate WHERE line_id = ?1 "
                        + "ORDER BY issued_at ASC NULLS LAST, serial_number")
                .setParameter(1, line.lineId)
                .getResultList();
        Instant now = Instant.now();
        List<Certificate> certificates = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Object[] row = rows.get(i);
            String serial = (String) row[0];
            Instant notAfter = SqlTimes.instant(row[3]);
            Instant revokedAt = SqlTimes.instant(row[5]);
            State state = revokedAt != null
                    ? State.REVOKED
                    : notAfter != null && notAfter.isBefore(now)
                            ? State.EXPIRED
                            : serial.equals(line.certificateSerial) ? State.CURRENT : State.SUPERSEDED;
            certificates.add(new Certificate(
                    serial,
                    (String) row[1],
                    SqlTimes.instant(row[2]),
                    notAfter,
                    SqlTimes.instant(row[4]),
                    i == 0 ? Origin.ISSUED : Origin.REISSUE,
                    state,
                    revokedAt,
                    (String) row[6]));
        }
        Collections.reverse(certificates);
        return new LineLineage(
                line.lineId, renewalOf(line), renewedBy(line), line.certificateSerial, List.copyOf(certificates));
    }

    private String renewalOf(TrackedLine line) {
        if (line.renewalOf == null || line.customerKey == null) {
            return null;
        }
        return TrackedLine.<TrackedLine>findByIdOptional(line.renewalOf)
                .filter(renewed -> Objects.equals(renewed.customerKey, line.customerKey))
                .map(renewed -> renewed.lineId)
                .orElse(null);
    }

    /** The newest line of the same customer that says it renews this one. */
    private String renewedBy(TrackedLine line) {
        if (line.customerKey == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNativeQuery(
                        "SELECT line_id FROM tracked_line WHERE renewal_of = ?1 "
                                + "AND customer_key = ?2 AND line_id <> ?1 ORDER BY ordered_at DESC NULLS LAST, line_id DESC LIMIT 1")
                .setParameter(1, line.lineId)
                .setParameter(2, line.customerKey)
                .getResultList();
        return ids.isEmpty() ? null : ids.get(0);
    }
}
