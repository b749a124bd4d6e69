package com.certtrack.order;

import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
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
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Real PKCS#10 requests made with BouncyCastle, good and bad, for the order tests. */
public final class TestCsrs {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private TestCsrs() {}

    public static String rsa(int bits, String... names) {
        return pem(rsaKey(bits), "SHA256withRSA", names);
    }

    public static String rsaSha1(String... names) {
        return pem(rsaKey(2048), "SHA1withRSA", names);
    }

    public static String ec(String curve, String... names) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec(curve));
            return pem(generator.generateKeyPair(), "SHA256withECDSA", names);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid request with one byte of its signature flipped. */
    public static String tampered(String... names) {
        try {
            PKCS10CertificationRequest csr = request(rsaKey(2048), "SHA256withRSA", names);
            byte[] der = csr.getEncoded();
            der[der.length - 10] ^= 0x01;
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
            return "-----BEGIN CERTIFICATE REQUEST-----\n" + base64 + "\n-----END CERTIFICATE REQUEST-----\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsaKey(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(KeyPair key, String algorithm, String... names) {
        try (StringWriter out = new StringWriter();
                JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(request(key, algorithm, names));
            writer.flush();
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PKCS10CertificationRequest request(KeyPair key, String algorithm, String... names) throws Exception {
        var builder = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + names[0]), key.getPublic());
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(
                Extension.subjectAlternativeName,
                false,
                new GeneralNames(Arrays.stream(names)
                        .map(name -> new GeneralName(GeneralName.dNSName, name))
                        .toArray(GeneralName[]::new)));
        builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
        return builder.build(
                new JcaContentSignerBuilder(algorithm).setProvider(BC).build(key.getPrivate()));
    }
}
