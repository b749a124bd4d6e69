package com.certtrack.ca.support;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Keys and CSRs as subscribers make them (the way openssl req would). */
public final class Csrs {

    public static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private Csrs() {
    }

    public static KeyPair ec(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair p256() {
        return ec("secp256r1");
    }

    public static KeyPair generate(String algorithm, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm, BC);
            if (bits > 0) {
                generator.initialize(bits);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsa(int bits) {
        return generate("RSA", bits);
    }

    /** A CSR with CN = the first name (when given) and every name as a SAN dNSName. */
    public static String csr(KeyPair keys, String... names) {
        return pem(request(keys, names));
    }

    public static PKCS10CertificationRequest request(KeyPair keys, String... names) {
        X500Name subject = new X500Name(names.length == 0 ? "O=Subscriber" : "CN=" + names[0]);
        PKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(subject,
                keys.getPublic());
        if (names.length > 0) {
            GeneralName[] san = new GeneralName[names.length];
            for (int i = 0; i < names.length; i++) {
                san[i] = new GeneralName(GeneralName.dNSName, names[i]);
            }
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions(san));
        }
        return sign(builder, keys.getPrivate());
    }

    public static org.bouncycastle.asn1.x509.Extensions extensions(GeneralName... san) {
        try {
            ExtensionsGenerator generator = new ExtensionsGenerator();
            generator.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san));
            return generator.generate();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PKCS10CertificationRequest sign(PKCS10CertificationRequestBuilder builder, PrivateKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "DSA" -> "SHA256withDSA";
            default -> key.getAlgorithm();
        };
        return sign(builder, key, algorithm);
    }

    public static PKCS10CertificationRequest sign(PKCS10CertificationRequestBuilder builder, PrivateKey key,
            String algorithm) {
        try {
            return builder.build(new JcaContentSignerBuilder(algorithm).setProvider(BC).build(key));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
