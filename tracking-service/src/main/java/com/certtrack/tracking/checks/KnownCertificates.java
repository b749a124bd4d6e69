package com.certtrack.tracking.checks;

import com.certtrack.tracking.TrackingConfig;
import com.certtrack.tracking.pki.CertificateChain;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Certificates the checks trust or may use to fill a gap: our CA's intermediates (every one seen in issued chains),
 * our root when configured, and the JDK's trusted roots.
 */
@ApplicationScoped
public class KnownCertificates {

    private final EntityManager em;
    private final List<X509Certificate> roots;

    public KnownCertificates(EntityManager em, TrackingConfig config) {
        this.em = em;
        List<X509Certificate> anchors = new ArrayList<>(jdkRoots());
        config.rootCertificate()
                .filter(pem -> !pem.isBlank())
                .ifPresent(pem -> anchors.addAll(
                        CertificateChain.parse(pem.replace("\\n", "\n")).certificates()));
        this.roots = List.copyOf(anchors);
    }

    @Transactional
    public List<X509Certificate> ourIntermediates() {
        @SuppressWarnings("unchecked")
        List<String> pems =
                em.createNativeQuery("SELECT pem FROM intermediate_certificate").getResultList();
        List<X509Certificate> certificates = new ArrayList<>();
        for (String pem : pems) {
            certificates.addAll(CertificateChain.parse(pem).certificates());
        }
        return certificates;
    }

    public List<X509Certificate> trustedRoots() {
        return roots;
    }

    private static List<X509Certificate> jdkRoots() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            return Arrays.stream(factory.getTrustManagers())
                    .filter(X509TrustManager.class::isInstance)
                    .flatMap(tm -> Arrays.stream(((X509TrustManager) tm).getAcceptedIssuers()))
                    .toList();
        } catch (Exception e) {
            return List.of();
        }
    }
}
