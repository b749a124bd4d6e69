package com.certtrack.ca;

import static com.certtrack.ca.support.Api.api;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.certtrack.ca.crypto.KeyType;
import com.certtrack.ca.hierarchy.CaUrls;
import com.certtrack.ca.hierarchy.HierarchyBuilder;
import com.certtrack.ca.support.Api;
import com.certtrack.ca.support.Csrs;
import com.certtrack.ca.support.StandInCaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.stream.Stream;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.CertificationRequestInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each bad CSR gets a 400 problem whose errors[] names the csr field and says what is wrong with it. */
@QuarkusTest
@WithTestResource(StandInCaTestResource.class)
class MalformedCsrTest {

    private static final String DOMAIN = "www.malformed-csr.test";
    private static final SecureRandom RANDOM = new SecureRandom();

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectedWithAReason(String name, String csr, String reason) {
        api().body(Api.order("DV_SINGLE", csr, DOMAIN, "DNS_TXT"))
                .post("/api/v1/orders")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("csr"))
                .body("errors[0].message", containsString(reason));
    }

    static Stream<Arguments> malformed() throws Exception {
        KeyPair p256 = Csrs.p256();
        String good = Csrs.csr(p256, DOMAIN);
        String base64 = good.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(base64);
        byte[] flipped = der.clone();
        flipped[flipped.length - 5] ^= 0x01;
        KeyPair rsa = Csrs.rsa(2048);
        PKCS10CertificationRequest signedByOther = new PKCS10CertificationRequest(new CertificationRequest(
                Csrs.request(p256, DOMAIN).toASN1Structure().getCertificationRequestInfo(),
                Csrs.request(Csrs.p256(), DOMAIN).toASN1Structure().getSignatureAlgorithm(),
                Csrs.request(Csrs.p256(), DOMAIN).toASN1Structure().getSignature()));
        PKCS10CertificationRequest renamed = new PKCS10CertificationRequest(new CertificationRequest(
                new CertificationRequestInfo(
                        new X500Name("CN=" + DOMAIN + ",O=Changed"),
                        SubjectPublicKeyInfo.getInstance(p256.getPublic().getEncoded()),
                        new DERSet()),
                Csrs.request(p256, DOMAIN).toASN1Structure().getSignatureAlgorithm(),
                Csrs.request(p256, DOMAIN).toASN1Structure().getSignature()));
        var sha1 = Csrs.pem(Csrs.sign(
                new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + DOMAIN), rsa.getPublic()),
                rsa.getPrivate(),
                "SHA1withRSA"));
        return Stream.of(
                Arguments.of("garbage text", "hello, this is not a certificate request", "no PEM block"),
                Arguments.of("empty string", "", "empty"),
                Arguments.of("truncated (no END line)", good.substring(0, good.length() / 2), "well-formed"),
                Arguments.of(
                        "truncated base64",
                        "-----BEGIN CERTIFICATE REQUEST-----\n" + base64.substring(0, base64.length() / 2)
                                + "\n-----END CERTIFICATE REQUEST-----\n",
                        "well-formed"),
                Arguments.of("damaged base64", good.replace(base64.substring(10, 20), "!!!!!!!!!!"), "well-formed"),
                Arguments.of(
                        "a certificate, not a CSR",
                        Csrs.pem(HierarchyBuilder.create(
                                        KeyType.EC_P256, KeyType.EC_P256, "Someone", new CaUrls("http://x"))
                                .root()),
                        "not a certificate request"),
                Arguments.of("a private key, not a CSR", Csrs.pem(p256.getPrivate()), "not a certificate request"),
                Arguments.of("altered signature", pem(flipped), "signature does not verify"),
                Arguments.of("signed by another key", Csrs.pem(signedByOther), "signature does not verify"),
                Arguments.of("subject altered after signing", Csrs.pem(renamed), "signature does not verify"),
                Arguments.of("RSA 1024", Csrs.csr(Csrs.rsa(1024), DOMAIN), "minimum is 2048"),
                Arguments.of("RSA 512", Csrs.csr(Csrs.rsa(512), DOMAIN), "minimum is 2048"),
                Arguments.of("RSA 4608", raw(modulus(4608), BigInteger.valueOf(65537)), "maximum is 4096"),
                Arguments.of("RSA 2052 bits", raw(modulus(2052), BigInteger.valueOf(65537)), "multiple of 8"),
                Arguments.of("RSA exponent 3", raw(modulus(2048), BigInteger.valueOf(3)), "outside 65537"),
                Arguments.of("RSA even exponent", raw(modulus(2048), BigInteger.valueOf(65538)), "even"),
                Arguments.of(
                        "RSA modulus with a small factor",
                        raw(smallFactorModulus(), BigInteger.valueOf(65537)),
                        "small prime factor"),
                Arguments.of("RSA close primes (Fermat)", raw(fermatModulus(), BigInteger.valueOf(65537)), "Fermat"),
                Arguments.of("EC P-521", Csrs.csr(Csrs.ec("secp521r1"), DOMAIN), "secp521r1 is not allowed"),
                Arguments.of("EC secp256k1", Csrs.csr(Csrs.ec("secp256k1"), DOMAIN), "secp256k1 is not allowed"),
                Arguments.of("invalid EC point", rawEcPoint(), "not a valid point"),
                Arguments.of("Ed25519", Csrs.csr(Csrs.generate("Ed25519", 0), DOMAIN), "Ed25519"),
                Arguments.of("DSA", Csrs.csr(dsa(), DOMAIN), "DSA"),
                Arguments.of("SHA-1 signature", sha1, "SHA-1"),
                Arguments.of("CN not in the order", Csrs.csr(p256, "evil.example"), "evil.example, which is not in"),
                Arguments.of("SAN not in the order", Csrs.csr(p256, DOMAIN, "other.example"), "other.example"),
                Arguments.of("IP address SAN", Csrs.pem(ipSan(p256)), "IP address"),
                Arguments.of("larger than 16 KiB", good + "x".repeat(17 * 1024), "16 KiB"));
    }

    /** The JDK has fixed DSA 2048 parameters; generating fresh ones would take seconds. */
    private static KeyPair dsa() throws Exception {
        var generator = java.security.KeyPairGenerator.getInstance("DSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE REQUEST-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END CERTIFICATE REQUEST-----\n";
    }

    /** An RSA key the subscriber could not have signed with: the key checks must reject it before the signature. */
    private static String raw(BigInteger modulus, BigInteger exponent) throws Exception {
        SubjectPublicKeyInfo key = new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                new RSAPublicKey(modulus, exponent));
        return rawCsr(key, new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE));
    }

    private static String rawEcPoint() throws Exception {
        byte[] point = new byte[65];
        point[0] = 0x04;
        point[64] = 0x07;
        SubjectPublicKeyInfo key = new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256r1), point);
        return rawCsr(key, new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256));
    }

    private static String rawCsr(SubjectPublicKeyInfo key, AlgorithmIdentifier signature) {
        CertificationRequestInfo info = new CertificationRequestInfo(new X500Name("CN=" + DOMAIN), key, new DERSet());
        return Csrs.pem(new PKCS10CertificationRequest(
                new CertificationRequest(info, signature, new DERBitString(new byte[64]))));
    }

    private static BigInteger modulus(int bits) {
        return new BigInteger(bits, RANDOM).setBit(bits - 1).setBit(0);
    }

    private static BigInteger smallFactorModulus() {
        BigInteger n;
        do {
            n = BigInteger.valueOf(751).multiply(BigInteger.probablePrime(2038, RANDOM));
        } while (n.bitLength() != 2048);
        return n;
    }

    private static BigInteger fermatModulus() {
        BigInteger n;
        do {
            BigInteger p = BigInteger.probablePrime(1024, RANDOM);
            n = p.multiply(p.nextProbablePrime());
        } while (n.bitLength() != 2048);
        return n;
    }

    private static PKCS10CertificationRequest ipSan(KeyPair keys) {
        var builder = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + DOMAIN), keys.getPublic());
        builder.addAttribute(
                PKCSObjectIdentifiers.pkcs_9_at_extensionRequest,
                Csrs.extensions(
                        new GeneralName(GeneralName.dNSName, DOMAIN),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        return Csrs.sign(builder, keys.getPrivate());
    }
}
