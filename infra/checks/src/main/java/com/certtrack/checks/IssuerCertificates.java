package com.certtrack.checks;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Certificates the checks may use beyond what a server sends or a customer pastes: to fill a gap in a chain (our
 * CA's intermediates) and to trust one (roots). The service says where they come from.
 */
public interface IssuerCertificates {

    List<X509Certificate> ourIntermediates();

    List<X509Certificate> trustedRoots();
}
