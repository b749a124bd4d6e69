package com.certtrack.tracking.checks;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CertificateStatus;
import org.bouncycastle.tls.CertificateStatusRequest;
import org.bouncycastle.tls.CertificateStatusType;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.OCSPStatusRequest;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * One TLS handshake with BouncyCastle's TLS client: it still speaks TLS 1.0 and 1.1 (the JDK's JSSE has them
 * disabled), so "offered" is measured, not assumed. Sends SNI and asks for a stapled OCSP response; accepts any
 * certificate, because judging the chain is the caller's job.
 */
@ApplicationScoped
public class TlsProbe {

    /** What a completed handshake showed. */
    public record Handshake(String protocol, List<X509Certificate> chain, byte[] stapledOcsp) {}

    /** Why no handshake completed. */
    public static final class Failed extends Exception {
        private final boolean connected;

        Failed(boolean connected, String message) {
            super(message, null, false, false);
            this.connected = connected;
        }

        /** The TCP connection opened (the server refused the TLS parameters) rather than not at all. */
        public boolean connected() {
            return connected;
        }
    }

    public static final List<String> PROTOCOLS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int[] SUITES = {
        CipherSuite.TLS_AES_128_GCM_SHA256,
        CipherSuite.TLS_AES_256_GCM_SHA384,
        CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
        CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_DHE_RSA_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA,
        CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA,
    };

    private final int timeoutMillis;

    public TlsProbe(ChecksConfig config) {
        this.timeoutMillis = (int) config.timeout().toMillis();
    }

    /** A handshake offering exactly the given protocols (names as in {@link #PROTOCOLS}), newest first. */
    public Handshake handshake(InetAddress address, int port, String host, List<String> protocols) throws Failed {
        ProtocolVersion[] versions = protocols.stream().map(TlsProbe::version).toArray(ProtocolVersion[]::new);
        try (Socket socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress(address, port), timeoutMillis);
            } catch (IOException e) {
                throw new Failed(
                        false,
                        "no TCP connection to " + address.getHostAddress() + ":" + port + " (" + e.getMessage() + ")");
            }
            socket.setSoTimeout(timeoutMillis);
            Client client = new Client(host, versions);
            TlsClientProtocol protocol = new TlsClientProtocol(socket.getInputStream(), socket.getOutputStream());
            try {
                protocol.connect(client);
            } catch (IOException e) {
                throw new Failed(true, "the TLS handshake failed (" + e.getMessage() + ")");
            }
            Handshake result = new Handshake(name(client.negotiated()), client.chain, client.stapled);
            try {
                protocol.close();
            } catch (IOException ignored) {
                // The answer is in; a rude close changes nothing.
            }
            return result;
        } catch (IOException e) {
            throw new Failed(false, e.getMessage());
        }
    }

    private static ProtocolVersion version(String name) {
        return switch (name) {
            case "TLSv1" -> ProtocolVersion.TLSv10;
            case "TLSv1.1" -> ProtocolVersion.TLSv11;
            case "TLSv1.2" -> ProtocolVersion.TLSv12;
            case "TLSv1.3" -> ProtocolVersion.TLSv13;
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static String name(ProtocolVersion version) {
        if (ProtocolVersion.TLSv13.equals(version)) {
            return "TLSv1.3";
        }
        if (ProtocolVersion.TLSv12.equals(version)) {
            return "TLSv1.2";
        }
        if (ProtocolVersion.TLSv11.equals(version)) {
            return "TLSv1.1";
        }
        return ProtocolVersion.TLSv10.equals(version) ? "TLSv1" : String.valueOf(version);
    }

    private static final class Client extends DefaultTlsClient {
        private final String host;
        private final ProtocolVersion[] versions;
        private List<X509Certificate> chain = List.of();
        private byte[] stapled;

        Client(String host, ProtocolVersion[] versions) {
            super(new BcTlsCrypto(RANDOM));
            this.host = host;
            this.versions = versions;
        }

        ProtocolVersion negotiated() {
            return context.getServerVersion();
        }

        @Override
        public ProtocolVersion[] getProtocolVersions() {
            return versions;
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return TlsUtils.getSupportedCipherSuites(getCrypto(), SUITES);
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        protected Vector getSNIServerNames() {
            Vector names = new Vector();
            names.add(new ServerName(NameType.host_name, host.getBytes(StandardCharsets.US_ASCII)));
            return names;
        }

        @Override
        protected CertificateStatusRequest getCertificateStatusRequest() {
            return new CertificateStatusRequest(CertificateStatusType.ocsp, new OCSPStatusRequest(null, null));
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new TlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                    List<X509Certificate> received = new ArrayList<>();
                    var certificate = serverCertificate.getCertificate();
                    try {
                        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
                        for (int i = 0; i < certificate.getLength(); i++) {
                            received.add((X509Certificate) x509.generateCertificate(new ByteArrayInputStream(
                                    certificate.getCertificateAt(i).getEncoded())));
                        }
                    } catch (java.security.cert.CertificateException e) {
                        throw new IOException("the server sent an unreadable certificate", e);
                    }
                    chain = received;
                    CertificateStatus status = serverCertificate.getCertificateStatus();
                    if (status != null && status.getStatusType() == CertificateStatusType.ocsp) {
                        stapled = status.getOCSPResponse().getEncoded();
                    }
                }

                @Override
                public TlsCredentials getClientCredentials(CertificateRequest request) {
                    return null;
                }
            };
        }
    }
}
