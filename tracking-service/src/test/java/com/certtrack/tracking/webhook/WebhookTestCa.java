package com.certtrack.tracking.webhook;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test CA made with BouncyCastle, unknown to the JVM: it signs the loopback receiver's TLS certificate and the
 * customers' certificates of the test events. As a Quarkus test resource it hands its root to the service as
 * {@code certtrack.tracking.webhooks.trust-bundle} (a PEM file), so the service trusts the receiver and nothing else
 * of it.
 */
public class WebhookTestCa implements QuarkusTestResourceLifecycleManager {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static WebhookTestCa.Ca ca;

    /** The root, and the key that signs with it. */
    public record Ca(X509Certificate root, PrivateKey key) {

        /** TLS server identity for 127.0.0.1 (IP SAN) and localhost. */
        public SSLContext serverContext() {
            try {
                KeyPair pair = ecKey();
                X509Certificate leaf = sign(
                        this,
                        new X500Name("CN=localhost"),
                        pair.getPublic(),
                        false,
                        List.of(
                                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                                new GeneralName(GeneralName.dNSName, "localhost")));
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("server", pair.getPrivate(), new char[0], new X509Certificate[] {leaf, root});
                KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, new char[0]);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(keys.getKeyManagers(), null, null);
                return context;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** A customer's certificate as the CA delivers it: leaf PEM, then the root. */
        public String issuePemChain(String domain) {
            X509Certificate leaf = sign(
                    this,
                    new X500Name("CN=" + domain),
                    ecKey().getPublic(),
                    false,
                    List.of(new GeneralName(GeneralName.dNSName, domain)));
            return com.certtrack.tracking.pki.CertificateChain.pem(List.of(leaf, root));
        }
    }

    /** The CA the service is told to trust. */
    public static synchronized Ca ca() {
        if (ca == null) {
            ca = newCa();
        }
        return ca;
    }

    /** Another CA, unknown to the service. */
    public static Ca newCa() {
        KeyPair pair = ecKey();
        X500Name name = new X500Name("CN=CertTrack Webhook Test CA " + RANDOM.nextInt(1_000_000));
        return new Ca(build(name, name, pair.getPublic(), pair.getPrivate(), true, List.of()), pair.getPrivate());
    }

    @Override
    public Map<String, String> start() {
        try {
            Path bundle = Files.createTempFile("webhook-test-ca", ".pem");
            bundle.toFile().deleteOnExit();
            Files.writeString(bundle, com.certtrack.tracking.pki.CertificateChain.pem(ca().root()));
            return Map.of("certtrack.tracking.webhooks.trust-bundle", bundle.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // The CA lives as long as the test JVM.
    }

    private static X509Certificate sign(Ca ca, X500Name subject, PublicKey key, boolean isCa, List<GeneralName> names) {
        return build(
                X500Name.getInstance(ca.root().getSubjectX500Principal().getEncoded()),
                subject,
                key,
                ca.key(),
                isCa,
                names);
    }

    private static X509Certificate build(
            X500Name issuer,
            X500Name subject,
            PublicKey key,
            PrivateKey signer,
            boolean isCa,
            List<GeneralName> names) {
        try {
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuer,
                    new BigInteger(64, RANDOM).add(BigInteger.ONE),
                    Date.from(now.minusSeconds(60)),
                    Date.from(now.plus(Duration.ofDays(isCa ? 3650 : 90))),
                    subject,
                    key);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            builder.addExtension(
                    Extension.keyUsage,
                    true,
                    isCa
                            ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                            : new KeyUsage(KeyUsage.digitalSignature));
            if (!isCa) {
                builder.addExtension(
                        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                builder.addExtension(
                        Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ecKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
