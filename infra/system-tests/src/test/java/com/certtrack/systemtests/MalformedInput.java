package com.certtrack.systemtests;

import com.certtrack.support.sealing.Pem;
import com.certtrack.testsupport.TestCsr;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A corpus of bad input for the public endpoints: broken and hostile JSON, wrong types, bad CSRs, garbage OCSP
 * requests, path and header nonsense, and random mutations of a valid order (fixed seed, so a failure repeats).
 */
final class MalformedInput {

    record Body(String name, String contentType, byte[] bytes) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = Long.getLong("certtrack.fuzz.seed", 20260311L);

    private final String domain;

    MalformedInput(String domain) {
        this.domain = domain;
    }

    List<Body> jsonBodies() {
        List<Body> bodies = new ArrayList<>();
        String[] texts = {
            "",
            " ",
            "{",
            "}",
            "[]",
            "null",
            "0",
            "-1e999",
            "\"text\"",
            "true",
            "{\"a\":}",
            "{'a':1}",
            "{\"customer\":[]}",
            "{\"customer\":null,\"lines\":null}",
            "{\"lines\":{}}",
            "{\"lines\":[null]}",
            "{\"lines\":[1,2,3]}",
            "{\"customer\":{\"email\":1e999}}",
            "{\"customer\":{\"name\":{\"x\":[]}}}",
            "{\"caReference\":123}",
            "{\"caReference\":[\"a\"]}",
            "{\"caReference\":null}",
            "{\"caReference\":\"\"}",
            "{\"caReference\":\"" + "A".repeat(10_000) + "\"}",
            "{\"supplierOrderNumber\":{}}",
            "{\"token\":\"a.b.c\"}",
            "{\"token\":\"....\"}",
            "{\"token\":false}",
            "{\"csr\":7}",
            "{\"csr\":\"\"}",
            "{\"csr\":null}",
            "{\"domains\":\"x\",\"csr\":\"-----BEGIN CERTIFICATE REQUEST-----\"}",
            "{\"clientOrderId\":[],\"product\":\"NOPE\",\"domains\":[{}],\"termMonths\":\"x\"}",
            "{\"clientOrderId\":\"x\",\"product\":\"DV_SINGLE\",\"domains\":[{\"name\":null,\"dcvMethod\":\"FAX\"}]}",
            "{\"termMonths\":-1}",
            "{\"termMonths\":99999999999999999999}",
            "{\"customer\":{\"name\":\"x\",\"email\":\"a@b.c\"},\"lines\":[{\"product\":\"NOPE\"}]}",
            "{\"customer\":{\"name\":\"x\",\"email\":\"a@b.c\"},\"lines\":[{\"product\":\"CAAS\",\"term\":\"abc\"}]}",
            "{\"customer\":{\"name\":\"x\",\"email\":\"a@b.c\"},\"lines\":[{\"product\":\"CAAS\",\"term\":1e308}]}",
            "{\"customer\":{\"name\":\"x\",\"email\":\"a@b.c\"},\"lines\":[{\"product\":\"DV_SINGLE\",\"domains\":[null],\"dcvMethod\":\"DNS_TXT\"}]}",
            "{\"customer\":{\"name\":\"x\",\"email\":\"a@b.c\"},\"lines\":[{\"product\":\"DV_SINGLE\",\"domains\":[\"..\"],\"dcvMethod\":\"X\"}]}",
            "{\"customer\":{\"name\":\"x\",\"email\":\"a@b.c\"},\"lines\":[{\"product\":\"DV_MULTI\",\"domains\":" + "["
                    + "\"a.example.com\",".repeat(500) + "\"b.example.com\"],\"dcvMethod\":\"DNS_TXT\"}]}",
            "{\"a\":1,\"a\":2,\"a\":3}",
            "{\"customer\":\"\\u0000\\ud800\"}",
            "\uFEFF{\"customer\":{}}",
            "[".repeat(20_000) + "]".repeat(20_000),
            "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000),
            "{\"x\":\"" + "y".repeat(700_000) + "\"}"
        };
        for (String text : texts) {
            bodies.add(new Body(describe(text), "application/json", text.getBytes(StandardCharsets.UTF_8)));
        }
        bodies.add(new Body("invalid UTF-8", "application/json", new byte[] {
            '{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'
        }));
        bodies.add(new Body("binary", "application/json", new byte[] {0, 1, 2, (byte) 0x80, (byte) 0xFE}));
        bodies.add(new Body(
                "a form, not JSON", "application/x-www-form-urlencoded", "a=1&b=2".getBytes(StandardCharsets.UTF_8)));
        bodies.add(new Body("XML", "application/xml", "<order><lines/></order>".getBytes(StandardCharsets.UTF_8)));
        bodies.add(new Body("text", "text/plain", "{\"caReference\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
        bodies.add(new Body(
                "bogus content type", "application/json; charset=nope", "{}".getBytes(StandardCharsets.UTF_8)));
        return bodies;
    }

    List<Body> csrs() {
        String good = TestCsr.forDomains(domain).pem();
        String base64 = good.lines().filter(l -> !l.startsWith("-----")).reduce("", String::concat);
        byte[] der = Base64.getDecoder().decode(base64);
        byte[] flipped = der.clone();
        flipped[flipped.length - 5] ^= 0x5A; // inside the signature
        List<Body> csrs = new ArrayList<>();
        add(csrs, "empty CSR", "");
        add(csrs, "garbage CSR", "not a csr at all");
        add(csrs, "PEM armour only", "-----BEGIN CERTIFICATE REQUEST-----\n-----END CERTIFICATE REQUEST-----\n");
        add(
                csrs,
                "PEM with bad base64",
                "-----BEGIN CERTIFICATE REQUEST-----\n!!!***\n-----END CERTIFICATE REQUEST-----\n");
        add(csrs, "PEM of random bytes", pem("CERTIFICATE REQUEST", randomBytes(300)));
        add(csrs, "truncated CSR", good.substring(0, good.length() / 2));
        add(csrs, "truncated DER", pem("CERTIFICATE REQUEST", java.util.Arrays.copyOf(der, der.length - 20)));
        add(csrs, "CSR with a broken signature", pem("CERTIFICATE REQUEST", flipped));
        add(csrs, "base64 without armour", base64);
        add(csrs, "a certificate label", pem("CERTIFICATE", der));
        add(
                csrs,
                "CSR for another domain",
                TestCsr.forDomains("elsewhere.example.org").pem());
        add(csrs, "two CSRs", good + good);
        add(
                csrs,
                "oversized CSR",
                "-----BEGIN CERTIFICATE REQUEST-----\n" + "QUFB\n".repeat(10_000)
                        + "-----END CERTIFICATE REQUEST-----\n");
        add(csrs, "RSA 1024 CSR", csr("RSA", 1024, new GeneralName(GeneralName.dNSName, domain)));
        add(csrs, "CSR with an IP address SAN", csr("EC", 256, new GeneralName(GeneralName.iPAddress, "192.0.2.1")));
        add(csrs, "NUL in CSR", good.replace("\n", "\u0000\n"));
        return csrs;
    }

    Map<String, Object> orderWithCsr(String csr) {
        return Map.of(
                "customer",
                Map.of("name", "Malformed", "email", "malformed@example.com"),
                "lines",
                List.of(Map.of(
                        "product", "DV_SINGLE", "domains", List.of(domain), "dcvMethod", "DNS_TXT", "csr", csr)));
    }

    /** {base URL, path, Authorization header} */
    List<String[]> getRequests(String order, String tracking, String ca) {
        List<String[]> requests = new ArrayList<>();
        for (String number : List.of(
                "x",
                "CT-",
                "CT-%00",
                "%FF%FE",
                "..%2F..%2Fetc%2Fpasswd",
                "CT-" + "9".repeat(5000),
                "CT-ILOU0000000",
                "%20")) {
            requests.add(new String[] {order, "/api/orders/" + number, "none"});
        }
        for (String format : List.of("pem", "der", "p7b", "chain", "bundle", "nope", "", "%00")) {
            for (String auth : List.of(
                    "Bearer",
                    "Bearer ",
                    "Bearer x",
                    "Bearer a.b.c",
                    "Basic Zm9vOmJhcg==",
                    "Bearer " + "A".repeat(8000),
                    "Bearer eyJhbGciOiJub25lIn0.eyJ4IjoxfQ.")) {
                requests.add(new String[] {tracking, "/api/tracking/certificate?format=" + format, auth});
            }
        }
        for (String path : List.of(
                "/api/tracking/lineage",
                "/api/tracking/audit",
                "/api/tracking/reminders",
                "/api/tracking/webhooks",
                "/api/tracking/webhooks/x/deliveries",
                "/api/tracking/webhooks/%00/deliveries",
                "/api/tracking/webhooks/" + "9".repeat(5000) + "/deliveries")) {
            for (String auth : List.of("none", "Bearer x", "Bearer a.b.c")) {
                requests.add(new String[] {tracking, path, auth});
            }
        }
        requests.add(new String[] {tracking, "/api/intermediates?format=%ZZ", "none"});
        requests.add(new String[] {tracking, "/api/tracking/events?token=%ZZ", "Bearer x"});
        requests.add(new String[] {ca, "/ocsp/%%%", "none"});
        requests.add(new String[] {ca, "/ocsp/" + Base64.getUrlEncoder().encodeToString(randomBytes(100)), "none"});
        requests.add(new String[] {ca, "/api/v1/orders/%00", "none"});
        requests.add(new String[] {ca, "/dcv/approve?token=%00%FF", "none"});
        return requests;
    }

    List<byte[]> ocspRequests() {
        return List.of(new byte[0], randomBytes(1), randomBytes(64), randomBytes(4096), new byte[] {
            0x30, (byte) 0x82, (byte) 0xFF, (byte) 0xFF, 0x30
        });
    }

    /** Random edits of a valid order's JSON: deleted, replaced and inserted characters. */
    List<String> mutatedOrders(int count) {
        String valid;
        try {
            valid = JSON.writeValueAsString(Map.of(
                    "customer",
                    Map.of("name", "Fuzz", "email", "fuzz@example.com"),
                    "lines",
                    List.of(
                            Map.of("product", "DV_SINGLE", "domains", List.of(domain), "dcvMethod", "DNS_TXT"),
                            Map.of("product", "CAAS", "term", 12))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Random random = new Random(SEED);
        String specials = "{}[]\":,\\0-.eE+ \u0000\u00ff\ud83d\ude00";
        List<String> mutated = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder(valid);
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits && text.length() > 1; e++) {
                int at = random.nextInt(text.length());
                char c = specials.charAt(random.nextInt(specials.length()));
                switch (random.nextInt(3)) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.setCharAt(at, c);
                    default -> text.insert(at, c);
                }
            }
            mutated.add(text.toString());
        }
        return mutated;
    }

    private static String csr(String algorithm, int size, GeneralName name) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(size);
            KeyPair keys = generator.generateKeyPair();
            var builder = new JcaPKCS10CertificationRequestBuilder(
                    new X500Name("CN=malformed.example.com"), keys.getPublic());
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(name));
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            String signature = algorithm.equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return Pem.write(builder.build(new JcaContentSignerBuilder(signature).build(keys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void add(List<Body> csrs, String name, String csr) {
        csrs.add(new Body(name, "application/json", csr.getBytes(StandardCharsets.UTF_8)));
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END " + label + "-----\n";
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(SEED + n).nextBytes(bytes);
        return bytes;
    }

    private static String describe(String text) {
        String shown = text.length() > 60 ? text.substring(0, 60) + "... (" + text.length() + " chars)" : text;
        return "body " + shown;
    }
}
