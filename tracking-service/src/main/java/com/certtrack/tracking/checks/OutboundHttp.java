package com.certtrack.tracking.checks;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP as a CA speaks it to a subscriber's server, and as a relying party fetches OCSP, CRLs and issuer
 * certificates: the host is resolved here (through {@link DnsLookup}) and the connection goes to exactly that
 * address with the name as Host header; no redirect is followed, the body is capped, every call has a timeout,
 * and addresses refused by {@link AddressPolicy} are never connected to.
 */
@ApplicationScoped
public class OutboundHttp {

    /** An HTTP answer as received. */
    public record Answer(int status, String contentType, String location, byte[] body, InetAddress address) {
    }

    /** Why no answer came back. */
    public enum Kind {
        BAD_URL, NO_ADDRESS, PRIVATE_ADDRESS, UNREACHABLE, TIMEOUT, TOO_LARGE
    }

    public static final class Failure extends Exception {
        private final Kind kind;

        Failure(Kind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final DnsLookup dns;
    private final AddressPolicy policy;
    private final long timeoutMillis;
    private final int maxBytes;

    public OutboundHttp(Vertx vertx, DnsLookup dns, AddressPolicy policy, ChecksConfig config) {
        this.vertx = vertx;
        this.dns = dns;
        this.policy = policy;
        this.timeoutMillis = config.timeout().toMillis();
        this.maxBytes = config.maxResponseBytes();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) timeoutMillis)
                .setKeepAlive(false)
                .setMaxRedirects(0)
                .setForceSni(true)
                .setVerifyHost(true));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** GET or POST of an untrusted URL (from a pasted certificate): http or https only. */
    public Answer request(HttpMethod method, String url, String contentType, byte[] body) throws Failure {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            throw new Failure(Kind.BAD_URL, "'" + url + "' is not a valid URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new Failure(Kind.BAD_URL, "'" + url + "' is not an http or https URL; nothing else is fetched.");
        }
        boolean ssl = scheme.equals("https");
        int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        InetAddress address = resolve(uri.getHost());
        return send(method, uri.getHost(), address, port, path, ssl, contentType, body);
    }

    /** The first address of {@code host}, if the policy allows connecting to it. */
    public InetAddress resolve(String host) throws Failure {
        List<InetAddress> addresses;
        try {
            addresses = dns.addresses(host);
        } catch (IOException e) {
            throw new Failure(e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("timed out")
                    ? Kind.TIMEOUT : Kind.NO_ADDRESS, "DNS lookup of " + host + " failed: " + e.getMessage());
        }
        if (addresses.isEmpty()) {
            throw new Failure(Kind.NO_ADDRESS, host + " has no A or AAAA record.");
        }
        InetAddress address = addresses.get(0);
        if (!policy.allowed(address)) {
            throw new Failure(Kind.PRIVATE_ADDRESS, host + " resolves to " + address.getHostAddress()
                    + ", a private or loopback address that is not reachable from the internet.");
        }
        return address;
    }

    /** A plain-HTTP GET to a given address with {@code host} as Host header (the CA's HTTP_FILE check). */
    public Answer get(String host, InetAddress address, int port, String path) throws Failure {
        return send(HttpMethod.GET, host, address, port, path, false, null, null);
    }

    private Answer send(HttpMethod method, String host, InetAddress address, int port, String path, boolean ssl,
            String contentType, byte[] body) throws Failure {
        RequestOptions options = new RequestOptions()
                .setMethod(method)
                .setHost(host)
                .setPort(port)
                .setURI(path)
                .setSsl(ssl)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setFollowRedirects(false)
                .setIdleTimeout(timeoutMillis)
                .putHeader("User-Agent", "CertTrack-Checks/1.0");
        if (contentType != null) {
            options.putHeader("Content-Type", contentType);
        }
        String where = (ssl ? "https://" : "http://") + host + (port == (ssl ? 443 : 80) ? "" : ":" + port) + path;
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        // Registered on the event loop, so no body chunk can arrive before its handler.
        vertx.runOnContext(ignored -> client.request(options).onComplete(opened -> {
            if (opened.failed()) {
                answer.completeExceptionally(opened.cause());
                return;
            }
            HttpClientRequest request = opened.result();
            request.response().onComplete(received -> {
                if (received.failed()) {
                    answer.completeExceptionally(received.cause());
                } else {
                    read(request, received.result(), address, answer);
                }
            });
            request.end(body == null ? Buffer.buffer() : Buffer.buffer(body));
        }));
        try {
            return answer.get(timeoutMillis * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Failure failure) {
                throw failure;
            }
            boolean timeout = cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")
                    || String.valueOf(cause.getMessage()).contains("timeout period");
            throw new Failure(timeout ? Kind.TIMEOUT : Kind.UNREACHABLE, timeout
                    ? where + " did not answer within " + timeoutMillis + " ms (at " + address.getHostAddress() + ")."
                    : where + " could not be reached at " + address.getHostAddress() + " (" + cause.getMessage()
                            + ").");
        } catch (TimeoutException e) {
            throw new Failure(Kind.TIMEOUT, where + " did not answer within " + timeoutMillis * 2 + " ms (at "
                    + address.getHostAddress() + ").");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(Kind.TIMEOUT, "the check was interrupted.");
        }
    }

    private void read(HttpClientRequest request, HttpClientResponse response, InetAddress address,
            CompletableFuture<Answer> answer) {
        // Set first: resetting an oversized answer then completes quietly instead of logging an unhandled error.
        response.exceptionHandler(e -> answer.completeExceptionally(e));
        String length = response.getHeader("Content-Length");
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > maxBytes) {
            answer.completeExceptionally(tooLarge());
            request.reset();
            return;
        }
        Buffer received = Buffer.buffer();
        response.handler(chunk -> {
            if (received.length() + chunk.length() > maxBytes) {
                answer.completeExceptionally(tooLarge());
                request.reset();
            } else {
                received.appendBuffer(chunk);
            }
        });
        response.endHandler(ignored -> answer.complete(new Answer(response.statusCode(),
                response.getHeader("Content-Type"), response.getHeader("Location"), received.getBytes(), address)));
    }

    private Failure tooLarge() {
        return new Failure(Kind.TOO_LARGE, "the answer is larger than " + maxBytes + " bytes; it was not read.");
    }
}
