package com.certtrack.tracking.checks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.support.outbound.AddressPolicy;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Addresses a URL from a pasted certificate or a customer's host name may not make the service connect to. */
class AddressPolicyTest {

    @Test
    void loopbackPrivateLinkLocalAndReservedAddressesAreNotPublic() throws Exception {
        for (String address : new String[] {
            "127.0.0.1",
            "127.0.0.2",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "198.18.0.1",
            "224.0.0.1",
            "255.255.255.255",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1"
        }) {
            assertFalse(AddressPolicy.isPublic(InetAddress.getByName(address)), address);
        }
        for (String address : new String[] {"8.8.8.8", "93.184.216.34", "2606:4700::1111"}) {
            assertTrue(AddressPolicy.isPublic(InetAddress.getByName(address)), address);
        }
    }

    @Test
    void hostsOfALineAreItsNamesOrOneLabelUnderAWildcard() {
        assertTrue(LineDomains.covers("*.example.com", "a.example.com"));
        assertFalse(LineDomains.covers("*.example.com", "a.b.example.com"));
        assertFalse(LineDomains.covers("*.example.com", "example.com"));
        assertTrue(LineDomains.covers("www.example.com", "WWW.example.com."));
    }
}
