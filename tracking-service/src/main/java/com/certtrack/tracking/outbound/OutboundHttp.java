package com.certtrack.tracking.outbound;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.X509TrustManager;

/**
 * The one way the service speaks HTTP to hosts customers name (DCV files, OCSP, CRLs, issuer certificates, webhook
 * receivers): the host is resolved once by a {@link CheckedResolver}, every address checked, and the connection goes
 * to exactly the checked address, with the name kept for the Host header, SNI and certificate host name
 * verification. No redirect is followed, the body is capped, every call has a timeout.
 */
public class OutboundHttp implements AutoCloseable {

    /** An HTTP answer as received. */
    public record Answer(int status, String contentType, String location, byte[] body, InetAddress address) {}

    /** Why no answer came back. */
    public enum Kind {
        BAD_URL,
        NO_ADDRESS,
        PRIVATE_ADDRESS,
        UNREACHABLE,
        TIMEOUT,
        TOO_LARGE
    }

    public static final class Failure extends Exception {
        private final Kind kind;

        public Failure(Kind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    /**
     * @param requestTimeout the whole exchange; also the longest silence between two reads
     * @param maxBytes largest body read; 0 reads none (the status is all that counts)
     * @param trust the CAs trusted for https, or null for the JVM's
     * @param keepAlive reuse connections: a pooled one goes to the same checked address with the same name, so
     *                  it is as safe as a new one (webhooks); one-off fetches (checks) close theirs
     */
    public record Settings(
            Duration connectTimeout,
            Duration requestTimeout,
            int maxBytes,
            String userAgent,
            X509TrustManager trust,
            int maxConnections,
            boolean keepAlive) {}

    /** A checked destination: the name as the URL has it, the address to connect to. */
    public record Target(String host, InetAddress address, int port, String path, boolean ssl) {
        String shown() {
            return (ssl ? "https://" : "http://") + host + (port == (ssl ? 443 : 80) ? "" : ":" + port) + path;
        }
    }

    /**
     * Callers' stages run here, never on the event loop (webhook delivery records its outcome with JDBC). Grows
     * with the requests in flight, which the callers bound (batch size, the revocation pool).
     */
    private static final ExecutorService COMPLETIONS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "outbound-http");
        thread.setDaemon(true);
        return thread;
    });

    private final Vertx vertx;
    private final HttpClient client;
    private final CheckedResolver resolver;
    private final Settings settings;

    public OutboundHttp(Vertx vertx, CheckedResolver resolver, Settings settings) {
        this.vertx = vertx;
        this.resolver = resolver;
        this.settings = settings;
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) settings.connectTimeout().toMillis())
                .setKeepAlive(settings.keepAlive())
                .setMaxRedirects(0)
                .setForceSni(true)
                .setVerifyHost(true);
        if (settings.trust() != null) {
            options.setTrustOptions(TrustOptions.wrap(settings.trust()));
        }
        this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(settings.maxConnections()));
    }

    @Override
    public void close() {
        client.close();
    }

    /** The address to connect to for {@code host}, if the policy allows every address it has. */
    public InetAddress resolve(String host) throws Failure {
        return resolver.resolve(host);
    }

    /** Parses an untrusted URL (http or https only), resolves and checks its host. */
    public Target target(String url) throws Failure {
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
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Target(host, resolve(host), port, path, ssl);
    }

    /** GET or POST of an untrusted URL, waiting at most the request timeout. */
    public Answer request(HttpMethod method, String url, String contentType, byte[] body) throws Failure {
        return request(method, url, contentType, body, Instant.now().plus(settings.requestTimeout()));
    }

    /** The same, given up at {@code deadline} (a check's total budget) if that comes before the request timeout. */
    public Answer request(HttpMethod method, String url, String contentType, byte[] body, Instant deadline)
            throws Failure {
        Target target = target(url);
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.toMillis() < 50) {
            throw new Failure(
                    Kind.TIMEOUT, "the check's time budget was spent before " + target.shown() + " could be asked.");
        }
        return await(
                send(method, target, contentType == null ? Map.of() : Map.of("Content-Type", contentType), body, left));
    }

    /** A plain-HTTP GET to a given address with {@code host} as Host header (the CA's HTTP_FILE check). */
    public Answer get(String host, InetAddress address, int port, String path) throws Failure {
        return await(send(
                HttpMethod.GET,
                new Target(host, address, port, path, false),
                Map.of(),
                null,
                settings.requestTimeout()));
    }

    /** Waits for {@link #send}, as the blocking callers do. */
    public static Answer await(CompletableFuture<Answer> answer) throws Failure {
        try {
            return answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Failure failure) {
                throw failure;
            }
            throw new Failure(Kind.UNREACHABLE, String.valueOf(e.getCause()));
        }
    }

    /**
     * Sends to the target's checked address. Never blocks: the answer completes on the event loop, or exceptionally
     * with a {@link Failure}, within {@code timeout} (and the request timeout).
     */
    public CompletableFuture<Answer> send(
            HttpMethod method, Target target, Map<String, String> headers, byte[] body, Duration timeout) {
        long millis = Math.min(timeout.toMillis(), settings.requestTimeout().toMillis());
        RequestOptions options = new RequestOptions()
                .setMethod(method)
                .setHost(target.host())
                .setPort(target.port())
                .setURI(target.path())
                .setSsl(target.ssl())
                .setServer(SocketAddress.inetSocketAddress(
                        target.port(), target.address().getHostAddress()))
                .setFollowRedirects(false)
                .setIdleTimeout(millis)
                .putHeader("User-Agent", settings.userAgent());
        headers.forEach(options::putHeader);
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        AtomicReference<HttpClientRequest> opened = new AtomicReference<>();
        // Registered on the event loop, so no body chunk can arrive before its handler.
        vertx.runOnContext(ignored -> client.request(options).onComplete(open -> {
            if (open.failed()) {
                answer.completeExceptionally(open.cause());
                return;
            }
            HttpClientRequest request = open.result();
            opened.set(request);
            request.response().onComplete(received -> {
                if (received.failed()) {
                    answer.completeExceptionally(received.cause());
                } else {
                    read(request, received.result(), target.address(), answer);
                }
            });
            request.end(body == null ? Buffer.buffer() : Buffer.buffer(body));
        }));
        return answer.orTimeout(millis, TimeUnit.MILLISECONDS)
                .handleAsync(
                        (done, error) -> {
                            if (error == null) {
                                return CompletableFuture.completedFuture(done);
                            }
                            HttpClientRequest request = opened.get();
                            if (request != null) {
                                vertx.runOnContext(ignored -> request.reset());
                            }
                            return CompletableFuture.<Answer>failedFuture(failure(error, target, millis));
                        },
                        COMPLETIONS)
                .thenCompose(f -> f);
    }

    private static Failure failure(Throwable error, Target target, long millis) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof Failure failure) {
            return failure;
        }
        String at = target.address().getHostAddress();
        boolean timeout = cause instanceof TimeoutException
                || cause.getClass().getSimpleName().contains("Timeout")
                || String.valueOf(cause.getMessage()).contains("timeout period");
        return timeout
                ? new Failure(
                        Kind.TIMEOUT, target.shown() + " did not answer within " + millis + " ms (at " + at + ").")
                : new Failure(
                        Kind.UNREACHABLE,
                        target.shown() + " could not be reached at " + at + " (" + cause.getMessage() + ").");
    }

    private void read(
            HttpClientRequest request,
            HttpClientResponse response,
            InetAddress address,
            CompletableFuture<Answer> answer) {
        int maxBytes = settings.maxBytes();
        // Set first: resetting an oversized answer then completes quietly instead of logging an unhandled error.
        response.exceptionHandler(answer::completeExceptionally);
        String length = response.getHeader("Content-Length");
        if (maxBytes > 0 && length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > maxBytes) {
            answer.completeExceptionally(tooLarge());
            request.reset();
            return;
        }
        Buffer received = Buffer.buffer();
        response.handler(chunk -> {
            if (maxBytes == 0) {
                return; // only the status counts; the body is drained unread
            }
            if (received.length() + chunk.length() > maxBytes) {
                answer.completeExceptionally(tooLarge());
                request.reset();
            } else {
                received.appendBuffer(chunk);
            }
        });
        response.endHandler(ignored -> answer.complete(new Answer(
                response.statusCode(),
                response.getHeader("Content-Type"),
                response.getHeader("Location"),
                received.getBytes(),
                address)));
    }

    private Failure tooLarge() {
        return new Failure(
                Kind.TOO_LARGE, "the answer is larger than " + settings.maxBytes() + " bytes; it was not read.");
    }
}
