package com.certtrack.ca.hierarchy;

import com.certtrack.ca.CaConfig;
import com.certtrack.ca.crypto.Pem;
import com.certtrack.ca.crypto.SecretSealer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Loads the CA hierarchy from the database, creating it on the very first start. Replicas starting together
 * serialise on an advisory lock, so exactly one hierarchy is ever created.
 */
@ApplicationScoped
public class CaHierarchy {

    private static final Logger LOG = Logger.getLogger(CaHierarchy.class);
    private static final long CREATION_LOCK = 0x43414b4559L;

    private final CaConfig config;
    private final SecretSealer sealer;
    private final EntityManager entityManager;
    private volatile IssuingCa current;

    public CaHierarchy(CaConfig config, SecretSealer sealer, EntityManager entityManager) {
        this.config = config;
        this.sealer = sealer;
        this.entityManager = entityManager;
    }

    void onStart(@Observes StartupEvent event) {
        current();
    }

    public IssuingCa current() {
        IssuingCa ca = current;
        if (ca == null) {
            synchronized (this) {
                if (current == null) {
                    current = QuarkusTransaction.requiringNew().call(this::loadOrCreate);
                }
                ca = current;
            }
        }
        return ca;
    }

    public CaUrls urls() {
        return new CaUrls(config.publicUrl());
    }

    private IssuingCa loadOrCreate() {
        entityManager
                .createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(" + CREATION_LOCK + ")) l")
                .getSingleResult();
        CaKey root = CaKey.findById(CaKey.ROOT);
        CaKey intermediate = CaKey.findById(CaKey.INTERMEDIATE);
        if (root != null && intermediate != null) {
            IssuingCa ca = new IssuingCa(
                    Pem.certificate(root.certificateDer),
                    privateKey(root),
                    Pem.certificate(intermediate.certificateDer),
                    privateKey(intermediate));
            LOG.infof(
                    "CA hierarchy loaded: %s",
                    ca.intermediate().getSubjectX500Principal().getName());
            return ca;
        }
        CaConfig.Hierarchy settings = config.hierarchy();
        IssuingCa ca = HierarchyBuilder.create(
                settings.rootKeyType(), settings.intermediateKeyType(), settings.organisation(), urls());
        persist(CaKey.ROOT, ca.root(), ca.rootKey());
        persist(CaKey.INTERMEDIATE, ca.intermediate(), ca.intermediateKey());
        LOG.infof(
                "CA hierarchy created: root %s, intermediate %s",
                ca.root().getSubjectX500Principal().getName(),
                ca.intermediate().getSubjectX500Principal().getName());
        return ca;
    }

    private void persist(String name, X509Certificate certificate, PrivateKey key) {
        CaKey row = new CaKey();
        row.name = name;
        row.certificateDer = Pem.der(certificate);
        row.privateKeySealed = sealer.seal(key.getEncoded(), "ca-key:" + name);
        row.createdAt = Instant.now();
        row.persist();
    }

    private PrivateKey privateKey(CaKey row) {
        byte[] pkcs8 = sealer.open(row.privateKeySealed, "ca-key:" + row.name);
        String algorithm = Pem.certificate(row.certificateDer).getPublicKey().getAlgorithm();
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored CA key " + row.name + " does not load", e);
        }
    }
}
