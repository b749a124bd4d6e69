package com.certtrack.ca.hierarchy;

import com.certtrack.ca.crypto.Pem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/** The CA certificates, public: caIssuers (DER, as AIA clients expect) and the PEM bundle for servers. */
@Path("/")
public class CaCertificatesResource {

    static final String PKIX_CERT = "application/pkix-cert";
    static final String PEM_CHAIN = "application/pem-certificate-chain";

    private final CaHierarchy hierarchy;

    public CaCertificatesResource(CaHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    @GET
    @Path("certs/intermediate.cer")
    @Produces(PKIX_CERT)
    public byte[] intermediate() {
        return Pem.der(hierarchy.current().intermediate());
    }

    @GET
    @Path("certs/root.cer")
    @Produces(PKIX_CERT)
    public byte[] root() {
        return Pem.der(hierarchy.current().root());
    }

    /** Intermediate first, then the root. */
    @GET
    @Path("api/v1/intermediates")
    @Produces(PEM_CHAIN)
    public Response intermediates() {
        IssuingCa ca = hierarchy.current();
        return Response.ok(Pem.of(ca.intermediate()) + Pem.of(ca.root()), PEM_CHAIN)
                .build();
    }
}
