package com.certtrack.tracking.reissue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.support.sealing.Pem;
import com.certtrack.testsupport.TestCsr;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

/** The CSR rules, without a server: each refusal says what is wrong. */
class CsrCheckTest {

    private static final List<String> LINE = List.of("shop.example.com", "www.example.com");

    @Test
    void acceptsEcAndRsaKeysNamingTheLinesDomains() throws Exception {
        var checked = CsrCheck.check(
                TestCsr.forDomains("shop.example.com", "www.example.com").pem(), LINE, Optional.empty());
        assertEquals(LINE, checked.names());
        assertEquals(
                List.of("shop.example.com"),
                CsrCheck.check(csr(rsa(2048), "SHA256withRSA", "SHOP.example.com"), LINE, Optional.empty())
                        .names());
        assertEquals(
                List.of("shop.example.com"),
                CsrCheck.check(csr(ec("secp384r1"), "SHA384withECDSA", "shop.example.com"), LINE, Optional.empty())
                        .names());
    }

    @Test
    void aWildcardLineAlsoCoversItsBaseDomain() throws Exception {
        var checked = CsrCheck.check(
                TestCsr.forDomains("*.example.com", "example.com").pem(), List.of("*.example.com"), Optional.empty());
        assertEquals(List.of("*.example.com", "example.com"), checked.names());
    }

    @Test
    void refusesWithTheReason() throws Exception {
        refused("PEM", "hello");
        refused("PEM", "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n");
        refused("private key", Pem.write(ec("secp256r1").getPrivate()));
        refused("2048", csr(rsa(1024), "SHA256withRSA", "shop.example.com"));
        refused("P-256 or P-384", csr(ec("secp521r1"), "SHA512withECDSA", "shop.example.com"));
        refused(
                "mail.example.com",
                TestCsr.forDomains("shop.example.com", "mail.example.com").pem());
        TestCsr current = TestCsr.forDomains("shop.example.com");
        var error = assertThrows(
                CsrCheck.Refused.class,
                () -> CsrCheck.check(
                        current.pem(),
                        LINE,
                        Optional.of(SubjectPublicKeyInfo.getInstance(
                                current.keyPair().getPublic().getEncoded()))));
        assertTrue(error.getMessage().contains("same key"), error.getMessage());
    }

    private static void refused(String reason, String pem) {
        var error = assertThrows(CsrCheck.Refused.class, () -> CsrCheck.check(pem, LINE, Optional.empty()));
        assertTrue(error.getMessage().contains(reason), error.getMessage());
    }

    private static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    private static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    private static String csr(KeyPair key, String algorithm, String domain) throws Exception {
        var builder = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + domain), key.getPublic());
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(
                Extension.subjectAlternativeName,
                false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, domain)));
        builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
        return Pem.write(builder.build(new JcaContentSignerBuilder(algorithm).build(key.getPrivate())));
    }
}
