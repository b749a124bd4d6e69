package com.certtrack.tracking.checks;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A test CA (root, intermediate) whose leaves name the OCSP, CRL and CA Issuers URLs a test chooses. */
final class ChecksPki {

    static final SecureRandom RANDOM = new SecureRandom();

    final KeyPair rootKey = ec();
    final KeyPair intermediateKey = ec();
    final X509Certificate root;
    final X509Certificate intermediate;

    ChecksPki() {
        X500Name rootName = new X500Name("CN=Checks Test Root " + RANDOM.nextInt(1_000_000) + ",O=CertTrack Tests");
        X500Name intermediateName =
                new X500Name("CN=Checks Test Issuing CA " + RANDOM.nextInt(1_000_000) + ",O=CertTrack Tests");
        root = sign(
                rootName,
                rootName,
                rootKey.getPublic(),
                rootKey.getPrivate(),
                "SHA256withECDSA",
                true,
                Instant.now().minus(1, ChronoUnit.DAYS),
                Instant.now().plus(3650, ChronoUnit.DAYS),
                List.of(),
                null);
        intermediate = sign(
                rootName,
                intermediateName,
                intermediateKey.getPublic(),
                rootKey.getPrivate(),
                "SHA256withECDSA",
                true,
                Instant.now().minus(1, ChronoUnit.DAYS),
                Instant.now().plus(1825, ChronoUnit.DAYS),
                List.of(),
                null);
    }

    /** What a leaf says about where its status and issuer can be found. */
    record Urls(String ocsp, String crl, String caIssuers) {
        static final Urls NONE = new Urls(null, null, null);
    }

    X509Certificate leaf(
            PublicKey key, List<String> names, Instant notBefore, Instant notAfter, String algorithm, Urls urls) {
        return sign(
                name(intermediate),
                new X500Name("CN=" + names.get(0)),
                key,
                intermediateKey.getPrivate(),
                algorithm,
                false,
                notBefore,
                notAfter,
                names,
                urls);
    }

    X509Certificate leaf(PublicKey key, List<String> names, Urls urls) {
        return leaf(
                key,
                names,
                Instant.now().minus(1, ChronoUnit.HOURS),
                Instant.now().plus(200, ChronoUnit.DAYS),
                "SHA256withECDSA",
                urls);
    }

    /** A self-signed certificate, as a server would serve before it got a real one. */
    static X509Certificate selfSigned(KeyPair key, String name) {
        X500Name subject = new X500Name("CN=" + name);
        return sign(
                subject,
                subject,
                key.getPublic(),
                key.getPrivate(),
                "SHA256withECDSA",
                false,
                Instant.now().minus(1, ChronoUnit.HOURS),
                Instant.now().plus(90, ChronoUnit.DAYS),
                List.of(name),
                null);
    }

    static X500Name name(X509Certificate certificate) {
        return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    }

    static KeyPair ec() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
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
            String algorithm,
            boolean ca,
            Instant notBefore,
            Instant notAfter,
            List<String> names,
            Urls urls) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuer,
                    new BigInteger(64, RANDOM).add(BigInteger.ONE),
                    Date.from(notBefore),
                    Date.from(notAfter),
                    subject,
                    key);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(
                    Extension.keyUsage,
                    true,
                    ca
                            ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                            : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            if (!names.isEmpty()) {
                builder.addExtension(
                        Extension.subjectAlternativeName,
                        false,
                        new GeneralNames(names.stream()
                                .map(d -> new GeneralName(GeneralName.dNSName, d))
                                .toArray(GeneralName[]::new)));
            }
            if (urls != null) {
                List<AccessDescription> access = new ArrayList<>();
                if (urls.ocsp() != null) {
                    access.add(new AccessDescription(
                            X509ObjectIdentifiers.id_ad_ocsp,
                            new GeneralName(GeneralName.uniformResourceIdentifier, urls.ocsp())));
                }
                if (urls.caIssuers() != null) {
                    for (String caIssuers : urls.caIssuers().split(" ")) { // several, space-separated
                        access.add(new AccessDescription(
                                X509ObjectIdentifiers.id_ad_caIssuers,
                                new GeneralName(GeneralName.uniformResourceIdentifier, caIssuers)));
                    }
                }
                if (!access.isEmpty()) {
                    builder.addExtension(
                            Extension.authorityInfoAccess,
                            false,
                            new AuthorityInformationAccess(access.toArray(AccessDescription[]::new)));
                }
                if (urls.crl() != null) {
                    builder.addExtension(
                            Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                                new DistributionPoint(
                                        new DistributionPointName(new GeneralNames(
                                                new GeneralName(GeneralName.uniformResourceIdentifier, urls.crl()))),
                                        null,
                                        null)
                            }));
                }
            }
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(signer)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
