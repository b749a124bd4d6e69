package com.certtrack.ca.acme;

import com.certtrack.ca.auth.ApiKeys;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Creates ACME accounts' External Account Binding credentials for CaaS subscriptions. */
@Path("/api/v1/acme-accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AcmeAccountResource {

    public record CreateAccountRequest(
            @NotBlank @Size(max = 128) String clientOrderId,
            @NotNull @Min(1) @Max(60) Integer termMonths) {}

    public record AccountCreated(String eabKeyId, String eabHmacKey, String directoryUrl) {}

    private final ApiKeys apiKeys;
    private final AcmeAccountService accounts;

    public AcmeAccountResource(ApiKeys apiKeys, AcmeAccountService accounts) {
        this.apiKeys = apiKeys;
        this.accounts = accounts;
    }

    /** 201 with new credentials; 200 with the same ones when the clientOrderId was seen before. */
    @POST
    public Response create(@HeaderParam(ApiKeys.HEADER) String apiKey, @NotNull @Valid CreateAccountRequest request) {
        AcmeAccountService.Creation creation = accounts.create(apiKeys.client(apiKey), request);
        return Response.status(creation.replay() ? 200 : 201)
                .entity(creation.account())
                .build();
    }
}
