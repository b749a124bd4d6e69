package com.certtrack.testsupport;

import com.certtrack.support.sealing.Pem;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** A real PKCS#10 certificate signing request, as a customer's server would make it. */
public record TestCsr(KeyPair keyPair, String pem) {

    /** ECDSA P-256 key; the first domain is the CN, all domains are in the SAN extension. */
    public static TestCsr forDomains(String... domains) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keyPair = generator.generateKeyPair();
            var builder =
                    new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + domains[0]), keyPair.getPublic());
            GeneralName[] names = new GeneralName[domains.length];
            for (int i = 0; i < domains.length; i++) {
                names[i] = new GeneralName(GeneralName.dNSName, domains[i]);
            }
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            var csr = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate()));
            return new TestCsr(keyPair, Pem.write(csr));
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
