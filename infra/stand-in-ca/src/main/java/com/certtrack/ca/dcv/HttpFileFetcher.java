package com.certtrack.ca.dcv;

import com.certtrack.ca.CaConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
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
 * Fetches a DCV file over plain HTTP from an address the CA resolved itself, with the domain as Host header;
 * no redirects are followed and only a small body is accepted.
 */
@ApplicationScoped
public class HttpFileFetcher {

    private static final int MAX_BODY = 4096;

    private final Vertx vertx;
    private final HttpClient client;
    private final long timeoutMillis;

    public HttpFileFetcher(Vertx vertx, CaConfig config) {
        this.vertx = vertx;
        this.timeoutMillis = config.dcv().timeout().toMillis();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) timeoutMillis)
                .setKeepAlive(false)
                .setMaxRedirects(0));
    }

    /** @return the body of a 200 answer; an exception saying why not otherwise */
    public String fetch(String host, InetAddress address, int port, String path) throws DcvCheckFailed {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(host)
                .setPort(port)
                .setURI(path)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setFollowRedirects(false)
                .setIdleTimeout(timeoutMillis)
                .putHeader("User-Agent", "CertTrack-Stand-in-CA-DCV/1.0");
        // The chain runs on an event loop: registered from this worker thread, the body handler could come after
        // the body had arrived, and a 200 would read as empty.
        CompletableFuture<String> body = new CompletableFuture<>();
        vertx.runOnContext(ignored -> request(options, host, path).onComplete(result -> {
            if (result.succeeded()) {
                body.complete(result.result());
            } else {
                body.completeExceptionally(result.cause());
            }
        }));
        try {
            return body.get(timeoutMillis * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DcvCheckFailed failed) {
                throw failed;
            }
            throw new DcvCheckFailed("http://" + host + path + " could not be fetched from "
                    + address.getHostAddress() + ":" + port + " (" + e.getCause().getClass().getSimpleName() + ": "
                    + e.getCause().getMessage() + ").");
        } catch (TimeoutException e) {
            throw new DcvCheckFailed("http://" + host + path + " did not answer within " + timeoutMillis * 2
                    + " ms.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DcvCheckFailed("the check was interrupted.");
        }
    }

    private Future<String> request(RequestOptions options, String host, String path) {
        return client.request(options)
                .compose(request -> request.send())
                .compose(response -> {
                    if (response.statusCode() != 200) {
                        return Future.failedFuture(new DcvCheckFailed("http://" + host + path + " answered HTTP "
                                + response.statusCode() + " (expected 200 with the token)."));
                    }
                    String length = response.getHeader("Content-Length");
                    if (length != null && Long.parseLong(length) > MAX_BODY) {
                        return Future.failedFuture(new DcvCheckFailed("http://" + host + path + " is larger than "
                                + MAX_BODY + " bytes."));
                    }
                    return response.body().map(buffer -> buffer.toString(StandardCharsets.UTF_8));
                });
    }
}
