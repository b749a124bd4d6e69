package com.certtrack.ca.revocation;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.Base64;

/** Public revocation services named in every certificate: OCSP (POST and GET, RFC 6960 A.1) and CRLs. */
@Path("/")
public class RevocationResource {

    static final String OCSP_REQUEST = "application/ocsp-request";
    static final String OCSP_RESPONSE = "application/ocsp-response";
    static final String CRL = "application/pkix-crl";

    private final OcspResponder ocsp;
    private final CrlPublisher crls;

    public RevocationResource(OcspResponder ocsp, CrlPublisher crls) {
        this.ocsp = ocsp;
        this.crls = crls;
    }

    @POST
    @Path("ocsp")
    @Consumes(OCSP_REQUEST)
    @Produces(OCSP_RESPONSE)
    public Response post(byte[] request) {
        return answer(ocsp.respond(request == null ? new byte[0] : request));
    }

    /** GET carries the DER request base64-encoded (and URL-encoded) in the path. */
    @GET
    @Path("ocsp/{request: .+}")
    @Produces(OCSP_RESPONSE)
    public Response get(@PathParam("request") String encoded) {
        byte[] request;
        try {
            request = Base64.getDecoder()
                    .decode(encoded.replace(' ', '+').replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            request = new byte[0];
        }
        return answer(ocsp.respond(request));
    }

    @GET
    @Path("crl/intermediate.crl")
    @Produces(CRL)
    public byte[] intermediateCrl() {
        return crls.intermediateCrl();
    }

    @GET
    @Path("crl/root.crl")
    @Produces(CRL)
    public byte[] rootCrl() {
        return crls.rootCrl();
    }

    /** A malformed request still gets an OCSP answer (malformedRequest), with a 400 status. */
    private static Response answer(OcspResponder.Answer answer) {
        return Response.status(answer.malformed() ? 400 : 200)
                .type(OCSP_RESPONSE)
                .entity(answer.der())
                .build();
    }
}
