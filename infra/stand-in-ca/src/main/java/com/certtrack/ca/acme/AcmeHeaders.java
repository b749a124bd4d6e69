package com.certtrack.ca.acme;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Every ACME answer, errors included, carries a fresh Replay-Nonce (RFC 8555 §6.5) and the directory link. */
public class AcmeHeaders {

    private final AcmeNonces nonces;

    public AcmeHeaders(AcmeNonces nonces) {
        this.nonces = nonces;
    }

    @ServerResponseFilter
    public void addNonce(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/acme/") || path.equals("/acme/directory") || path.startsWith("/acme/renewal-info")) {
            return;
        }
        response.getHeaders().putSingle("Replay-Nonce", nonces.issue());
        response.getHeaders()
                .add(
                        "Link",
                        "<" + new AcmeUrls(request.getUriInfo().getBaseUri().toString()).directory()
                                + ">;rel=\"index\"");
    }
}
