package com.certtrack.tracking.webhook;

import com.certtrack.tracking.outbound.CheckedResolver;
import com.certtrack.tracking.outbound.OutboundHttp;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Which receiver URLs are acceptable: absolute {@code https://} with a host, no credentials, no fragment, and a host
 * whose every address the service's one {@link com.certtrack.support.outbound.AddressPolicy} allows, so a webhook
 * cannot be aimed at this service's own network. Checked at registration and again before every attempt (DNS may
 * change), and the attempt connects to the address checked then.
 */
@ApplicationScoped
public class WebhookUrlPolicy {

    static final int MAX_LENGTH = 2000;

    /** The reason a URL is refused, worded for the customer. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** A URL that passed, with the address its host resolved to: the one to connect to. */
    public record Checked(URI uri, String host, InetAddress address) {}

    private final CheckedResolver resolver;

    public WebhookUrlPolicy(CheckedResolver resolver) {
        this.resolver = resolver;
    }

    /** @return the URL, parsed, and the address to deliver to; every check passed */
    public Checked check(String url) throws Refused {
        URI uri = parse(url);
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new Checked(uri, host, resolver.resolve(host));
        } catch (OutboundHttp.Failure failure) {
            throw new Refused(
                    failure.kind() == OutboundHttp.Kind.PRIVATE_ADDRESS
                            ? "refused: " + failure.getMessage()
                            : "host " + host + " cannot be resolved (" + failure.getMessage() + ")");
        }
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
}
