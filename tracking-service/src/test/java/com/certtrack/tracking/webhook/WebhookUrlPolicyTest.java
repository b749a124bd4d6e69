package com.certtrack.tracking.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.support.outbound.AddressPolicy;
import com.certtrack.tracking.outbound.CheckedResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookUrlPolicyTest {

    /** Names resolve from this table, never through real DNS. */
    private static final Map<String, String> DNS = Map.of(
            "hooks.example.com", "93.184.215.14",
            "internal.example.com", "10.1.2.3",
            "rebind.example.com", "169.254.169.254",
            "v6.example.com", "2606:4700::1111");

    private static final WebhookUrlPolicy STRICT =
            new WebhookUrlPolicy(new CheckedResolver(WebhookUrlPolicyTest::resolve, new AddressPolicy(false)));
    private static final WebhookUrlPolicy LENIENT =
            new WebhookUrlPolicy(new CheckedResolver(WebhookUrlPolicyTest::resolve, new AddressPolicy(true)));

    private static List<InetAddress> resolve(String host) throws UnknownHostException {
        if (host.equals("mixed.example.com")) {
            return List.of(InetAddress.getByName("93.184.215.14"), InetAddress.getByName("10.9.8.7"));
        }
        String address = DNS.getOrDefault(host, host.matches("[0-9.]+|.*:.*") ? host : null);
        if (address == null) {
            throw new UnknownHostException(host);
        }
        return List.of(InetAddress.getByName(address));
    }

    @Test
    void acceptsPublicHttpsReceivers() throws Exception {
        var checked = STRICT.check("https://hooks.example.com/certtrack?k=v");
        assertEquals("hooks.example.com", checked.uri().getHost());
        assertEquals("93.184.215.14", checked.address().getHostAddress(), "the address checked is the one used");
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
        for (String url : new String[] {
            "https://127.0.0.1/x",
            "https://[::1]/x",
            "https://10.0.0.1/x",
            "https://172.16.5.4/x",
            "https://192.168.1.1/x",
            "https://169.254.169.254/x",
            "https://100.64.0.1/x",
            "https://0.0.0.0/x",
            "https://[fd00::1]/x",
            "https://[fe80::1]/x",
            "https://internal.example.com/x",
            "https://rebind.example.com/x",
            "https://mixed.example.com/x",
            "https://[::ffff:10.0.0.1]/x",
            "https://[64:ff9b::a00:1]/x",
            "https://[2002:7f00:1::]/x"
        }) {
            assertRefused(url, "not a public internet address");
            LENIENT.check(url);
        }
    }

    private static void assertRefused(String url, String because) {
        var refused = assertThrows(WebhookUrlPolicy.Refused.class, () -> STRICT.check(url), url);
        assertTrue(refused.getMessage().contains(because), url + ": " + refused.getMessage());
    }
}
