package com.certtrack.eab.reveal;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** There is deliberately no endpoint to regenerate credentials. */
@Path("/api/caas/credentials")
public class CredentialsResource {

    private final RevealService reveal;

    public CredentialsResource(RevealService reveal) {
        this.reveal = reveal;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public RevealedCredentials reveal(RevealRequest request, @Context HttpServerRequest http) {
        return reveal.reveal(request, http.remoteAddress().hostAddress());
    }
}
