package com.certtrack.ca.issuance;

import com.certtrack.ca.crypto.Pem;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Checks a PKCS#10 CSR as a public CA does before signing: it parses, its key is an allowed type and size and not
 * weak, it is signed by its own key with a strong hash, and every name it asks for is in the order.
 */
public final class CsrValidator {

    public static final int MAX_PEM_CHARS = 16 * 1024;
    private static final int MAX_COMMON_NAME = 64;
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final BigInteger MIN_EXPONENT = BigInteger.valueOf(65537);
    private static final BigInteger MAX_EXPONENT = BigInteger.TWO.pow(256);
    /** Product of the primes below 752: CA/B Forum BR 6.1.6 asks that RSA moduli have no factor that small. */
    private static final BigInteger SMALL_PRIMES = smallPrimesProduct(752);

    private static final int FERMAT_ROUNDS = 100;
    private static final boolean[] SQUARE_MOD_64 = new boolean[64];

    static {
        for (int i = 0; i < 64; i++) {
            SQUARE_MOD_64[(i * i) & 63] = true;
        }
    }

    private static final Map<ASN1ObjectIdentifier, String> CURVES =
            Map.of(SECObjectIdentifiers.secp256r1, "P-256", SECObjectIdentifiers.secp384r1, "P-384");
    private static final Set<ASN1ObjectIdentifier> SIGNATURES = Set.of(
            PKCSObjectIdentifiers.sha256WithRSAEncryption,
            PKCSObjectIdentifiers.sha384WithRSAEncryption,
            PKCSObjectIdentifiers.sha512WithRSAEncryption,
            PKCSObjectIdentifiers.id_RSASSA_PSS,
            X9ObjectIdentifiers.ecdsa_with_SHA256,
            X9ObjectIdentifiers.ecdsa_with_SHA384,
            X9ObjectIdentifiers.ecdsa_with_SHA512);

    /**
     * @param orderDomains the names the order covers (lower case); every name in the CSR must be one of them
     */
    public CheckedCsr check(String pem, Collection<String> orderDomains) throws CsrRejectedException {
        PKCS10CertificationRequest csr = parse(pem);
        SubjectPublicKeyInfo key = csr.getSubjectPublicKeyInfo();
        String keyDescription = checkKey(key);
        checkSignature(csr, key);
        List<String> names = requestedNames(csr, orderDomains);
        try {
            return new CheckedCsr(Pem.of(csr), key, names, keyDescription, Pem.sha256Hex(key.getEncoded()));
        } catch (IOException e) {
            throw new CsrRejectedException("The CSR's public key cannot be encoded.");
        }
    }

    private static PKCS10CertificationRequest parse(String pem) throws CsrRejectedException {
        if (pem == null || pem.isBlank()) {
            throw new CsrRejectedException("The CSR is empty.");
        }
        if (pem.length() > MAX_PEM_CHARS) {
            throw new CsrRejectedException(
                    "The CSR is larger than 16 KiB; a certificate request is a few KiB at most.");
        }
        Object object;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            object = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new CsrRejectedException("The CSR is not a well-formed PEM PKCS#10 request: it is truncated or its "
                    + "base64 content is damaged.");
        }
        if (object == null) {
            throw new CsrRejectedException(
                    "The CSR contains no PEM block; expected -----BEGIN CERTIFICATE REQUEST-----.");
        }
        if (!(object instanceof PKCS10CertificationRequest csr)) {
            throw new CsrRejectedException("The PEM block is a " + describe(object) + ", not a certificate request "
                    + "(-----BEGIN CERTIFICATE REQUEST-----).");
        }
        try {
            csr.getSubjectPublicKeyInfo().getAlgorithm();
            csr.getSubject();
            return csr;
        } catch (RuntimeException e) {
            throw new CsrRejectedException("The CSR's structure is malformed.");
        }
    }

    private static String describe(Object object) {
        String name = object.getClass().getSimpleName();
        if (name.contains("Certificate")) {
            return "certificate";
        }
        if (name.contains("Key")) {
            return "key";
        }
        return "different kind of object";
    }

    private static String checkKey(SubjectPublicKeyInfo key) throws CsrRejectedException {
        ASN1ObjectIdentifier algorithm = key.getAlgorithm().getAlgorithm();
        if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
            return checkRsa(key);
        }
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
            return checkEc(key);
        }
        throw new CsrRejectedException("The CSR's key algorithm (" + algorithmName(algorithm) + ") is not allowed; "
                + "use RSA 2048-4096 or ECDSA P-256/P-384.");
    }

    private static String algorithmName(ASN1ObjectIdentifier oid) {
        if (oid.equals(X9ObjectIdentifiers.id_dsa)) {
            return "DSA";
        }
        if (oid.getId().equals("1.3.101.112")) {
            return "Ed25519";
        }
        if (oid.getId().equals("1.3.101.113")) {
            return "Ed448";
        }
        return "OID " + oid.getId();
    }

    private static String checkRsa(SubjectPublicKeyInfo key) throws CsrRejectedException {
        RSAPublicKey rsa;
        try {
            rsa = RSAPublicKey.getInstance(key.parsePublicKey());
        } catch (IOException | RuntimeException e) {
            throw new CsrRejectedException("The CSR's RSA public key is malformed.");
        }
        BigInteger n = rsa.getModulus();
        BigInteger e = rsa.getPublicExponent();
        int bits = n.bitLength();
        if (bits < 2048) {
            throw new CsrRejectedException("The CSR's RSA key has " + bits + " bits; the minimum is 2048.");
        }
        if (bits > 4096) {
            throw new CsrRejectedException("The CSR's RSA key has " + bits + " bits; the maximum is 4096.");
        }
        if (bits % 8 != 0) {
            throw new CsrRejectedException(
                    "The CSR's RSA modulus has " + bits + " bits; its size must be a multiple of 8.");
        }
        if (!e.testBit(0)) {
            throw new CsrRejectedException("The CSR's RSA public exponent is even; it must be odd (65537).");
        }
        if (e.compareTo(MIN_EXPONENT) < 0 || e.compareTo(MAX_EXPONENT) >= 0) {
            throw new CsrRejectedException("The CSR's RSA public exponent "
                    + (e.bitLength() > 64 ? "is too large" : e.toString()) + " is outside 65537 to 2^256-1.");
        }
        if (!n.gcd(SMALL_PRIMES).equals(BigInteger.ONE)) {
            throw new CsrRejectedException("The CSR's RSA modulus has a small prime factor: the key is weak.");
        }
        if (RocaFingerprint.matches(n)) {
            throw new CsrRejectedException("The CSR's RSA key has the ROCA fingerprint (CVE-2017-15361, Infineon "
                    + "RSALib): its modulus can be factored; generate a new key in software or on updated hardware.");
        }
        if (fermatFactorable(n)) {
            throw new CsrRejectedException("The CSR's RSA modulus has two primes too close together (Fermat "
                    + "factorisation breaks it): the key is weak.");
        }
        return "RSA " + bits;
    }

    /** CA/B Forum BR 6.1.1.3: reject moduli that Fermat's method factors in 100 rounds. */
    private static boolean fermatFactorable(BigInteger n) {
        BigInteger a = n.sqrt();
        if (a.multiply(a).compareTo(n) < 0) {
            a = a.add(BigInteger.ONE);
        }
        BigInteger b2 = a.multiply(a).subtract(n);
        for (int i = 0; i < FERMAT_ROUNDS; i++) {
            if (isSquare(b2)) {
                return true;
            }
            // (a+1)^2 - n = a^2 - n + 2a + 1: no multiplication per round.
            b2 = b2.add(a.shiftLeft(1)).add(BigInteger.ONE);
            a = a.add(BigInteger.ONE);
        }
        return false;
    }

    /** Squares take only 12 of the 64 residues mod 64: most candidates need no square root. */
    private static boolean isSquare(BigInteger x) {
        if (!SQUARE_MOD_64[x.intValue() & 63]) {
            return false;
        }
        BigInteger root = x.sqrt();
        return root.multiply(root).equals(x);
    }

    private static String checkEc(SubjectPublicKeyInfo key) throws CsrRejectedException {
        ASN1Primitive parameters = key.getAlgorithm().getParameters() == null
                ? null
                : key.getAlgorithm().getParameters().toASN1Primitive();
        if (!(parameters instanceof ASN1ObjectIdentifier curve)) {
            throw new CsrRejectedException("The CSR's EC key does not name its curve; use P-256 or P-384.");
        }
        String curveName = CURVES.get(curve);
        if (curveName == null) {
            String name = ECNamedCurveTable.getName(curve);
            throw new CsrRejectedException("The CSR's EC curve " + (name == null ? curve.getId() : name)
                    + " is not allowed; use P-256 or P-384.");
        }
        X9ECParameters params = ECNamedCurveTable.getByOID(curve);
        try {
            if (!params.getCurve()
                    .decodePoint(key.getPublicKeyData().getOctets())
                    .isValid()) {
                throw new IllegalArgumentException("invalid point");
            }
        } catch (RuntimeException e) {
            throw new CsrRejectedException("The CSR's EC public key is not a valid point on " + curveName + ".");
        }
        return "EC " + curveName;
    }

    private static void checkSignature(PKCS10CertificationRequest csr, SubjectPublicKeyInfo key)
            throws CsrRejectedException {
        ASN1ObjectIdentifier algorithm = csr.getSignatureAlgorithm().getAlgorithm();
        if (!SIGNATURES.contains(algorithm)) {
            throw new CsrRejectedException(
                    "The CSR is signed with " + signatureName(algorithm) + "; use SHA-256 or stronger.");
        }
        boolean valid;
        try {
            valid = csr.isSignatureValid(
                    new JcaContentVerifierProviderBuilder().setProvider(BC).build(key));
        } catch (Exception e) {
            valid = false;
        }
        if (!valid) {
            throw new CsrRejectedException("The CSR's signature does not verify with its own public key: it was "
                    + "altered or signed with another key.");
        }
    }

    private static String signatureName(ASN1ObjectIdentifier oid) {
        if (oid.equals(PKCSObjectIdentifiers.sha1WithRSAEncryption)
                || oid.equals(X9ObjectIdentifiers.ecdsa_with_SHA1)) {
            return "SHA-1";
        }
        if (oid.equals(PKCSObjectIdentifiers.md5WithRSAEncryption)) {
            return "MD5";
        }
        if (oid.equals(NISTObjectIdentifiers.id_ecdsa_with_sha3_256)) {
            return "SHA3-256";
        }
        return "an unsupported algorithm (" + oid.getId() + ")";
    }

    private static List<String> requestedNames(PKCS10CertificationRequest csr, Collection<String> orderDomains)
            throws CsrRejectedException {
        Set<String> names = new LinkedHashSet<>();
        for (RDN rdn : csr.getSubject().getRDNs(BCStyle.CN)) {
            if (rdn.getFirst().getValue() instanceof ASN1String value) {
                if (value.getString().length() > MAX_COMMON_NAME) {
                    throw new CsrRejectedException("The CSR's common name has "
                            + value.getString().length()
                            + " characters; X.509 allows at most " + MAX_COMMON_NAME + " (RFC 5280 ub-common-name). "
                            + "Leave the CN out or use a shorter name: the subject alternative names carry them all.");
                }
                names.add(normalise(value.getString()));
            }
        }
        for (Attribute attribute : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            GeneralNames san;
            try {
                Extensions extensions =
                        Extensions.getInstance(attribute.getAttrValues().getObjectAt(0));
                san = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
            } catch (RuntimeException e) {
                throw new CsrRejectedException("The CSR's requested extensions are malformed.");
            }
            if (san == null) {
                continue;
            }
            for (GeneralName name : san.getNames()) {
                if (name.getTagNo() != GeneralName.dNSName) {
                    throw new CsrRejectedException("The CSR asks for a " + generalNameKind(name.getTagNo())
                            + " in its subject alternative names; only DNS names of the order can be certified.");
                }
                names.add(normalise(ASN1String.class.cast(name.getName()).getString()));
            }
        }
        List<String> foreign = new ArrayList<>();
        for (String name : names) {
            if (!orderDomains.contains(name)) {
                foreign.add(name);
            }
        }
        if (!foreign.isEmpty()) {
            throw new CsrRejectedException("The CSR names " + String.join(", ", foreign) + ", which "
                    + (foreign.size() == 1 ? "is" : "are") + " not in the order (it covers "
                    + String.join(", ", orderDomains) + ").");
        }
        return List.copyOf(names);
    }

    private static String generalNameKind(int tag) {
        return switch (tag) {
            case GeneralName.iPAddress -> "IP address";
            case GeneralName.rfc822Name -> "e-mail address";
            case GeneralName.uniformResourceIdentifier -> "URI";
            default -> "non-DNS name";
        };
    }

    static String normalise(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static BigInteger smallPrimesProduct(int below) {
        BigInteger product = BigInteger.ONE;
        for (int i = 2; i < below; i++) {
            if (BigInteger.valueOf(i).isProbablePrime(30)) {
                product = product.multiply(BigInteger.valueOf(i));
            }
        }
        return product;
    }
}
