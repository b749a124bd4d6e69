package com.certtrack.ca.dcv;

import com.certtrack.ca.CaConfig;
import com.certtrack.support.outbound.AddressPolicy;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches a DCV file or http-01 response over plain HTTP from an address the CA resolved itself, with the domain
 * as Host header. Whoever controls the domain's DNS chooses the target, so the fetch is bounded on every side:
 * the address must pass the {@link AddressPolicy} (unless {@code certtrack.ca.fetch.allow-private-targets}), no
 * redirect is followed, the body is read as it streams and the connection closed once it passes
 * {@code fetch.max-body-bytes} (chunked bodies too), and one {@code fetch.deadline} covers connect, headers and body.
 * Failure reasons never quote the body.
 */
@ApplicationScoped
public class HttpFileFetcher {

    /** Beyond the deadline, how long the caller waits for the event loop to report the cut. */
    private static final long GRACE_MILLIS = 1000;

    private final Vertx vertx;
    private final HttpClient client;
    private final AddressPolicy policy;
    private final long deadlineMillis;
    private final int maxBody;

    public HttpFileFetcher(Vertx vertx, CaConfig config) {
        this.vertx = vertx;
        this.policy = new AddressPolicy(config.fetch().allowPrivateTargets());
        this.deadlineMillis = config.fetch().deadline().toMillis();
        this.maxBody = config.fetch().maxBodyBytes();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) Math.min(config.dcv().timeout().toMillis(), deadlineMillis))
                .setKeepAlive(false)
                .setMaxRedirects(0));
    }

    /** @return the body of a 200 answer; an exception saying why not otherwise */
    public String fetch(String host, InetAddress address, int port, String path) throws DcvCheckFailed {
        String url = "http://" + host + path;
        if (!policy.allowed(address)) {
            throw new DcvCheckFailed(url + " was not fetched: " + AddressPolicy.refusal(host, address));
        }
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(host)
                .setPort(port)
                .setURI(path)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setFollowRedirects(false)
                .putHeader("User-Agent", "CertTrack-Stand-in-CA-DCV/1.0");
        Fetch fetch = new Fetch(url);
        // Everything of one fetch runs on one event-loop context: handlers registered there see every chunk, and the
        // deadline timer and the byte count need no locks.
        vertx.runOnContext(ignored -> fetch.start(options));
        try {
            return fetch.result.get(deadlineMillis + GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DcvCheckFailed failed) {
                throw failed;
            }
            throw new DcvCheckFailed(url + " could not be fetched from " + address.getHostAddress() + ":" + port + " ("
                    + e.getCause().getClass().getSimpleName() + ": "
                    + e.getCause().getMessage() + ").");
        } catch (TimeoutException e) {
            vertx.runOnContext(ignored -> fetch.fail(fetch.late()));
            throw fetch.late();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            vertx.runOnContext(ignored -> fetch.fail(new DcvCheckFailed("the check was interrupted.")));
            throw new DcvCheckFailed("the check was interrupted.");
        }
    }

    /** One fetch in flight; its methods run on the event loop only. */
    private final class Fetch {
        final CompletableFuture<String> result = new CompletableFuture<>();
        final String url;
        final Buffer body = Buffer.buffer();
        /** Read by a late {@link #fail} that may come from another context. */
        volatile HttpClientRequest request;

        long timer = -1;

        Fetch(String url) {
            this.url = url;
        }

        void start(RequestOptions options) {
            timer = vertx.setTimer(deadlineMillis, id -> fail(late()));
            client.request(options).onComplete(created -> {
                if (created.failed()) {
                    fail(created.cause());
                    return;
                }
                request = created.result();
                if (result.isDone()) {
                    request.reset();
                    return;
                }
                request.send().onComplete(answered -> {
                    if (answered.failed()) {
                        fail(answered.cause());
                    } else {
                        read(answered.result());
                    }
                });
            });
        }

        private void read(HttpClientResponse response) {
            if (response.statusCode() != 200) {
                fail(new DcvCheckFailed(
                        url + " answered HTTP " + response.statusCode() + " (expected 200 with the token)."));
                return;
            }
            if (declaredLength(response.getHeader("Content-Length")) > maxBody) {
                fail(tooLarge());
                return;
            }
            response.exceptionHandler(this::fail);
            response.handler(chunk -> {
                if (result.isDone()) {
                    return;
                }
                if (body.length() + chunk.length() > maxBody) {
                    fail(tooLarge());
                    return;
                }
                body.appendBuffer(chunk);
            });
            response.endHandler(ended -> {
                vertx.cancelTimer(timer);
                result.complete(body.toString(StandardCharsets.UTF_8));
            });
        }

        /** Ends the fetch with {@code cause} (the first one wins) and closes the connection. */
        void fail(Throwable cause) {
            vertx.cancelTimer(timer);
            if (result.completeExceptionally(cause) && request != null) {
                request.reset();
            }
        }

        DcvCheckFailed late() {
            return new DcvCheckFailed(url + " did not answer completely within " + deadlineMillis + " ms.");
        }

        private DcvCheckFailed tooLarge() {
            return new DcvCheckFailed(
                    url + " answered a body larger than " + maxBody + " bytes; the connection was closed.");
        }

        private long declaredLength(String header) {
            if (header == null) {
                return -1;
            }
            try {
                return Long.parseLong(header.trim());
            } catch (NumberFormatException e) {
                return Long.MAX_VALUE; // unreadable: treated as too large rather than trusted
            }
        }
    }
}
