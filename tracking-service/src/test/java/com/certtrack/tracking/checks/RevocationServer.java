package com.certtrack.tracking.checks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The test CA's OCSP responder and CRL server on loopback, built with BouncyCastle. Paths choose the behaviour:
 * {@code /ocsp} and {@code /crl} are honest; {@code /ocsp-badsig} signs with a stranger's key, {@code -stale} serves
 * answers whose next update has passed, {@code /slow} never answers in time, {@code /big} is too large,
 * {@code /ca.cer} is the intermediate (CA Issuers).
 */
final class RevocationServer implements AutoCloseable {

    record Revocation(Instant at, int reason) {}

    private final ChecksPki pki;
    private final HttpServer server;
    private final Map<BigInteger, Revocation> revoked = new ConcurrentHashMap<>();
    private final PrivateKey stranger = ChecksPki.ec().getPrivate();

    RevocationServer(ChecksPki pki) throws IOException {
        this.pki = pki;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/ocsp", exchange -> ocsp(exchange, pki.intermediateKey.getPrivate(), false));
        server.createContext("/ocsp-badsig", exchange -> ocsp(exchange, stranger, false));
        server.createContext("/ocsp-stale", exchange -> ocsp(exchange, pki.intermediateKey.getPrivate(), true));
        server.createContext("/crl", exchange -> send(exchange, 200, "application/pkix-crl", crl(false)));
        server.createContext("/crl-stale", exchange -> send(exchange, 200, "application/pkix-crl", crl(true)));
        server.createContext(
                "/ca.cer", exchange -> send(exchange, 200, "application/pkix-cert", encoded(pki.intermediate)));
        server.createContext("/big", exchange -> send(exchange, 200, "application/pkix-crl", new byte[300_000]));
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(6000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(exchange, 500, "text/plain", new byte[0]);
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void revoke(BigInteger serial, Instant at, int reason) {
        revoked.put(serial, new Revocation(at, reason));
    }

    /** A signed OCSP response for one certificate, as a server staples it. */
    byte[] staple(BigInteger serial) throws Exception {
        CertificateID id = new CertificateID(
                new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(pki.intermediate),
                serial);
        return respond(id, null, pki.intermediateKey.getPrivate(), false).getEncoded();
    }

    private void ocsp(HttpExchange exchange, PrivateKey signer, boolean stale) throws IOException {
        try {
            OCSPReq request = new OCSPReq(exchange.getRequestBody().readAllBytes());
            Req single = request.getRequestList()[0];
            Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            send(
                    exchange,
                    200,
                    "application/ocsp-response",
                    respond(single.getCertID(), nonce, signer, stale).getEncoded());
        } catch (Exception e) {
            send(exchange, 400, "text/plain", new byte[0]);
        }
    }

    private OCSPResp respond(CertificateID id, Extension nonce, PrivateKey signer, boolean stale) throws Exception {
        var digests = new JcaDigestCalculatorProviderBuilder().build();
        boolean ours = id.matchesIssuer(new JcaX509CertificateHolder(pki.intermediate), digests);
        Revocation revocation = revoked.get(id.getSerialNumber());
        CertificateStatus status = !ours
                ? new UnknownStatus()
                : revocation == null
                        ? CertificateStatus.GOOD
                        : new RevokedStatus(Date.from(revocation.at()), revocation.reason());
        Instant now = Instant.now();
        Instant thisUpdate = stale ? now.minus(Duration.ofDays(3)) : now.minusSeconds(60);
        Instant nextUpdate = stale ? now.minus(Duration.ofDays(1)) : now.plus(Duration.ofHours(1));
        JcaBasicOCSPRespBuilder builder =
                new JcaBasicOCSPRespBuilder(pki.intermediate.getPublicKey(), digests.get(CertificateID.HASH_SHA1));
        builder.addResponse(id, status, Date.from(thisUpdate), Date.from(nextUpdate), null);
        if (nonce != null) {
            builder.setResponseExtensions(new Extensions(nonce));
        }
        BasicOCSPResp basic = builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(signer),
                new X509CertificateHolder[0],
                Date.from(now));
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic);
    }

    private byte[] crl(boolean stale) throws IOException {
        try {
            Instant now = Instant.now();
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    ChecksPki.name(pki.intermediate),
                    Date.from(stale ? now.minus(Duration.ofDays(10)) : now.minusSeconds(60)));
            builder.setNextUpdate(Date.from(stale ? now.minus(Duration.ofDays(3)) : now.plus(Duration.ofDays(1))));
            revoked.forEach((serial, revocation) ->
                    builder.addCRLEntry(serial, Date.from(revocation.at()), revocation.reason()));
            return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pki.intermediateKey.getPrivate()))
                    .getEncoded();
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private static byte[] encoded(java.security.cert.X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static final int KEY_COMPROMISE = CRLReason.keyCompromise;
}
