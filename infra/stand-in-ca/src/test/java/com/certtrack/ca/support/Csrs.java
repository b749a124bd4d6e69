package com.certtrack.ca.support;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Keys and CSRs as subscribers make them (the way openssl req would). */
public final class Csrs {

    public static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private Csrs() {}

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

    /**
     * An RSA-2048 key with the ROCA structure (CVE-2017-15361): each prime is {@code k·M + (65537^a mod M)} for the
     * primorial {@code M} of the primes up to 167, as Infineon's RSALib made them.
     */
    public static KeyPair rocaVulnerable() {
        java.math.BigInteger m = java.math.BigInteger.ONE;
        for (int i = 2; i <= 167; i++) {
            if (java.math.BigInteger.valueOf(i).isProbablePrime(30)) {
                m = m.multiply(java.math.BigInteger.valueOf(i));
            }
        }
        java.math.BigInteger e = java.math.BigInteger.valueOf(65537);
        java.security.SecureRandom random = new java.security.SecureRandom();
        while (true) {
            java.math.BigInteger p = rocaPrime(m, e, random);
            java.math.BigInteger q = rocaPrime(m, e, random);
            java.math.BigInteger n = p.multiply(q);
            java.math.BigInteger lambda =
                    p.subtract(java.math.BigInteger.ONE).multiply(q.subtract(java.math.BigInteger.ONE));
            if (n.bitLength() != 2048 || !lambda.gcd(e).equals(java.math.BigInteger.ONE)) {
                continue;
            }
            java.math.BigInteger d = e.modInverse(lambda);
            try {
                java.security.KeyFactory factory = java.security.KeyFactory.getInstance("RSA");
                return new KeyPair(
                        factory.generatePublic(new java.security.spec.RSAPublicKeySpec(n, e)),
                        factory.generatePrivate(new java.security.spec.RSAPrivateCrtKeySpec(
                                n,
                                e,
                                d,
                                p,
                                q,
                                d.mod(p.subtract(java.math.BigInteger.ONE)),
                                d.mod(q.subtract(java.math.BigInteger.ONE)),
                                q.modInverse(p))));
            } catch (GeneralSecurityException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }

    private static java.math.BigInteger rocaPrime(
            java.math.BigInteger m, java.math.BigInteger e, java.security.SecureRandom random) {
        java.math.BigInteger low =
                java.math.BigInteger.ONE.shiftLeft(1023).add(java.math.BigInteger.ONE.shiftLeft(1022));
        while (true) {
            java.math.BigInteger residue = e.modPow(new java.math.BigInteger(m.bitLength(), random), m);
            java.math.BigInteger k = new java.math.BigInteger(1024 - m.bitLength(), random);
            java.math.BigInteger p = low.add(k.multiply(m)).subtract(low.mod(m)).add(residue);
            if (p.bitLength() == 1024 && p.testBit(1022) && p.isProbablePrime(40)) {
                return p;
            }
        }
    }

    /** A CSR with CN = the first name (when given) and every name as a SAN dNSName. */
    public static String csr(KeyPair keys, String... names) {
        return pem(request(keys, names));
    }

    /**
     * A CSR whose CN is {@code commonName} as given (BouncyCastle's name parser refuses a CN over 64 characters, a
     * subscriber's tool may not), with the names as SANs.
     */
    public static PKCS10CertificationRequest withCommonName(KeyPair keys, String commonName, String... names) {
        X500Name subject = new X500Name(new org.bouncycastle.asn1.x500.RDN[] {
            new org.bouncycastle.asn1.x500.RDN(
                    org.bouncycastle.asn1.x500.style.BCStyle.CN, new org.bouncycastle.asn1.DERUTF8String(commonName))
        });
        PKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic());
        GeneralName[] san = new GeneralName[names.length];
        for (int i = 0; i < names.length; i++) {
            san[i] = new GeneralName(GeneralName.dNSName, names[i]);
        }
        builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions(san));
        return sign(builder, keys.getPrivate());
    }

    public static PKCS10CertificationRequest request(KeyPair keys, String... names) {
        X500Name subject = new X500Name(names.length == 0 ? "O=Subscriber" : "CN=" + names[0]);
        PKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic());
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

    public static PKCS10CertificationRequest sign(
            PKCS10CertificationRequestBuilder builder, PrivateKey key, String algorithm) {
        try {
            return builder.build(
                    new JcaContentSignerBuilder(algorithm).setProvider(BC).build(key));
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
