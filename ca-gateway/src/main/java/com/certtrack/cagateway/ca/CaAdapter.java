package com.certtrack.cagateway.ca;

import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.RevocationReason;
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

    /** Revokes every certificate of the order. */
    CaOrder revoke(String caOrderId, String reason);

    /** Revokes one certificate (hex serial); the current one ends the order, a superseded one does not. */
    CaOrder revokeCertificate(String caOrderId, String serialNumber, RevocationReason reason);

    CaOrder cancel(String caOrderId);

    /** A new token and instructions for one domain, validated by {@code method} from now on. */
    CaOrder changeDcvMethod(String caOrderId, String domain, DcvMethod method);

    /** Checks one domain's published token now. */
    CaOrder recheckDomain(String caOrderId, String domain);

    /** Sends an EMAIL domain's approval e-mail again. */
    CaOrder resendApprovalEmail(String caOrderId, String domain);

    /** Idempotent by {@code clientOrderId}. */
    EabBinding provisionAcmeAccount(String clientOrderId, int termMonths);

    /** The CA's current intermediate certificates (PEM, the issuing CA first), without the root. */
    List<String> intermediates();
}
