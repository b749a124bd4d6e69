package com.certtrack.tracking.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookUrlPolicyTest {

    /** Names resolve from this table, never through real DNS. */
    private static final Map<String, String> DNS = Map.of(
            "hooks.example.com", "93.184.215.14",
            "internal.example.com", "10.1.2.3",
            "rebind.example.com", "169.254.169.254",
            "v6.example.com", "2606:4700::1111");

    private static final WebhookUrlPolicy STRICT = new WebhookUrlPolicy(false, WebhookUrlPolicyTest::resolve);
    private static final WebhookUrlPolicy LENIENT = new WebhookUrlPolicy(true, WebhookUrlPolicyTest::resolve);

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String address = DNS.getOrDefault(host, host.matches("[0-9.]+|.*:.*") ? host : null);
        if (address == null) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] { InetAddress.getByName(address) };
    }

    @Test
    void acceptsPublicHttpsReceivers() throws Exception {
        assertEquals("hooks.example.com", STRICT.check("https://hooks.example.com/certtrack?k=v").getHost());
        STRICT.check("https://v6.example.com:8443/x");
        STRICT.check("https://93.184.215.14/x");
    }

    @Test
    void refusesOtherSchemesCredentialsAndFragments() {
        assertRefused("http://hooks.example.com/x", "https://");
        assertRefused("ftp://hooks.example.com/x", "https://");
        assertRefused("hooks.example.com/x", "https://");
        assertRefused("https://user:secret@hooks.example.com/x", "credentials");
        assertRefused("https://hooks.example.com/x#frag", "fragment");
        assertRefused("https:///nohost", "host");
        assertRefused("https://hooks.example.com/" + "x".repeat(2001), "characters");
        assertRefused("https://no-such-name.example.com/", "cannot be resolved");
    }

    @Test
    void refusesPrivateLoopbackAndLinkLocalAddressesUnlessAllowed() throws Exception {
        for (String url : new String[] { "https://127.0.0.1/x", "https://[::1]/x",
                "https://10.0.0.1/x", "https://172.16.5.4/x", "https://192.168.1.1/x", "https://169.254.169.254/x",
                "https://100.64.0.1/x", "https://0.0.0.0/x", "https://[fd00::1]/x", "https://[fe80::1]/x",
                "https://internal.example.com/x", "https://rebind.example.com/x" }) {
            assertRefused(url, "private, loopback or link-local");
            LENIENT.check(url);
        }
    }

    private static void assertRefused(String url, String because) {
        var refused = assertThrows(WebhookUrlPolicy.Refused.class, () -> STRICT.check(url), url);
        assertTrue(refused.getMessage().contains(because), url + ": " + refused.getMessage());
    }
}
