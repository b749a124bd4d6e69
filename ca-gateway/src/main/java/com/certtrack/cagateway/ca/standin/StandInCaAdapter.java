package com.certtrack.cagateway.ca.standin;

import com.certtrack.cagateway.ca.CaAdapter;
import com.certtrack.cagateway.ca.CaCertificate;
import com.certtrack.cagateway.ca.CaOrder;
import com.certtrack.cagateway.ca.CaRejectedException;
import com.certtrack.cagateway.ca.CaSubmission;
import com.certtrack.cagateway.ca.CaUnavailableException;
import com.certtrack.cagateway.ca.EabBinding;
import com.certtrack.cagateway.ca.PemBundle;
import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.DomainValidation;
import com.certtrack.contracts.IssuedCertificate;
import com.certtrack.contracts.RevocationReason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** {@link CaAdapter} for the stand-in CA's HTTP order API. */
@ApplicationScoped
@Typed(StandInCaAdapter.class)
public class StandInCaAdapter implements CaAdapter {

    private final StandInCaApi api;

    public StandInCaAdapter(@RestClient StandInCaApi api) {
        this.api = api;
    }

    @Override
    public CaOrder submit(CaSubmission s) {
        var organisation = s.organisation() == null ? null : new StandInCaApi.Organisation(s.organisation(), null);
        var domains = s.domains().stream()
                .map(d -> new StandInCaApi.DomainRequest(d, s.dcvMethod()))
                .toList();
        return call(() -> toOrder(api.submit(new StandInCaApi.OrderRequest(
                s.clientOrderId(), s.product(), domains, s.csrPem(), s.validityDays(), organisation))));
    }

    @Override
    public CaOrder status(String caOrderId) {
        return call(() -> toOrder(api.get(caOrderId)));
    }

    @Override
    public CaOrder reissue(String caOrderId, String csrPem, List<String> domains) {
        return call(() -> toOrder(api.reissue(caOrderId, new StandInCaApi.ReissueRequest(csrPem, domains))));
    }

    @Override
    public CaOrder revoke(String caOrderId, String reason) {
        return call(() -> toOrder(api.revoke(caOrderId, new StandInCaApi.RevokeRequest(reason))));
    }

    @Override
    public CaOrder revokeCertificate(String caOrderId, String serialNumber, RevocationReason reason) {
        return call(() -> toOrder(api.revokeCertificate(
                caOrderId, serialNumber, new StandInCaApi.RevokeRequest(RevocationReasons.apiName(reason)))));
    }

    @Override
    public CaOrder cancel(String caOrderId) {
        return call(() -> toOrder(api.cancel(caOrderId)));
    }

    @Override
    public CaOrder changeDcvMethod(String caOrderId, String domain, DcvMethod method) {
        return call(() -> toOrder(api.changeDcvMethod(caOrderId, domain, new StandInCaApi.DcvMethodRequest(method))));
    }

    @Override
    public CaOrder recheckDomain(String caOrderId, String domain) {
        return call(() -> toOrder(api.checkDomain(caOrderId, domain)));
    }

    @Override
    public CaOrder resendApprovalEmail(String caOrderId, String domain) {
        return call(() -> toOrder(api.resendApprovalEmail(caOrderId, domain)));
    }

    @Override
    public EabBinding provisionAcmeAccount(String clientOrderId, int termMonths) {
        return call(() -> {
            var account = api.provisionAcmeAccount(new StandInCaApi.AcmeAccountRequest(clientOrderId, termMonths));
            return new EabBinding(account.eabKeyId(), account.eabHmacKey(), account.directoryUrl());
        });
    }

    @Override
    public List<String> intermediates() {
        return call(() -> PemBundle.withoutRoots(api.intermediates()));
    }

    private static CaOrder toOrder(StandInCaApi.Order o) {
        List<DomainValidation> domains = o.domains() == null
                ? List.of()
                : o.domains().stream()
                        .map(d -> new DomainValidation(
                                d.name(), d.dcvMethod(), d.dcvStatus(), d.instructions(), d.dcvTarget(), d.dcvValue()))
                        .toList();
        var c = o.certificate();
        IssuedCertificate certificate = c == null
                ? null
                : new IssuedCertificate(
                        c.serialNumber(), c.sha256Fingerprint(), c.notBefore(), c.notAfter(), c.pemChain());
        List<CaCertificate> certificates = o.certificates() == null
                ? List.of()
                : o.certificates().stream()
                        .map(s -> new CaCertificate(
                                s.serialNumber(),
                                s.notAfter(),
                                s.current(),
                                s.revokedAt(),
                                RevocationReasons.fromApiName(s.revocationReason())))
                        .toList();
        return new CaOrder(
                o.orderId(), o.caReference(), o.status(), domains, certificate, certificates, o.rejectionReason());
    }

    /** 4xx: the CA said no (permanent). 5xx, timeouts, refused connections: try again later. */
    private static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status >= 400 && status < 500 && status != 408 && status != 429) {
                throw new CaRejectedException(status, problemDetail(e));
            }
            throw new CaUnavailableException("CA answered " + status, e);
        } catch (ProcessingException e) {
            throw new CaUnavailableException("CA unreachable: " + e.getMessage(), e);
        }
    }

    private static String problemDetail(WebApplicationException e) {
        try {
            var body = e.getResponse().readEntity(com.fasterxml.jackson.databind.JsonNode.class);
            String detail = body.path("detail").asText("");
            var errors = body.path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                detail = detail + " " + errors.get(0).path("field").asText() + ": "
                        + errors.get(0).path("message").asText();
            }
            return detail.isBlank() ? e.getResponse().getStatusInfo().getReasonPhrase() : detail.trim();
        } catch (RuntimeException unreadable) {
            return e.getResponse().getStatusInfo().getReasonPhrase();
        }
    }
}
