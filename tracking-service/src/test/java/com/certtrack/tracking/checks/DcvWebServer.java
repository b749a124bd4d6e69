package com.certtrack.tracking.checks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A subscriber's web server per virtual host that can also answer redirects, wrong types and errors. */
final class DcvWebServer implements AutoCloseable {

    record Reply(int status, String contentType, String location, String body) {}

    private final HttpServer server;
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();

    DcvWebServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
        server.createContext("/", exchange -> {
            String host = String.valueOf(exchange.getRequestHeaders().getFirst("Host"))
                    .replaceAll(":\\d+$", "");
            Reply reply = replies.getOrDefault(
                    host + exchange.getRequestURI().getPath(), new Reply(404, "text/html", null, "<h1>Not Found</h1>"));
            if (reply.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            }
            if (reply.location() != null) {
                exchange.getResponseHeaders().set("Location", reply.location());
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    void reply(String host, String path, Reply reply) {
        replies.put(host + path, reply);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
