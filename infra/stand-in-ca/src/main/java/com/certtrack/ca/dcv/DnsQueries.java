package com.certtrack.ca.dcv;

import com.certtrack.ca.CaConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
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
 * DNS lookups for DCV and CAA, sent straight to the configured resolver ({@code certtrack.ca.dcv.dns-server}) with no
 * cache, so a record the subscriber just published is seen on the next check.
 */
@ApplicationScoped
public class DnsQueries {

    private final Resolver resolver;

    public DnsQueries(CaConfig config) {
        this.resolver = resolver(config.dcv().dnsServer());
        this.resolver.setTimeout(config.dcv().timeout());
    }

    public List<String> txt(String name) throws IOException {
        List<String> values = new ArrayList<>();
        for (Record record : answers(name, Type.TXT)) {
            if (record instanceof TXTRecord txt) {
                values.add(String.join("", txt.getStrings()));
            }
        }
        return values;
    }

    public Optional<String> cname(String name) throws IOException {
        for (Record record : answers(name, Type.CNAME)) {
            if (record instanceof CNAMERecord cname) {
                return Optional.of(strip(cname.getTarget().toString()));
            }
        }
        return Optional.empty();
    }

    /** The CAA RRset of exactly this name (RFC 8659); empty when there is none. */
    public List<CAARecord> caa(String name) throws IOException {
        List<CAARecord> values = new ArrayList<>();
        for (Record record : answers(name, Type.CAA)) {
            if (record instanceof CAARecord caa) {
                values.add(caa);
            }
        }
        return values;
    }

    /** IPv4 addresses first, then IPv6. A CNAME chain in the answer is followed by the resolver. */
    public List<InetAddress> addresses(String name) throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (Record record : answers(name, Type.A)) {
            if (record instanceof ARecord a) {
                addresses.add(a.getAddress());
            }
        }
        if (addresses.isEmpty()) {
            for (Record record : answers(name, Type.AAAA)) {
                if (record instanceof AAAARecord aaaa) {
                    addresses.add(aaaa.getAddress());
                }
            }
        }
        return addresses;
    }

    private List<Record> answers(String name, int type) throws IOException {
        Name query;
        try {
            query = Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            throw new IOException("'" + name + "' is not a DNS name");
        }
        Message response = resolver.send(Message.newQuery(Record.newRecord(query, type, DClass.IN)));
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return List.of();
        }
        if (rcode != Rcode.NOERROR) {
            throw new IOException(
                    "the resolver answered " + Rcode.string(rcode) + " for " + name + " " + Type.string(type));
        }
        return response.getSection(Section.ANSWER);
    }

    private static String strip(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static Resolver resolver(String server) {
        try {
            if (server == null || server.isBlank() || server.equals("system")) {
                return new SimpleResolver();
            }
            String host = server;
            int port = 53;
            int colon = server.lastIndexOf(':');
            if (server.startsWith("[")) {
                int close = server.indexOf(']');
                host = server.substring(1, close);
                port = close + 1 < server.length() ? Integer.parseInt(server.substring(close + 2)) : 53;
            } else if (colon > 0 && server.indexOf(':') == colon) {
                host = server.substring(0, colon);
                port = Integer.parseInt(server.substring(colon + 1));
            }
            return new SimpleResolver(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalStateException(
                    "certtrack.ca.dcv.dns-server must be host:port or 'system', not '" + server + "'");
        }
    }
}
