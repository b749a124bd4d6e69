package com.certtrack.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * The envelope every event carries. {@code eventType} is the record's simple name and is also sent
 * as the CloudEvents {@code ce_type} header; consumers dispatch on the record type.
 */
public sealed interface CertTrackEvent
        permits OrderPlaced,
                CaOrderSubmitted,
                CaOrderStatusChanged,
                CaOrderChecked,
                CaasProvisioned,
                ReissueRequested,
                RefreshRequested,
                NotificationSent,
                DcvActionRequested,
                CancelRequested,
                RevokeRequested,
                ReminderSettingsChanged,
                CertificateRevoked,
                CaCommandRejected,
                CredentialRevealed,
                CaIntermediatesPublished {

    UUID eventId();

    String eventType();

    int schemaVersion();

    Instant occurredAt();

    String orderNumber();
}
