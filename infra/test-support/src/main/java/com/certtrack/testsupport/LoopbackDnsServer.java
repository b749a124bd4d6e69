package com.certtrack.testsupport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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

/** A tiny authoritative DNS server over UDP on loopback, answering from records the test publishes. */
public final class LoopbackDnsServer implements AutoCloseable {

    private final DatagramSocket socket;
    private final Map<Name, List<Record>> records = new ConcurrentHashMap<>();
    private final Thread thread;
    private final Map<Name, Record> rebinds = new ConcurrentHashMap<>();
    private final Map<Name, Integer> asked = new ConcurrentHashMap<>();

    public LoopbackDnsServer(int port) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        thread = new Thread(this::serve, "loopback-dns");
        thread.setDaemon(true);
        thread.start();
    }

    public void a(String name, String address) throws IOException {
        add(new ARecord(name(name), DClass.IN, 60, InetAddress.getByName(address)));
    }

    public void txt(String name, String value) throws IOException {
        add(new TXTRecord(name(name), DClass.IN, 60, value));
    }

    public void cname(String name, String target) throws IOException {
        add(new CNAMERecord(name(name), DClass.IN, 60, name(target)));
    }

    /**
     * A rebinding name: the first A question about {@code name} is answered {@code first}, every later one
     * {@code then}, as an attacker's DNS server answers a check and then the connection that follows it.
     */
    public void rebinding(String name, String first, String then) throws IOException {
        Name key = name(name);
        records.put(
                key, new CopyOnWriteArrayList<>(List.of(new ARecord(key, DClass.IN, 0, InetAddress.getByName(first)))));
        ARecord later = new ARecord(key, DClass.IN, 0, InetAddress.getByName(then));
        rebinds.put(key, later);
    }

    /** A questions answered so far about {@code name}. */
    public int questions(String name) throws IOException {
        return asked.getOrDefault(name(name), 0);
    }

    /** Forgets every record of {@code name}. */
    public void remove(String name) throws IOException {
        records.remove(name(name));
    }

    /** Any other record, e.g. a {@code CAARecord} or an {@code AAAARecord}. */
    public void add(Record record) {
        records.computeIfAbsent(record.getName(), n -> new CopyOnWriteArrayList<>())
                .add(record);
    }

    public static Name name(String name) throws TextParseException {
        return Name.fromString(name.toLowerCase(java.util.Locale.ROOT) + ".");
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                byte[] answer = answer(query).toWire();
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private Message answer(Message query) throws TextParseException {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        Record question = query.getQuestion();
        response.addRecord(question, Section.QUESTION);
        Name name = Name.fromString(question.getName().toString().toLowerCase(java.util.Locale.ROOT));
        List<Record> known = records.get(name);
        if (question.getType() == org.xbill.DNS.Type.A) {
            asked.merge(name, 1, Integer::sum);
            Record later = rebinds.get(name);
            if (later != null && asked.get(name) > 1) {
                known = List.of(later);
            }
        }
        if (known == null) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            return response;
        }
        for (Record record : known) {
            if (record.getType() == question.getType()) {
                response.addRecord(record, Section.ANSWER);
            }
        }
        return response;
    }

    @Override
    public void close() {
        socket.close();
    }
}
