package com.certtrack.cagateway.ca;

import java.util.List;

/**
 * What ca-gateway needs from a Certificate Authority. One implementation per CA API; the rest of the gateway
 * knows only this interface. Every call may throw {@link CaUnavailableException} (retry later) or
 * {@link CaRejectedException} (the CA refused the request; retrying will not help).
 */
public interface CaAdapter {

    /** Idempotent by {@code clientOrderId}: a repeated call returns the order (and reference) of the first. */
    CaOrder submit(CaSubmission submission);

    CaOrder status(String caOrderId);

    CaOrder reissue(String caOrderId, String csrPem, List<String> domains);

    CaOrder revoke(String caOrderId, String reason);

    CaOrder cancel(String caOrderId);

    /** Idempotent by {@code clientOrderId}. */
    EabBinding provisionAcmeAccount(String clientOrderId, int termMonths);
}
