package com.certtrack.support.sealing;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** PEM keys from configuration. */
public final class Pem {

    private static final JcaPEMKeyConverter CONVERTER = new JcaPEMKeyConverter();

    private Pem() {}

    public static PublicKey publicKey(String pem) {
        Object parsed = parse(pem, "public key");
        try {
            if (parsed instanceof SubjectPublicKeyInfo info) {
                return CONVERTER.getPublicKey(info);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable public key", e);
        }
        throw new IllegalArgumentException("expected a PEM public key, found " + describe(parsed));
    }

    public static PrivateKey privateKey(String pem) {
        Object parsed = parse(pem, "private key");
        try {
            if (parsed instanceof PrivateKeyInfo info) {
                return CONVERTER.getPrivateKey(info);
            }
            if (parsed instanceof PEMKeyPair pair) {
                return CONVERTER.getKeyPair(pair).getPrivate();
            }
        } catch (IOException e) {
            // never include the key material in the message
            throw new IllegalArgumentException("unreadable private key");
        }
        throw new IllegalArgumentException("expected a PEM private key, found " + describe(parsed));
    }

    public static String write(Object keyOrCertificate) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(keyOrCertificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Object parse(String pem, String what) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("no " + what + " configured");
        }
        try (PEMParser parser = new PEMParser(new StringReader(pem.replace("\\n", "\n")))) {
            Object parsed = parser.readObject();
            if (parsed == null) {
                throw new IllegalArgumentException("the configured " + what + " is not PEM");
            }
            return parsed;
        } catch (IOException e) {
            throw new IllegalArgumentException("the configured " + what + " is not PEM");
        }
    }

    private static String describe(Object parsed) {
        return parsed == null ? "nothing" : parsed.getClass().getSimpleName();
    }
}
