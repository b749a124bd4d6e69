package com.certtrack.tracking.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.support.outbound.AddressPolicy;
import com.certtrack.testsupport.LoopbackDnsServer;
import com.certtrack.testsupport.TestInfrastructure;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;

/**
 * The outbound layer connects to the address it checked: a DNS server that answers the check with one address and
 * the next question with another (rebinding) does not move the connection, and a name with any refused address
 * is never connected to.
 */
class OutboundRebindingTest {

    private static Vertx vertx;
    private static LoopbackDnsServer dns;
    private static int dnsPort;
    private static int port;
    private static HttpServer first;
    private static HttpServer second;
    private static final List<String> SECOND_HITS = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        dnsPort = TestInfrastructure.freePort();
        dns = new LoopbackDnsServer(dnsPort);
        first = server(InetAddress.getByName("127.0.0.1"), 0, "first", null);
        port = first.getAddress().getPort();
        second = server(InetAddress.getByName("127.0.0.2"), port, "second", SECOND_HITS);
    }

    @AfterAll
    static void stop() {
        first.stop(0);
        second.stop(0);
        dns.close();
        vertx.close();
    }

    @Test
    void aRebindingAnswerAfterTheCheckDoesNotMoveTheConnection() throws Exception {
        dns.rebinding("shop.rebind.test", "127.0.0.1", "127.0.0.2");
        OutboundHttp http = client(true);
        try {
            OutboundHttp.Answer answer =
                    http.request(HttpMethod.GET, "http://shop.rebind.test:" + port + "/who", null, null);
            assertEquals("first", new String(answer.body(), StandardCharsets.UTF_8));
            assertEquals("127.0.0.1", answer.address().getHostAddress());
            assertEquals(List.of(), SECOND_HITS, "nothing reached the address the name rebound to");
            assertEquals(1, dns.questions("shop.rebind.test"), "the name was resolved once, for check and connect");

            // The DNS server really rebinds: a new request (a new check) now goes to the second address.
            answer = http.request(HttpMethod.GET, "http://shop.rebind.test:" + port + "/who", null, null);
            assertEquals("second", new String(answer.body(), StandardCharsets.UTF_8));
            assertEquals(1, SECOND_HITS.size());
            assertTrue(
                    SECOND_HITS.get(0).equals("shop.rebind.test:" + port), "Host header is the name: " + SECOND_HITS);
        } finally {
            http.close();
        }
    }

    @Test
    void aNameWithAnyRefusedAddressIsNeverConnectedTo() throws Exception {
        dns.a("mixed.rebind.test", "93.184.215.14");
        dns.add(new AAAARecord(
                LoopbackDnsServer.name("mixed.rebind.test"), DClass.IN, 60, InetAddress.getByName("fd00::1")));
        dns.a("inside.rebind.test", "127.0.0.2");
        int before = SECOND_HITS.size();
        OutboundHttp http = client(false);
        try {
            for (String host : List.of("mixed.rebind.test", "inside.rebind.test", "127.0.0.2", "[::ffff:127.0.0.2]")) {
                var refused = assertThrows(
                        OutboundHttp.Failure.class,
                        () -> http.request(HttpMethod.GET, "http://" + host + ":" + port + "/who", null, null),
                        host);
                assertEquals(OutboundHttp.Kind.PRIVATE_ADDRESS, refused.kind(), host);
                assertTrue(refused.getMessage().contains("not a public internet address"), refused.getMessage());
            }
            assertEquals(before, SECOND_HITS.size(), "no request was sent");
        } finally {
            http.close();
        }
    }

    private static OutboundHttp client(boolean allowPrivate) {
        var resolver = new CheckedResolver(
                new DnsLookup("127.0.0.1:" + dnsPort, Duration.ofSeconds(2)), new AddressPolicy(allowPrivate));
        return new OutboundHttp(
                vertx,
                resolver,
                new OutboundHttp.Settings(
                        Duration.ofSeconds(2), Duration.ofSeconds(4), 10_000, "test", null, 4, false));
    }

    private static HttpServer server(InetAddress address, int port, String name, List<String> hits) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
        server.createContext("/", exchange -> {
            if (hits != null) {
                hits.add(exchange.getRequestHeaders().getFirst("Host"));
            }
            byte[] body = name.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }
}
