package com.certtrack.tracking.outbound;

import com.certtrack.support.outbound.AddressPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * DNS questions sent straight to the configured resolver ({@code certtrack.tracking.checks.dns-server}) without a
 * cache, as the CA asks them: a record the customer just published is seen on the next check. Also the one place
 * outbound HTTP learns a host's addresses, so what {@link AddressPolicy} checked is what is connected to.
 */
public class DnsLookup implements HostResolver {

    /** An answer section, and whether the name exists at all. */
    public record Answer(boolean nameExists, List<Record> records) {}

    private final Resolver resolver;

    /** @param server {@code host:port} of the resolver, or {@code system} */
    public DnsLookup(String server, Duration timeout) {
        this.resolver = resolver(server);
        this.resolver.setTimeout(timeout);
    }

    public List<String> txt(String name) throws IOException {
        List<String> values = new ArrayList<>();
        for (Record record : query(name, Type.TXT).records()) {
            if (record instanceof TXTRecord txt) {
                values.add(String.join("", txt.getStrings()));
            }
        }
        return values;
    }

    public Optional<String> cname(String name) throws IOException {
        for (Record record : query(name, Type.CNAME).records()) {
            if (record instanceof CNAMERecord cname) {
                return Optional.of(strip(cname.getTarget().toString()));
            }
        }
        return Optional.empty();
    }

    /** IPv4 addresses first, then IPv6; an IP literal is its own address. */
    @Override
    public List<InetAddress> addresses(String host) throws IOException {
        if (isIpLiteral(host)) {
            return List.of(InetAddress.getByName(host.replace("[", "").replace("]", "")));
        }
        List<InetAddress> addresses = new ArrayList<>();
        for (Record record : query(host, Type.A).records()) {
            if (record instanceof ARecord a) {
                addresses.add(a.getAddress());
            }
        }
        for (Record record : query(host, Type.AAAA).records()) {
            if (record instanceof AAAARecord aaaa) {
                addresses.add(aaaa.getAddress());
            }
        }
        return addresses;
    }

    public List<CAARecord> caa(String name) throws IOException {
        List<CAARecord> records = new ArrayList<>();
        for (Record record : query(name, Type.CAA).records()) {
            if (record instanceof CAARecord caa) {
                records.add(caa);
            }
        }
        return records;
    }

    public static boolean isIpLiteral(String host) {
        return host.startsWith("[") || host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private Answer query(String name, int type) throws IOException {
        Name query;
        try {
            query = Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            throw new IOException("'" + name + "' is not a DNS name");
        }
        Message response = resolver.send(Message.newQuery(Record.newRecord(query, type, DClass.IN)));
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return new Answer(false, List.of());
        }
        if (rcode != Rcode.NOERROR) {
            throw new IOException(
                    "the resolver answered " + Rcode.string(rcode) + " for " + name + " " + Type.string(type));
        }
        return new Answer(true, response.getSection(Section.ANSWER));
    }

    public static String strip(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static Resolver resolver(String server) {
        try {
            if (server == null || server.isBlank() || server.equals("system")) {
                return new SimpleResolver();
            }
            int colon = server.lastIndexOf(':');
            if (server.startsWith("[")) {
                int close = server.indexOf(']');
                int port = close + 1 < server.length() ? Integer.parseInt(server.substring(close + 2)) : 53;
                return new SimpleResolver(
                        new InetSocketAddress(InetAddress.getByName(server.substring(1, close)), port));
            }
            if (colon > 0 && server.indexOf(':') == colon) {
                return new SimpleResolver(new InetSocketAddress(
                        InetAddress.getByName(server.substring(0, colon)),
                        Integer.parseInt(server.substring(colon + 1))));
            }
            return new SimpleResolver(new InetSocketAddress(InetAddress.getByName(server), 53));
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalStateException(
                    "certtrack.tracking.checks.dns-server must be host:port or 'system', not '" + server + "'");
        }
    }
}
