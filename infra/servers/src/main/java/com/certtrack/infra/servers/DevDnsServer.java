package com.certtrack.infra.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The local stack's DNS server (UDP on loopback). Every name in the development zone (and under {@code localhost},
 * RFC 6761) answers A 127.0.0.1 and AAAA ::1, so the stand-in CA reaches an ACME client's HTTP server on this
 * machine. TXT and CNAME records (and A/AAAA overrides) come from a records file, one {@code name TYPE value} a line,
 * written by {@code certtrack dns add|remove}; it is read again whenever it changes, so no restart is needed.
 * Names outside the zone answer NXDOMAIN: nothing else exists on the development network.
 */
public final class DevDnsServer implements AutoCloseable {

    private static final long TTL = 1;

    private final DatagramSocket socket;
    private final Name zone;
    private final Path recordsFile;
    private final Thread thread;
    private volatile Snapshot snapshot = new Snapshot(-1, List.of());

    private record Snapshot(long modified, List<Record> records) {}

    private DevDnsServer(int port, String zone, Path recordsFile) throws IOException {
        this.zone = name(zone);
        this.recordsFile = recordsFile;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.thread = new Thread(this::serve, "dev-dns");
        thread.setDaemon(true);
    }

    public static DevDnsServer start(int port, String zone, Path recordsFile) {
        try {
            DevDnsServer server = new DevDnsServer(port, zone, recordsFile);
            server.records(); // a bad records file fails the start, not the first query
            server.thread.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve DNS on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                byte[] answer;
                try {
                    answer = answer(new Message(Arrays.copyOf(packet.getData(), packet.getLength())))
                            .toWire();
                } catch (IOException | RuntimeException malformed) {
                    continue; // not a DNS query: nothing to answer
                }
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
                System.err.println("dns: " + e.getMessage());
            }
        }
    }

    Message answer(Message query) throws IOException {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        Record question = query.getQuestion();
        if (question == null) {
            response.getHeader().setRcode(Rcode.FORMERR);
            return response;
        }
        response.addRecord(question, Section.QUESTION);
        Name name = name(question.getName().toString());
        boolean inZone = name.subdomain(zone) || name.subdomain(Name.fromConstantString("localhost."));
        if (!inZone) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            return response;
        }
        response.getHeader().setFlag(Flags.AA);
        int type = question.getType();
        List<Record> published =
                records().stream().filter(r -> r.getName().equals(name)).toList();
        // A published CNAME stands for the whole name (RFC 1034 §3.6.2): answer it, then the target's records.
        Record cname = published.stream()
                .filter(r -> r.getType() == Type.CNAME)
                .findFirst()
                .orElse(null);
        if (cname != null && type != Type.CNAME) {
            response.addRecord(cname, Section.ANSWER);
            Name target = ((CNAMERecord) cname).getTarget();
            if (target.subdomain(zone)) {
                for (Record r : answers(
                        target,
                        type,
                        records().stream()
                                .filter(p -> p.getName().equals(target))
                                .toList())) {
                    response.addRecord(r, Section.ANSWER);
                }
            }
            return response;
        }
        for (Record r : answers(name, type, published)) {
            response.addRecord(r, Section.ANSWER);
        }
        return response;
    }

    /** Published records of the type, else loopback for A/AAAA (type ANY gets both). */
    private static List<Record> answers(Name name, int type, List<Record> published) throws IOException {
        List<Record> answers = new ArrayList<>();
        for (Record r : published) {
            if (r.getType() == type || type == Type.ANY) {
                answers.add(r);
            }
        }
        boolean ownA = published.stream().anyMatch(r -> r.getType() == Type.A);
        boolean ownAaaa = published.stream().anyMatch(r -> r.getType() == Type.AAAA);
        if ((type == Type.A || type == Type.ANY) && !ownA) {
            answers.add(new ARecord(name, DClass.IN, TTL, InetAddress.getByName("127.0.0.1")));
        }
        if ((type == Type.AAAA || type == Type.ANY) && !ownAaaa) {
            answers.add(new AAAARecord(name, DClass.IN, TTL, InetAddress.getByName("::1")));
        }
        return answers;
    }

    /** The records file, parsed again only when it changed since the last query. */
    private List<Record> records() throws IOException {
        long modified;
        try {
            modified = Files.getLastModifiedTime(recordsFile).toMillis() ^ Files.size(recordsFile);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        Snapshot current = snapshot;
        if (current.modified() == modified) {
            return current.records();
        }
        List<Record> parsed = new ArrayList<>();
        for (String line : Files.readAllLines(recordsFile, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\\s+", 3);
            if (parts.length < 3) {
                System.err.println("dns: ignored line without name, type and value: " + trimmed);
                continue;
            }
            try {
                parsed.add(record(name(parts[0]), parts[1].toUpperCase(Locale.ROOT), parts[2]));
            } catch (IOException | IllegalArgumentException e) {
                System.err.println("dns: ignored line '" + trimmed + "': " + e.getMessage());
            }
        }
        snapshot = new Snapshot(modified, List.copyOf(parsed));
        return snapshot.records();
    }

    static Record record(Name name, String type, String value) throws IOException {
        return switch (type) {
            case "TXT" -> new TXTRecord(name, DClass.IN, TTL, value);
            case "CNAME" -> new CNAMERecord(name, DClass.IN, TTL, name(value));
            case "A" -> new ARecord(name, DClass.IN, TTL, InetAddress.getByName(value));
            case "AAAA" -> new AAAARecord(name, DClass.IN, TTL, InetAddress.getByName(value));
            default ->
                throw new IllegalArgumentException("type must be one of TXT, CNAME, A, AAAA, not '" + type + "'");
        };
    }

    static Name name(String name) throws TextParseException {
        String lower = name.toLowerCase(Locale.ROOT);
        return Name.fromString(lower.endsWith(".") ? lower : lower + ".");
    }

    @Override
    public void close() {
        socket.close();
    }
}
