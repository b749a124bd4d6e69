package com.certtrack.contracts;

/** How control of a domain is proven to the CA. */
public enum DcvMethod {
    EMAIL,
    HTTP_FILE,
    DNS_TXT,
    DNS_CNAME
}
