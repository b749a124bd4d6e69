package com.certtrack.tracking.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which receiver URLs are acceptable: absolute {@code https://} with a host, no credentials, no fragment, and a host
 * that resolves to public addresses only (unless private ones are allowed, in dev and tests), so a webhook cannot be
 * aimed at this service's own network. Checked at registration and again before every attempt (DNS may change).
 */
public final class WebhookUrlPolicy {

    static final int MAX_LENGTH = 2000;

    /** The reason a URL is refused, worded for the customer. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** How a host name becomes addresses; a seam for tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivate;
    private final Resolver resolver;

    public WebhookUrlPolicy(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    public WebhookUrlPolicy(boolean allowPrivate) {
        this(allowPrivate, InetAddress::getAllByName);
    }

    /** @return the URL, parsed; every check passed */
    public URI check(String url) throws Refused {
        URI uri = parse(url);
        checkAddresses(uri);
        return uri;
    }

    /** Form only: scheme, host, no credentials or fragment. */
    public static URI parse(String url) throws Refused {
        if (url == null || url.isBlank()) {
            throw new Refused("must be an https:// URL");
        }
        if (url.length() > MAX_LENGTH) {
            throw new Refused("must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new Refused("is not a valid URL");
        }
        if (!uri.isAbsolute() || !"https".equals(uri.getScheme().toLowerCase(Locale.ROOT))) {
            throw new Refused("must be an https:// URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("must not contain credentials (user:password@)");
        }
        if (uri.getRawFragment() != null) {
            throw new Refused("must not contain a fragment (#...)");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new Refused("must name a host");
        }
        return uri;
    }

    public void checkAddresses(URI uri) throws Refused {
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new Refused("host " + host + " cannot be resolved");
        }
        if (allowPrivate) {
            return;
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                throw new Refused("host " + host + " resolves to a private, loopback or link-local address");
            }
        }
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int b0 = b[0] & 0xff;
            int b1 = b[1] & 0xff;
            return b0 != 0 // "this network"
                    && !(b0 == 100 && (b1 & 0xc0) == 64) // carrier-grade NAT 100.64/10
                    && !(b0 == 192 && b1 == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    && !(b0 == 198 && (b1 == 18 || b1 == 19)) // benchmarking
                    && b0 < 240; // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            boolean uniqueLocal = (b[0] & 0xfe) == 0xfc; // fc00::/7
            boolean nat64 = b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
            boolean documentation = b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && (b[3] & 0xff) == 0xb8;
            return !uniqueLocal && !nat64 && !documentation;
        }
        return false;
    }
}
