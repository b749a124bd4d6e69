package com.certtrack.tracking.reissue;

import java.io.IOException;
import java.io.StringReader;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Checks a CSR for a reissue before it goes to the CA, so the customer learns at once what is wrong: it must parse,
 * carry a valid self-signature, use an RSA key of at least 2048 bits or an EC key on P-256/P-384, name only the
 * line's domains, and bring a new key (not the current certificate's).
 */
public final class CsrCheck {

    /** What a good CSR says: its DNS names (CN and SANs, lower case). */
    public record Checked(List<String> names) {}

    /** Why a CSR is refused, worded for the customer. */
    public static class Refused extends Exception {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    static final int MAX_PEM_LENGTH = 32_768;
    /** A private instance, not registered globally: the JDK's providers stay the default elsewhere. */
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private static final Set<ASN1ObjectIdentifier> CURVES =
            Set.of(SECObjectIdentifiers.secp256r1, SECObjectIdentifiers.secp384r1);

    private CsrCheck() {}

    /**
     * @param lineDomains the domains of the line ({@code *.example.com} also allows {@code example.com})
     * @param currentKey  the public key of the current certificate, if any
     */
    public static Checked check(String pem, List<String> lineDomains, Optional<SubjectPublicKeyInfo> currentKey)
            throws Refused {
        PKCS10CertificationRequest csr = parse(pem);
        verifySignature(csr);
        checkKey(csr.getSubjectPublicKeyInfo());
        List<String> names = names(csr);
        if (names.isEmpty()) {
            throw new Refused(
                    "The CSR names no domain: put the domain in the Common Name or the Subject Alternative Names.");
        }
        Set<String> allowed = allowed(lineDomains);
        List<String> foreign =
                names.stream().filter(name -> !allowed.contains(name)).toList();
        if (!foreign.isEmpty()) {
            throw new Refused("The CSR names " + String.join(", ", foreign) + ", which this certificate does not cover."
                    + " Allowed: " + String.join(", ", lineDomains) + ".");
        }
        if (currentKey.isPresent() && currentKey.get().equals(csr.getSubjectPublicKeyInfo())) {
            throw new Refused(
                    "The CSR uses the same key as the current certificate: create a new private key for a reissue.");
        }
        return new Checked(names);
    }

    static PKCS10CertificationRequest parse(String pem) throws Refused {
        if (pem == null || pem.isBlank()) {
            throw new Refused("Paste the CSR in PEM form (-----BEGIN CERTIFICATE REQUEST----- ...).");
        }
        if (pem.length() > MAX_PEM_LENGTH) {
            throw new Refused("The CSR is too large to be a certificate signing request.");
        }
        try (PEMParser parser = new PEMParser(new StringReader(pem.trim()))) {
            Object parsed = parser.readObject();
            if (parsed instanceof PKCS10CertificationRequest csr) {
                return csr;
            }
            throw new Refused(
                    parsed == null
                            ? "This is not a PEM certificate signing request (-----BEGIN CERTIFICATE REQUEST----- ...)."
                            : "This PEM block is not a certificate signing request: it holds a " + describe(parsed)
                                    + ".");
        } catch (IOException | RuntimeException e) {
            throw new Refused("The CSR cannot be read: it is damaged or not in PEM form.");
        }
    }

    private static void verifySignature(PKCS10CertificationRequest csr) throws Refused {
        try {
            if (!csr.isSignatureValid(
                    new JcaContentVerifierProviderBuilder().setProvider(BC).build(csr.getSubjectPublicKeyInfo()))) {
                throw new Refused("The CSR's signature does not match its key: it was altered or damaged.");
            }
        } catch (OperatorCreationException | PKCSException | RuntimeException e) {
            throw new Refused("The CSR's signature cannot be verified (unsupported key or signature algorithm).");
        }
    }

    private static void checkKey(SubjectPublicKeyInfo info) throws Refused {
        ASN1ObjectIdentifier algorithm = info.getAlgorithm().getAlgorithm();
        if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
            int bits = rsaBits(info);
            if (bits < 2048) {
                throw new Refused("The CSR's RSA key has " + bits + " bits; at least 2048 are required.");
            }
            return;
        }
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
            ASN1Encodable curve = info.getAlgorithm().getParameters();
            if (!(curve instanceof ASN1ObjectIdentifier named) || !CURVES.contains(named)) {
                throw new Refused("The CSR's EC key must be on curve P-256 or P-384.");
            }
            return;
        }
        throw new Refused("The CSR's key type is not supported: use RSA (2048 bits or more) or EC P-256/P-384.");
    }

    private static int rsaBits(SubjectPublicKeyInfo info) throws Refused {
        try {
            PublicKey key = new JcaPEMKeyConverter().setProvider(BC).getPublicKey(info);
            return ((RSAPublicKey) key).getModulus().bitLength();
        } catch (IOException | RuntimeException e) {
            throw new Refused("The CSR's RSA key cannot be read.");
        }
    }

    private static List<String> names(PKCS10CertificationRequest csr) {
        Set<String> names = new LinkedHashSet<>();
        for (RDN rdn : csr.getSubject().getRDNs(BCStyle.CN)) {
            String cn = IETFUtils.valueToString(rdn.getFirst().getValue()).trim();
            if (!cn.isEmpty()) {
                names.add(cn.toLowerCase(Locale.ROOT));
            }
        }
        Extensions extensions = csr.getRequestedExtensions();
        if (extensions != null) {
            GeneralNames san = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
            if (san != null) {
                Arrays.stream(san.getNames())
                        .filter(n -> n.getTagNo() == GeneralName.dNSName)
                        .map(n -> n.getName().toString().toLowerCase(Locale.ROOT))
                        .forEach(names::add);
            }
        }
        return new ArrayList<>(names);
    }

    private static Set<String> allowed(List<String> lineDomains) {
        Set<String> allowed = new LinkedHashSet<>();
        for (String domain : lineDomains) {
            String name = domain.toLowerCase(Locale.ROOT);
            allowed.add(name);
            if (name.startsWith("*.")) {
                allowed.add(name.substring(2));
            }
        }
        return allowed;
    }

    private static String describe(Object parsed) {
        String type = parsed.getClass().getSimpleName();
        return type.contains("Key") ? "key (never send a private key anywhere)" : type;
    }
}
