package com.certtrack.eab.reveal;

/**
 * The CaaS line's CA Reference (or its legacy name, Supplier Order Number), or the signed token of the link in
 * the "credentials ready" e-mail.
 */
public record RevealRequest(String caReference, String supplierOrderNumber, String token) {}
