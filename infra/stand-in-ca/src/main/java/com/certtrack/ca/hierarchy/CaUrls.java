package com.certtrack.ca.hierarchy;

/** The public URLs this CA writes into certificates; all are served by this application. */
public record CaUrls(String base) {

    public CaUrls {
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public String ocsp() {
        return base + "/ocsp";
    }

    public String intermediateCertificate() {
        return base + "/certs/intermediate.cer";
    }

    public String rootCertificate() {
        return base + "/certs/root.cer";
    }

    public String intermediateCrl() {
        return base + "/crl/intermediate.crl";
    }

    public String rootCrl() {
        return base + "/crl/root.crl";
    }
}
