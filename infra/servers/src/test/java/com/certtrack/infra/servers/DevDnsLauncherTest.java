package com.certtrack.infra.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** {@code certtrack dns add|list|remove} edits the records the development DNS server answers, without a restart. */
class DevDnsLauncherTest {

    @Test
    void recordsAddedWithTheLauncherAreAnsweredAndRemoved(@TempDir Path home) throws Exception {
        Path records = home.resolve("dns").resolve("records");
        try (DevDnsServer server = DevDnsServer.start(KafkaBrokerRestartTest.freePort(), "certtrack.test", records)) {
            SimpleResolver resolver =
                    new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));

            assertEquals(List.of("127.0.0.1"), answers(resolver, "www.certtrack.test", Type.A));
            assertEquals(List.of("0:0:0:0:0:0:0:1"), answers(resolver, "deep.name.certtrack.test", Type.AAAA));
            assertEquals(List.of("127.0.0.1"), answers(resolver, "localhost", Type.A));
            assertEquals(Rcode.NXDOMAIN, query(resolver, "example.com", Type.A).getRcode());
            assertEquals(List.of(), answers(resolver, "_acme-challenge.www.certtrack.test", Type.TXT));

            Result added = launcher(home, "dns", "add", "_acme-challenge.WWW.certtrack.test.", "txt", "token-value-1");
            assertEquals(0, added.code, added.output);
            assertTrue(
                    added.output.startsWith("added _acme-challenge.www.certtrack.test TXT token-value-1"),
                    added.output);
            assertEquals(0, launcher(home, "dns", "add", "shop.certtrack.test", "CNAME", "www.certtrack.test").code);

            assertEquals(
                    List.of("\"token-value-1\""), answers(resolver, "_acme-challenge.www.certtrack.test", Type.TXT));
            assertEquals(List.of("www.certtrack.test.", "127.0.0.1"), answers(resolver, "shop.certtrack.test", Type.A));
            Result list = launcher(home, "dns", "list");
            assertEquals(
                    "_acme-challenge.www.certtrack.test TXT token-value-1\nshop.certtrack.test CNAME www.certtrack.test",
                    list.output);

            Result removed = launcher(home, "dns", "remove", "_acme-challenge.www.certtrack.test");
            assertEquals("removed 1 record(s) of _acme-challenge.www.certtrack.test", removed.output);
            Thread.sleep(20); // a new modification time on coarse file systems
            assertEquals(List.of(), answers(resolver, "_acme-challenge.www.certtrack.test", Type.TXT));
            assertEquals("shop.certtrack.test CNAME www.certtrack.test", launcher(home, "dns", "list").output);
        }
    }

    @Test
    void unknownRecordTypeNamesTheAcceptedOnes(@TempDir Path home) throws Exception {
        Result result = launcher(home, "dns", "add", "www.certtrack.test", "MX", "mail.certtrack.test");
        assertEquals(1, result.code);
        assertEquals("certtrack: dns add: type must be one of TXT, CNAME, A, AAAA, not 'MX'", result.output);
    }

    private record Result(int code, String output) {}

    private static Result launcher(Path home, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(
                List.of("bash", Path.of("..", "bin", "certtrack").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("CERTTRACK_HOME", home.toString());
        Process process = builder.start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return new Result(process.exitValue(), output);
    }

    private static Message query(SimpleResolver resolver, String name, int type) throws Exception {
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, DClass.IN)));
    }

    private static List<String> answers(SimpleResolver resolver, String name, int type) throws Exception {
        return query(resolver, name, type).getSection(Section.ANSWER).stream()
                .map(Record::rdataToString)
                .toList();
    }
}
