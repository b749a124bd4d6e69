package com.certtrack.tracking.checks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateStatus;
import org.bouncycastle.tls.CertificateStatusType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * An old server that still speaks only TLS 1.0 and 1.1 (BouncyCastle's TLS server; the JDK's refuses those
 * versions), with an RSA key, and that staples an OCSP response.
 */
final class LegacyTlsServer implements AutoCloseable {

    private final ServerSocket socket;
    private final List<X509Certificate> chain;
    private final PrivateKey key;
    private final byte[] staple;

    LegacyTlsServer(List<X509Certificate> chain, PrivateKey key, byte[] staple) throws IOException {
        this.chain = chain;
        this.key = key;
        this.staple = staple;
        socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread thread = new Thread(this::serve, "legacy-tls-server");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                client.setSoTimeout(3000);
                TlsServerProtocol protocol = new TlsServerProtocol(client.getInputStream(), client.getOutputStream());
                protocol.accept(new Server());
                protocol.close();
            } catch (Exception e) {
                // A refused protocol version or a probe closing the connection: next one.
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private final class Server extends DefaultTlsServer {
        Server() {
            super(new BcTlsCrypto(new SecureRandom()));
        }

        @Override
        public ProtocolVersion[] getProtocolVersions() {
            return ProtocolVersion.TLSv11.downTo(ProtocolVersion.TLSv10);
        }

        @Override
        protected TlsCredentialedSigner getRSASignerCredentials() throws IOException {
            BcTlsCrypto crypto = (BcTlsCrypto) getCrypto();
            TlsCertificate[] certificates = new TlsCertificate[chain.size()];
            for (int i = 0; i < chain.size(); i++) {
                try {
                    certificates[i] = crypto.createCertificate(chain.get(i).getEncoded());
                } catch (java.security.cert.CertificateEncodingException e) {
                    throw new IOException(e);
                }
            }
            SignatureAndHashAlgorithm algorithm = ProtocolVersion.TLSv12.equals(context.getServerVersion())
                    ? new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.rsa)
                    : null;
            return new BcDefaultTlsCredentialedSigner(
                    new TlsCryptoParameters(context),
                    crypto,
                    PrivateKeyFactory.createKey(key.getEncoded()),
                    new Certificate(certificates),
                    algorithm);
        }

        @Override
        public CertificateStatus getCertificateStatus() {
            return new CertificateStatus(CertificateStatusType.ocsp, OCSPResponse.getInstance(staple));
        }
    }
}
