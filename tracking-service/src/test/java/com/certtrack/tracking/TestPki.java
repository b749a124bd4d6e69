package com.certtrack.tracking;

import com.certtrack.tracking.pki.CertificateChain;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A real little CA for tests: root, intermediate, and leaves for customers' keys, made with BouncyCastle. */
final class TestPki {

    private static final SecureRandom RANDOM = new SecureRandom();

    final X509Certificate root;
    final X509Certificate intermediate;
    private final PrivateKey intermediateKey;

    private TestPki(X509Certificate root, X509Certificate intermediate, PrivateKey intermediateKey) {
        this.root = root;
        this.intermediate = intermediate;
        this.intermediateKey = intermediateKey;
    }

    static TestPki create() {
        KeyPair rootKey = ecKey();
        KeyPair intermediateKey = ecKey();
        X500Name rootName = new X500Name("CN=CertTrack Test Root " + RANDOM.nextInt(1_000_000) + ",O=CertTrack Tests");
        X500Name intermediateName =
                new X500Name("CN=CertTrack Test Issuing CA " + RANDOM.nextInt(1_000_000) + ",O=CertTrack Tests");
        X509Certificate root = sign(
                rootName, rootName, rootKey.getPublic(), rootKey.getPrivate(), true, Duration.ofDays(3650), List.of());
        X509Certificate intermediate = sign(
                rootName,
                intermediateName,
                intermediateKey.getPublic(),
                rootKey.getPrivate(),
                true,
                Duration.ofDays(1825),
                List.of());
        return new TestPki(root, intermediate, intermediateKey.getPrivate());
    }

    /** Leaf PEM first, then the intermediate: as the CA delivers it. */
    String issue(PublicKey customerKey, List<String> domains) {
        X509Certificate leaf = sign(
                X500Name.getInstance(intermediate.getSubjectX500Principal().getEncoded()),
                new X500Name("CN=" + domains.get(0)),
                customerKey,
                intermediateKey,
                false,
                Duration.ofDays(200),
                domains);
        return CertificateChain.pem(List.of(leaf, intermediate));
    }

    @SuppressWarnings("unchecked")
    static List<X509Certificate> parse(String pem) throws Exception {
        return new java.util.ArrayList<>(
                (java.util.Collection<X509Certificate>) java.security.cert.CertificateFactory.getInstance("X.509")
                        .generateCertificates(new java.io.ByteArrayInputStream(
                                pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
    }

    static KeyPair ecKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(
            X500Name issuer,
            X500Name subject,
            PublicKey key,
            PrivateKey signer,
            boolean ca,
            Duration validity,
            List<String> domains) {
        try {
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuer,
                    new BigInteger(64, RANDOM).add(BigInteger.ONE),
                    Date.from(now.minusSeconds(60)),
                    Date.from(now.plus(validity)),
                    subject,
                    key);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(
                    Extension.keyUsage,
                    true,
                    ca
                            ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                            : new KeyUsage(KeyUsage.digitalSignature));
            if (!domains.isEmpty()) {
                builder.addExtension(
                        Extension.subjectAlternativeName,
                        false,
                        new GeneralNames(domains.stream()
                                .map(d -> new GeneralName(GeneralName.dNSName, d))
                                .toArray(GeneralName[]::new)));
            }
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
