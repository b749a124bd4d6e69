package com.certtrack.support.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The one address policy: the union of what the checks and the webhooks used to refuse, and IPv6 disguises. */
class AddressPolicyRangesTest {

    @Test
    void refusesEveryNonPublicRangeAndIpv6FormsEmbeddingThem() throws Exception {
        for (String address : new String[] {
            "0.1.2.3",
            "10.0.0.1",
            "127.0.0.1",
            "169.254.169.254",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.0.1",
            "100.64.0.1",
            "100.127.255.255",
            "192.0.0.8",
            "192.0.2.1",
            "198.51.100.7",
            "203.0.113.9",
            "198.18.0.1",
            "192.88.99.1",
            "224.0.0.1",
            "240.0.0.1",
            "255.255.255.255",
            "::",
            "::1",
            "fe80::1",
            "fec0::1",
            "fc00::1",
            "fd12:3456::1",
            "ff02::1",
            "2001:db8::1",
            "3fff::1",
            "2001::1",
            "2001:2::1",
            "100::1",
            "64:ff9b:1::1"
        }) {
            assertFalse(AddressPolicy.isPublic(InetAddress.getByName(address)), address);
        }
        // IPv4-mapped, IPv4-compatible, NAT64 and 6to4 forms of refused IPv4 addresses, kept as IPv6.
        assertFalse(AddressPolicy.isPublic(AddressPolicy.v6(v6(0, 0, 0, 0, 0, 0xffff, 0x7f00, 0x0001))));
        assertFalse(AddressPolicy.isPublic(AddressPolicy.v6(v6(0, 0, 0, 0, 0, 0, 0x0a00, 0x0001))));
        assertFalse(AddressPolicy.isPublic(AddressPolicy.v6(v6(0x64, 0xff9b, 0, 0, 0, 0, 0xa9fe, 0xa9fe))));
        assertFalse(AddressPolicy.isPublic(AddressPolicy.v6(v6(0x2002, 0xc0a8, 0x0101, 0, 0, 0, 0, 1))));
        // ...and of public ones, allowed.
        assertTrue(AddressPolicy.isPublic(AddressPolicy.v6(v6(0, 0, 0, 0, 0, 0xffff, 0x0808, 0x0808))));
        assertTrue(AddressPolicy.isPublic(AddressPolicy.v6(v6(0x64, 0xff9b, 0, 0, 0, 0, 0x0808, 0x0808))));
        assertTrue(AddressPolicy.isPublic(AddressPolicy.v6(v6(0x2002, 0x0808, 0x0808, 0, 0, 0, 0, 1))));
        for (String address :
                new String[] {"8.8.8.8", "93.184.216.34", "100.128.0.1", "172.32.0.1", "2606:4700::1111", "2a00:1450::1"
                }) {
            assertTrue(AddressPolicy.isPublic(InetAddress.getByName(address)), address);
        }
    }

    @Test
    void oneSwitchAllowsThemAndOneWordingRefusesThem() throws Exception {
        InetAddress metadata = InetAddress.getByName("169.254.169.254");
        assertTrue(new AddressPolicy(true).allowed(metadata));
        assertFalse(new AddressPolicy(false).allowed(metadata));
        assertEquals(
                "cloud.example resolves to 169.254.169.254, which is not a public internet address (loopback, "
                        + "private, link-local or reserved): nothing is sent there.",
                AddressPolicy.refusal("cloud.example", metadata));
        assertTrue(AddressPolicy.refusal("169.254.169.254", metadata).startsWith("169.254.169.254, which"));
    }

    private static byte[] v6(int... words) {
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[2 * i] = (byte) (words[i] >> 8);
            bytes[2 * i + 1] = (byte) words[i];
        }
        return bytes;
    }
}
