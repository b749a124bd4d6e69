package com.certtrack.support.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which addresses the service may connect to. Hosts and URLs come from customers (pasted certificates, host names,
 * webhook URLs), so without this the service could be made to probe its own network. Refused: loopback, "this
 * network", private, link-local, carrier-grade NAT, unique-local, site-local, multicast, reserved, documentation
 * and benchmarking ranges, and IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo)
 * when the embedded address is refused (Teredo always).
 */
public final class AddressPolicy {

    private final boolean allowPrivate;

    public AddressPolicy(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    public boolean allowed(InetAddress address) {
        return allowPrivate || isPublic(address);
    }

    /** The one wording of a refusal, in checks' findings and webhook problems alike. */
    public static String refusal(String host, InetAddress address) {
        String ip = address.getHostAddress();
        return (host.equalsIgnoreCase(ip) || host.equals("[" + ip + "]") ? ip : host + " resolves to " + ip)
                + ", which is not a public internet address (loopback, private, link-local or reserved): "
                + "nothing is sent there.";
    }

    public static boolean isPublic(InetAddress address) {
        if (address instanceof Inet4Address) {
            return isPublicV4(address.getAddress());
        }
        if (address instanceof Inet6Address) {
            return isPublicV6(address.getAddress());
        }
        return false;
    }

    private static boolean isPublicV4(byte[] b) {
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        int b2 = b[2] & 0xff;
        return b0 != 0 // "this network"
                && b0 != 10 // private
                && b0 != 127 // loopback
                && !(b0 == 169 && b1 == 254) // link-local (cloud metadata)
                && !(b0 == 172 && (b1 & 0xf0) == 16) // private
                && !(b0 == 192 && b1 == 168) // private
                && !(b0 == 100 && (b1 & 0xc0) == 64) // carrier-grade NAT 100.64/10
                && !(b0 == 192 && b1 == 0 && (b2 == 0 || b2 == 2)) // IETF assignments, TEST-NET-1
                && !(b0 == 192 && b1 == 88 && b2 == 99) // 6to4 relay anycast
                && !(b0 == 198 && (b1 == 18 || b1 == 19)) // benchmarking
                && !(b0 == 198 && b1 == 51 && b2 == 100) // TEST-NET-2
                && !(b0 == 203 && b1 == 0 && b2 == 113) // TEST-NET-3
                && b0 < 224; // multicast, reserved, broadcast
    }

    private static boolean isPublicV6(byte[] b) {
        boolean zero80 = true;
        for (int i = 0; i < 10; i++) {
            zero80 &= b[i] == 0;
        }
        if (zero80 && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
            return isPublicV4(tail(b, 12)); // ::ffff:a.b.c.d IPv4-mapped
        }
        if (zero80 && b[10] == 0 && b[11] == 0) {
            return false; // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d
        }
        int w0 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        int w1 = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        if (w0 == 0x0064 && w1 == 0xff9b) {
            // NAT64: 64:ff9b::/96 is judged by its IPv4 part, the local-use 64:ff9b:1::/48 is refused
            return b[4] == 0 && b[5] == 0 && isPublicV4(tail(b, 12));
        }
        if (w0 == 0x2002) {
            return isPublicV4(tail(b, 2)); // 6to4 2002:a.b.c.d::/48
        }
        return (b[0] & 0xfe) != 0xfc // unique local fc00::/7
                && (b[0] & 0xff) != 0xff // multicast
                && !((b[0] & 0xff) == 0xfe && (b[1] & 0x80) == 0x80) // link-local fe80::/10, site-local fec0::/10
                && !(w0 == 0x2001 && w1 == 0x0000) // Teredo 2001::/32
                && !(w0 == 0x2001 && w1 == 0x0db8) // documentation
                && !(w0 == 0x2001 && w1 == 0x0002 && b[4] == 0 && b[5] == 0) // benchmarking 2001:2::/48
                && !(w0 == 0x3fff && (w1 & 0xf000) == 0) // documentation 3fff::/20
                && !(w0 == 0x0100 && w1 == 0 && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0); // discard 100::/64
    }

    private static byte[] tail(byte[] b, int from) {
        return new byte[] {b[from], b[from + 1], b[from + 2], b[from + 3]};
    }

    /** For tests: an IPv6 address exactly as given, never folded to IPv4 by {@link InetAddress#getByName}. */
    static InetAddress v6(byte[] bytes) throws UnknownHostException {
        return Inet6Address.getByAddress(null, bytes, -1);
    }
}
