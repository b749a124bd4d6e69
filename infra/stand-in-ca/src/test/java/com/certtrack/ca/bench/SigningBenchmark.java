package com.certtrack.ca.bench;

import com.certtrack.ca.crypto.KeyType;
import com.certtrack.ca.crypto.SignatureAlgorithms;
import com.certtrack.ca.hierarchy.CaUrls;
import com.certtrack.ca.hierarchy.HierarchyBuilder;
import com.certtrack.ca.hierarchy.IssuingCa;
import com.certtrack.ca.issuance.CheckedCsr;
import com.certtrack.ca.issuance.CsrValidator;
import com.certtrack.ca.issuance.LeafCertificateBuilder;
import com.certtrack.ca.issuance.ValidationLevel;
import com.certtrack.ca.support.Csrs;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.util.List;

/**
 * Leaf certificates signed per second by the CA's own code (LeafCertificateBuilder: extensions, DER encoding,
 * signature), for an ECDSA P-256 and an RSA 2048 intermediate. Also times the CSR checks a submission runs.
 * Run by infra/bench/ca-signing.sh; arguments: seconds per case (default 3).
 */
public final class SigningBenchmark {

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        String domain = "www.bench.example";
        System.out.printf("%-52s %12s %10s%n", "case", "per second", "count");
        for (KeyType type : List.of(KeyType.EC_P256, KeyType.RSA_2048)) {
            IssuingCa ca = HierarchyBuilder.create(KeyType.EC_P384, type, "Bench", new CaUrls("http://localhost:8090"));
            KeyPair subscriber = type == KeyType.EC_P256 ? Csrs.p256() : Csrs.rsa(2048);
            String pem = Csrs.csr(subscriber, domain);
            CsrValidator validator = new CsrValidator();
            CheckedCsr csr = validator.check(pem, List.of(domain));
            LeafCertificateBuilder builder = new LeafCertificateBuilder(ca, new CaUrls("http://localhost:8090"));
            LeafCertificateBuilder.LeafSpec spec = new LeafCertificateBuilder.LeafSpec(
                    csr.publicKey(), List.of(domain), ValidationLevel.DV, null, null, 200);
            String label = type == KeyType.EC_P256 ? "ECDSA P-256" : "RSA 2048";
            // The signature alone, by the JDK's default provider and by BouncyCastle (which the CA signs with), to
            // tell signing cost from certificate-building cost.
            String algorithm = SignatureAlgorithms.forKey(ca.intermediateKey());
            rawSignatures("raw JDK " + label + " signature (600 bytes)", seconds, Signature.getInstance(algorithm), ca);
            rawSignatures(
                    "raw BouncyCastle " + label + " signature (600 bytes)",
                    seconds,
                    Signature.getInstance(algorithm, SignatureAlgorithms.BOUNCY_CASTLE),
                    ca);
            run("leaf signed by " + label + " intermediate", seconds, () -> builder.issue(spec));
            run("CSR check (" + label + " subscriber key)", seconds, () -> {
                try {
                    validator.check(pem, List.of(domain));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    private static void rawSignatures(String name, double seconds, Signature signature, IssuingCa ca) {
        byte[] tbs = new byte[600];
        run(name, seconds, () -> {
            try {
                signature.initSign(ca.intermediateKey());
                signature.update(tbs);
                signature.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void run(String name, double seconds, Runnable task) {
        long warmUntil = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            task.run();
        }
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long count = 0;
        while (System.nanoTime() < end) {
            task.run();
            count++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-52s %12.0f %10d%n", name, count / elapsed, count);
    }
}
