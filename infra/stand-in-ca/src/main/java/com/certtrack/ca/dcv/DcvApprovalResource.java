package com.certtrack.ca.dcv;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The link in an EMAIL approval request. GET only shows a confirmation page (mail scanners follow links);
 * the POST from its button approves.
 */
@Path("/dcv/approve")
public class DcvApprovalResource {

    private final DcvService dcv;

    public DcvApprovalResource(DcvService dcv) {
        this.dcv = dcv;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String confirm(@QueryParam("token") String token) {
        String domain = dcv.describe(token);
        return page("Approve the certificate for " + escape(domain), """
                <p>A TLS certificate was requested for <strong>%s</strong>. Approve it only if you administer
                this domain and expect the certificate.</p>
                <form method="post" action="/dcv/approve">
                  <input type="hidden" name="token" value="%s">
                  <button type="submit">Approve</button>
                </form>""".formatted(escape(domain), escape(token)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public String approve(@FormParam("token") String token) {
        String domain = dcv.approve(token);
        return page(
                "Approved",
                "<p>Domain control of <strong>" + escape(domain) + "</strong> is approved. "
                        + "You can close this page.</p>");
    }

    private static String page(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                + "</title></head><body><h1>" + title + "</h1>" + body + "</body></html>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
