package com.certtrack.ca.hierarchy;

import com.certtrack.ca.crypto.KeyType;
import com.certtrack.ca.crypto.SignatureAlgorithms;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/** Creates a root and an issuing intermediate, as a CA does once at its key ceremony. */
public final class HierarchyBuilder {

    private static final SecureRandom RANDOM = new SecureRandom();

    private HierarchyBuilder() {}

    public static IssuingCa create(KeyType rootType, KeyType intermediateType, String organisation, CaUrls urls) {
        try {
            Instant now = Instant.now();
            KeyPair rootKeys = rootType.generate();
            X500Name rootName = name(organisation, organisation + " Root R1");
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder root = new JcaX509v3CertificateBuilder(
                            rootName,
                            serial(),
                            Date.from(now.minus(Duration.ofHours(1))),
                            Date.from(now.plus(Duration.ofDays(365L * 20))),
                            rootName,
                            rootKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            ext.createSubjectKeyIdentifier(rootKeys.getPublic()));
            X509Certificate rootCert = sign(root, rootKeys.getPrivate());

            KeyPair intermediateKeys = intermediateType.generate();
            X509v3CertificateBuilder intermediate = new JcaX509v3CertificateBuilder(
                            rootCert,
                            serial(),
                            Date.from(now.minus(Duration.ofHours(1))),
                            Date.from(now.plus(Duration.ofDays(365L * 5))),
                            name(organisation, organisation + " TLS Issuing " + label(intermediateType) + " R1"),
                            intermediateKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(
                            Extension.keyUsage,
                            true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(
                            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            ext.createSubjectKeyIdentifier(intermediateKeys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(rootCert))
                    .addExtension(
                            Extension.authorityInfoAccess,
                            false,
                            new AuthorityInformationAccess(new AccessDescription(
                                    AccessDescription.id_ad_caIssuers, uri(urls.rootCertificate()))))
                    .addExtension(Extension.cRLDistributionPoints, false, crlDistributionPoint(urls.rootCrl()));
            X509Certificate intermediateCert = sign(intermediate, rootKeys.getPrivate());
            return new IssuingCa(rootCert, rootKeys.getPrivate(), intermediateCert, intermediateKeys.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the CA hierarchy", e);
        }
    }

    static X500Name name(String organisation, String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "GB")
                .addRDN(BCStyle.O, organisation)
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    private static String label(KeyType type) {
        return type.name().startsWith("EC") ? "ECC" : "RSA";
    }

    public static CRLDistPoint crlDistributionPoint(String url) {
        DistributionPointName name = new DistributionPointName(new GeneralNames(uri(url)));
        return new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(name, null, null)});
    }

    public static GeneralName uri(String url) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, url);
    }

    /** 128 random bits, positive: CA/B Forum BR 7.1 asks for at least 64 bits from a CSPRNG. */
    public static BigInteger serial() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        bytes[0] &= 0x7f;
        if (bytes[0] == 0) {
            bytes[0] = 0x01;
        }
        return new BigInteger(1, bytes);
    }

    public static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws OperatorCreationException, java.security.cert.CertificateException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(SignatureAlgorithms.signer(key)));
    }
}
