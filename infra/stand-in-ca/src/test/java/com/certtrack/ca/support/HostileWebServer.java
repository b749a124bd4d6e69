package com.certtrack.ca.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback web server that answers every GET the way an abusive challenge host would: an endless chunked body,
 * or a body trickled one byte at a time. It records how many body bytes it wrote before the CA hung up.
 */
public final class HostileWebServer implements AutoCloseable {

    public enum Behaviour {
        ENDLESS_CHUNKED,
        TRICKLE
    }

    private final ServerSocket server;
    private final Behaviour behaviour;
    private final Thread thread;
    private final AtomicLong written = new AtomicLong();
    /** Completes with the body bytes written when the client closes the connection. */
    public final CompletableFuture<Long> hungUp = new CompletableFuture<>();

    public HostileWebServer(int port, Behaviour behaviour) throws IOException {
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.behaviour = behaviour;
        this.thread = new Thread(this::serve, "hostile-web-" + behaviour);
        thread.setDaemon(true);
        thread.start();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                readRequestHead(socket.getInputStream());
                answer(socket.getOutputStream());
            } catch (IOException e) {
                // The CA closed the connection (or the server was closed): that is what the test waits for.
                hungUp.complete(written.get());
            }
        }
    }

    private void answer(OutputStream out) throws IOException {
        if (behaviour == Behaviour.ENDLESS_CHUNKED) {
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1024];
            Arrays.fill(chunk, (byte) 'A');
            byte[] size = "400\r\n".getBytes(StandardCharsets.US_ASCII);
            byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
            while (true) {
                out.write(size);
                out.write(chunk);
                out.write(crlf);
                out.flush();
                written.addAndGet(chunk.length);
            }
        }
        out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 1000; i++) {
            out.write('B');
            out.flush();
            written.incrementAndGet();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int b = in.read(); b >= 0; b = in.read()) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == end.length) {
                return;
            }
        }
        throw new IOException("connection closed before the request ended");
    }

    @Override
    public void close() throws IOException {
        server.close();
        thread.interrupt();
        try {
            // The port is free only once the accepting thread has left accept(): the web server rebinds it next.
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
