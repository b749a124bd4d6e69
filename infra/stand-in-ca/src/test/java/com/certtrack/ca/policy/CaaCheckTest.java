package com.certtrack.ca.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.ca.CaConfig;
import com.certtrack.ca.dcv.DnsQueries;
import com.certtrack.testsupport.LoopbackDnsServer;
import java.lang.reflect.Proxy;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/** The CAA decision against real DNS answers over UDP, including the resolver failures that must block. */
class CaaCheckTest {

    @Test
    void aResolverAnsweringServfailBlocks() throws Exception {
        try (DatagramSocket server = failingResolver()) {
            Optional<String> refusal = check(server.getLocalPort(), true).refusal(subject("www.servfail.test"));
            assertTrue(
                    refusal.orElseThrow()
                            .contains("The CAA lookup for www.servfail.test failed (the resolver answered SERVFAIL"),
                    refusal.get());
        }
    }

    @Test
    void aResolverThatDoesNotAnswerBlocks() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Optional<String> refusal = check(silent.getLocalPort(), true).refusal(subject("quiet.test"));
            assertTrue(refusal.orElseThrow().contains("The CAA lookup for quiet.test failed"), refusal.get());
        }
    }

    @Test
    void switchedOffNothingIsLookedUp() throws Exception {
        try (DatagramSocket server = failingResolver()) {
            assertEquals(Optional.empty(), check(server.getLocalPort(), false).refusal(subject("www.servfail.test")));
        }
    }

    @Test
    void issueGovernsWildcardsWithoutIssuewildAndAnEmptyIssuerForbidsEveryCa() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0)) {
            port = probe.getLocalPort();
        }
        try (LoopbackDnsServer dns = new LoopbackDnsServer(port)) {
            dns.add(caa("ours.test", "issue", "ca.certtrack.example"));
            dns.add(caa("nobody.test", "issue", ";"));
            dns.add(caa("nobody.test", "iodef", "mailto:x@nobody.test"));
            CaaCheck check = check(port, true);
            assertEquals(Optional.empty(), check.refusal(subject("*.ours.test")));
            assertEquals(Optional.empty(), check.refusal(subject("deep.www.ours.test")));
            String refusal = check.refusal(subject("*.nobody.test")).orElseThrow();
            assertTrue(refusal.contains("allow no CA"), refusal);
            assertEquals(Optional.empty(), check.refusal(subject("nothing-published.test")));
        }
    }

    private static List<CaaCheck.Subject> subject(String name) {
        return List.of(new CaaCheck.Subject(name, null, null));
    }

    private static CAARecord caa(String name, String tag, String value) throws Exception {
        return new CAARecord(LoopbackDnsServer.name(name), DClass.IN, 60, 0, tag, value);
    }

    private static CaaCheck check(int port, boolean enabled) {
        CaConfig.Dcv dcv =
                proxy(CaConfig.Dcv.class, Map.of("dnsServer", "127.0.0.1:" + port, "timeout", Duration.ofMillis(500)));
        CaConfig.Policy policy = proxy(
                CaConfig.Policy.class,
                Map.of(
                        "caaCheck",
                        enabled,
                        "caaIdentities",
                        Optional.empty(),
                        "internalNameSuffixes",
                        Optional.of(List.of("test"))));
        CaConfig config = proxy(CaConfig.class, Map.of("domain", "ca.certtrack.example", "dcv", dcv, "policy", policy));
        return new CaaCheck(new DnsQueries(config), new NamePolicy(config), config);
    }

    /** A configuration answering only what the classes under test read. */
    private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (!answers.containsKey(method.getName())) {
                throw new UnsupportedOperationException(method.getName() + Arrays.toString(args));
            }
            return answers.get(method.getName());
        }));
    }

    /** A resolver that answers every question SERVFAIL, as one does when the zone's servers are broken. */
    private static DatagramSocket failingResolver() throws Exception {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[4096];
                    while (!socket.isClosed()) {
                        try {
                            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                            socket.receive(packet);
                            Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                            Message response = new Message(query.getHeader().getID());
                            response.getHeader().setFlag(Flags.QR);
                            response.getHeader().setRcode(Rcode.SERVFAIL);
                            response.addRecord(query.getQuestion(), Section.QUESTION);
                            byte[] answer = response.toWire();
                            socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
                        } catch (Exception e) {
                            return;
                        }
                    }
                },
                "servfail-dns");
        thread.setDaemon(true);
        thread.start();
        return socket;
    }
}
