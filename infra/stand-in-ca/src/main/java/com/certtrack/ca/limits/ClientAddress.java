package com.certtrack.ca.limits;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The address a request came from: the TCP peer (or what Quarkus' proxy-address forwarding put there when
 * {@code quarkus.http.proxy.*} trusts a proxy in front).
 */
public final class ClientAddress {

    private ClientAddress() {}

    public static String of(HttpServerRequest request) {
        SocketAddress address = request == null ? null : request.remoteAddress();
        String host = address == null ? null : address.hostAddress();
        return host == null ? "unknown" : host;
    }
}
