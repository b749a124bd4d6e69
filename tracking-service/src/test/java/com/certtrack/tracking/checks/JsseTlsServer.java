package com.certtrack.tracking.checks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

/** A loopback HTTPS-like server (JSSE, TLS 1.2 and 1.3) that serves exactly the chain it is given, in that order. */
final class JsseTlsServer implements AutoCloseable {

    private final SSLServerSocket socket;

    JsseTlsServer(List<X509Certificate> chain, PrivateKey key) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {new FixedKeyManager(chain.toArray(X509Certificate[]::new), key)}, null, null);
        socket = (SSLServerSocket)
                context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        socket.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        Thread thread = new Thread(this::serve, "jsse-tls-server");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (SSLSocket client = (SSLSocket) socket.accept()) {
                client.setSoTimeout(3000);
                client.startHandshake();
                client.getInputStream().read();
            } catch (IOException e) {
                // A refused protocol version or a probe closing the connection: next one.
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Answers every request for a key with the one chain, unchecked (a misconfigured server does the same). */
    private static final class FixedKeyManager extends X509ExtendedKeyManager {
        private final X509Certificate[] chain;
        private final PrivateKey key;

        FixedKeyManager(X509Certificate[] chain, PrivateKey key) {
            this.chain = chain;
            this.key = key;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return keyType.equals(chain[0].getPublicKey().getAlgorithm()) ? "server" : null;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, javax.net.ssl.SSLEngine engine) {
            return chooseServerAlias(keyType, issuers, null);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return chain;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return key;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[] {"server"};
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[0];
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
