package com.certtrack.systemtests;

import static io.restassured.RestAssured.given;

import com.certtrack.testsupport.StandInCa;
import com.certtrack.testsupport.TestCsr;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * nginx in front of the services, from {@code infra/gateway}: the same script and configuration as the local
 * launcher, on random ports, with a TLS certificate for {@link #TLS_NAME} issued by the stand-in CA.
 */
final class Gateway implements AutoCloseable {

    /** Chromium and this test resolve {@code *.localhost} to loopback by themselves; the CA accepts the name. */
    static final String TLS_NAME = "portal.certtrack.localhost";

    private final Process process;
    private final int httpPort;
    private final int tlsPort;
    private final Path state;

    private Gateway(Process process, int httpPort, int tlsPort, Path state) {
        this.process = process;
        this.httpPort = httpPort;
        this.tlsPort = tlsPort;
        this.state = state;
    }

    /** @param network where the CA validates domains for real, or null when it auto-approves them */
    static Gateway start(
            int httpPort, int tlsPort, String caUrl, Map<String, String> upstreams, LoopbackNetwork network) {
        Tools.require("gateway");
        Path state = Path.of("target", "gateway-" + httpPort).toAbsolutePath();
        try {
            Files.createDirectories(state);
            Path[] tls = certificateFromStandInCa(caUrl, state, network);
            ProcessBuilder builder = new ProcessBuilder(
                            "bash",
                            Tools.repositoryRoot()
                                    .resolve("infra/gateway/gateway")
                                    .toString(),
                            "run")
                    .redirectErrorStream(true)
                    .redirectOutput(state.resolve("gateway.out").toFile());
            Map<String, String> env = builder.environment();
            env.put("CERTTRACK_GATEWAY_STATE", state.toString());
            env.put("CERTTRACK_GATEWAY_PORT", Integer.toString(httpPort));
            env.put("CERTTRACK_GATEWAY_TLS_PORT", Integer.toString(tlsPort));
            env.put("CERTTRACK_GATEWAY_SERVER_NAME", TLS_NAME + " localhost 127.0.0.1");
            env.put("CERTTRACK_GATEWAY_CERT", tls[0].toString());
            env.put("CERTTRACK_GATEWAY_KEY", tls[1].toString());
            env.put("CERTTRACK_ORDER_UPSTREAM", hostPort(upstreams.get("order-service")));
            env.put("CERTTRACK_TRACKING_UPSTREAM", hostPort(upstreams.get("tracking-service")));
            env.put("CERTTRACK_EAB_UPSTREAM", hostPort(upstreams.get("eab-service")));
            Process process = builder.start();
            Gateway gateway = new Gateway(process, httpPort, tlsPort, state);
            Runtime.getRuntime().addShutdownHook(new Thread(gateway::close));
            gateway.awaitListening();
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    int tlsPort() {
        return tlsPort;
    }

    Path accessLog() {
        return state.resolve("logs/access.log");
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: nginx's fast shutdown
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitListening() throws IOException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "nginx stopped while starting: " + Files.readString(state.resolve("gateway.out")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", httpPort), 500);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        throw new IllegalStateException("nginx not listening after 20 s; see " + state.resolve("gateway.out"));
    }

    /** A DV certificate for {@link #TLS_NAME} from the stand-in CA's order API: chain and key files. */
    private static Path[] certificateFromStandInCa(String caUrl, Path state, LoopbackNetwork network)
            throws IOException {
        TestCsr csr = TestCsr.forDomains(TLS_NAME);
        JsonPath order = given().baseUri(caUrl)
                .header("X-Api-Key", StandInCa.API_KEY)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "clientOrderId",
                        "gateway-" + UUID.randomUUID(),
                        "product",
                        "DV_SINGLE",
                        "domains",
                        List.of(Map.of("name", TLS_NAME, "dcvMethod", "DNS_TXT")),
                        "csr",
                        csr.pem()))
                .post("/api/v1/orders")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String orderId = order.getString("orderId");
        if (network != null) {
            // Real validation: publish the TXT record the CA asks for, then ask it to check now.
            network.dns.txt(order.getString("domains[0].dcvTarget"), order.getString("domains[0].dcvValue"));
            given().baseUri(caUrl)
                    .header("X-Api-Key", StandInCa.API_KEY)
                    .contentType(ContentType.JSON)
                    .body("{}")
                    .post("/api/v1/orders/" + orderId + "/dcv/check")
                    .then()
                    .statusCode(200);
        }
        Instant deadline = Instant.now().plusSeconds(30);
        String chain = null;
        while (chain == null && Instant.now().isBefore(deadline)) {
            chain = given().baseUri(caUrl)
                    .header("X-Api-Key", StandInCa.API_KEY)
                    .get("/api/v1/orders/" + orderId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getString("certificate.pemChain");
            if (chain == null) {
                sleep(300);
            }
        }
        if (chain == null) {
            throw new IllegalStateException("the stand-in CA did not issue the gateway's certificate in 30 s");
        }
        Path tls = Files.createDirectories(state.resolve("tls"));
        Path cert = Files.writeString(tls.resolve("gateway-chain.pem"), chain);
        // PKCS#8 keeps the curve with the key, which nginx (OpenSSL 3) needs.
        Path key = Files.writeString(
                tls.resolve("gateway-key.pem"),
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, new byte[] {'\n'})
                                .encodeToString(csr.keyPair().getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
        return new Path[] {cert, key};
    }

    private static String hostPort(String url) {
        return "127.0.0.1:" + URI.create(url).getPort();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
