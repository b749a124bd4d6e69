package com.certtrack.cagateway.ca.standin;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.DcvStatus;
import com.certtrack.contracts.Product;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The stand-in CA's order API (see infra/stand-in-ca/API.md), authenticated with the reseller's API key. */
@RegisterRestClient(configKey = "stand-in-ca")
@Path("/api/v1")
@ClientHeaderParam(name = "X-Api-Key", value = "${certtrack.ca-gateway.stand-in.api-key}")
public interface StandInCaApi {

    @POST
    @Path("/orders")
    Order submit(OrderRequest request);

    @GET
    @Path("/orders/{orderId}")
    Order get(@PathParam("orderId") String orderId);

    @POST
    @Path("/orders/{orderId}/reissue")
    Order reissue(@PathParam("orderId") String orderId, ReissueRequest request);

    @POST
    @Path("/orders/{orderId}/revoke")
    Order revoke(@PathParam("orderId") String orderId, RevokeRequest request);

    @POST
    @Path("/orders/{orderId}/cancel")
    Order cancel(@PathParam("orderId") String orderId);

    @POST
    @Path("/orders/{orderId}/certificates/{serial}/revoke")
    Order revokeCertificate(
            @PathParam("orderId") String orderId, @PathParam("serial") String serial, RevokeRequest request);

    @PUT
    @Path("/orders/{orderId}/domains/{name}")
    Order changeDcvMethod(
            @PathParam("orderId") String orderId, @PathParam("name") String name, DcvMethodRequest request);

    @POST
    @Path("/orders/{orderId}/domains/{name}/check")
    Order checkDomain(@PathParam("orderId") String orderId, @PathParam("name") String name);

    @POST
    @Path("/orders/{orderId}/domains/{name}/approval-email")
    Order resendApprovalEmail(@PathParam("orderId") String orderId, @PathParam("name") String name);

    /** Intermediate first, then the root (PEM). */
    @GET
    @Path("/intermediates")
    @Produces("application/pem-certificate-chain")
    String intermediates();

    @POST
    @Path("/acme-accounts")
    AcmeAccount provisionAcmeAccount(AcmeAccountRequest request);

    record OrderRequest(
            String clientOrderId,
            Product product,
            List<DomainRequest> domains,
            String csr,
            int validityDays,
            Organisation organisation) {}

    record DomainRequest(String name, DcvMethod dcvMethod) {}

    record Organisation(String name, String country) {}

    record ReissueRequest(String csr, List<String> domains) {}

    record RevokeRequest(String reason) {}

    record DcvMethodRequest(DcvMethod dcvMethod) {}

    record AcmeAccountRequest(String clientOrderId, int termMonths) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Order(
            String orderId,
            String caReference,
            CaOrderStatus status,
            Product product,
            List<Domain> domains,
            Certificate certificate,
            List<CertificateSummary> certificates,
            String rejectionReason,
            Instant updatedAt) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Domain(
            String name,
            DcvMethod dcvMethod,
            DcvStatus dcvStatus,
            String instructions,
            String dcvTarget,
            String dcvValue) {}

    /** {@code revocationReason}: the API's names ({@code keyCompromise}, {@code superseded}, ...). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CertificateSummary(
            String serialNumber, Instant notAfter, boolean current, Instant revokedAt, String revocationReason) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Certificate(
            String serialNumber, String sha256Fingerprint, Instant notBefore, Instant notAfter, String pemChain) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AcmeAccount(String eabKeyId, String eabHmacKey, String directoryUrl) {}
}
