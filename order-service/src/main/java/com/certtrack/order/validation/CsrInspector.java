package com.certtrack.order.validation;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.LinkedHashSet;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Checks a PKCS#10 certificate signing request the way a CA would before accepting it: it parses, its signature
 * verifies with its own key, the key is strong enough (RSA 2048-8192 bits, ECDSA P-256 or P-384), it is signed with
 * SHA-256 or stronger, and the domain names it asks for are returned for comparison with the order line.
 */
public final class CsrInspector {

    /** Why a CSR is refused, worded for the customer. */
    public static final class InvalidCsr extends Exception {
        InvalidCsr(String message) {
            super(message, null, false, false);
        }
    }

    public static final int MAX_PEM_LENGTH = 16_384;
    /** Used directly rather than registered: the JDK's providers know neither every OID nor every curve. */
    private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();

    private static final int MIN_RSA_BITS = 2048;
    private static final int MAX_RSA_BITS = 8192;
    private static final Set<ASN1ObjectIdentifier> CURVES =
            Set.of(SECObjectIdentifiers.secp256r1, SECObjectIdentifiers.secp384r1);
    private static final Set<ASN1ObjectIdentifier> SIGNATURES = Set.of(
            PKCSObjectIdentifiers.sha256WithRSAEncryption, PKCSObjectIdentifiers.sha384WithRSAEncryption,
            PKCSObjectIdentifiers.sha512WithRSAEncryption, PKCSObjectIdentifiers.id_RSASSA_PSS,
            X9ObjectIdentifiers.ecdsa_with_SHA256, X9ObjectIdentifiers.ecdsa_with_SHA384,
            X9ObjectIdentifiers.ecdsa_with_SHA512, NISTObjectIdentifiers.id_ecdsa_with_sha3_256);

    private CsrInspector() {}

    /** @return the domain names the CSR asks for (common name and DNS subjectAltNames), in ASCII form */
    public static Set<String> inspect(String pem) throws InvalidCsr {
        if (pem == null || pem.isBlank()) {
            throw new InvalidCsr("is empty; leave it out or paste the whole PEM block");
        }
        if (pem.length() > MAX_PEM_LENGTH) {
            throw new InvalidCsr("is longer than " + MAX_PEM_LENGTH + " characters");
        }
        if (pem.indexOf('\u0000') >= 0) {
            throw new InvalidCsr("contains NUL characters; paste the PEM text exactly as your server wrote it");
        }
        PKCS10CertificationRequest csr = parse(pem);
        checkKey(csr.getSubjectPublicKeyInfo());
        checkSignature(csr);
        return names(csr);
    }

    private static PKCS10CertificationRequest parse(String pem) throws InvalidCsr {
        Object parsed;
        try (PEMParser parser = new PEMParser(new StringReader(pem.strip()))) {
            parsed = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new InvalidCsr("cannot be read: the PEM block is damaged or truncated");
        }
        if (parsed instanceof PKCS10CertificationRequest csr) {
            return csr;
        }
        throw new InvalidCsr("is not a PEM certificate signing request (-----BEGIN CERTIFICATE REQUEST-----)");
    }

    private static void checkKey(SubjectPublicKeyInfo key) throws InvalidCsr {
        AlgorithmIdentifier algorithm = key.getAlgorithm();
        try {
            if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm.getAlgorithm())) {
                BigInteger modulus = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(key.parsePublicKey())
                        .getModulus();
                int bits = modulus.bitLength();
                if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
                    throw new InvalidCsr(
                            "has a " + bits + "-bit RSA key; use " + MIN_RSA_BITS + " to " + MAX_RSA_BITS + " bits");
                }
                return;
            }
        } catch (IOException | RuntimeException e) {
            throw new InvalidCsr("has a damaged public key");
        }
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())) {
            if (!(algorithm.getParameters() instanceof ASN1ObjectIdentifier curve) || !CURVES.contains(curve)) {
                throw new InvalidCsr("has an EC key on a curve that is not accepted; use P-256 or P-384");
            }
            return;
        }
        throw new InvalidCsr("has a key type that is not accepted; use RSA (2048 bits or more) or ECDSA P-256/P-384");
    }

    private static void checkSignature(PKCS10CertificationRequest csr) throws InvalidCsr {
        if (!SIGNATURES.contains(csr.getSignatureAlgorithm().getAlgorithm())) {
            throw new InvalidCsr("is signed with an algorithm that is not accepted; sign with SHA-256 or stronger");
        }
        boolean valid;
        try {
            valid = csr.isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .setProvider(PROVIDER)
                    .build(csr.getSubjectPublicKeyInfo()));
        } catch (Exception e) {
            valid = false;
        }
        if (!valid) {
            throw new InvalidCsr("has a signature that does not verify; the CSR was altered or is damaged");
        }
    }

    private static Set<String> names(PKCS10CertificationRequest csr) throws InvalidCsr {
        Set<String> names = new LinkedHashSet<>();
        for (RDN rdn : csr.getSubject().getRDNs(BCStyle.CN)) {
            names.add(domain(IETFUtils.valueToString(rdn.getFirst().getValue()), "common name"));
        }
        try {
            for (Attribute attribute : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
                Extensions extensions =
                        Extensions.getInstance(attribute.getAttrValues().getObjectAt(0));
                GeneralNames sans = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
                for (GeneralName san : sans == null ? new GeneralName[0] : sans.getNames()) {
                    if (san.getTagNo() == GeneralName.dNSName) {
                        names.add(domain(san.getName().toString(), "subjectAltName"));
                    }
                }
            }
        } catch (RuntimeException e) {
            throw new InvalidCsr("has a damaged extension request");
        }
        if (names.isEmpty()) {
            throw new InvalidCsr("names no domain: set the common name or a DNS subjectAltName");
        }
        return names;
    }

    private static String domain(String value, String where) throws InvalidCsr {
        try {
            return DomainNames.parse(value).ascii();
        } catch (DomainNames.InvalidDomain e) {
            throw new InvalidCsr("has the " + where + " '" + value + "', which is not a domain name");
        }
    }
}
