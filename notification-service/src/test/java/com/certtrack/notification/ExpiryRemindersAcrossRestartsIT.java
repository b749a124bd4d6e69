package com.certtrack.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.CaOrderStatusChanged;
import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.DcvStatus;
import com.certtrack.contracts.DomainValidation;
import com.certtrack.contracts.IssuedCertificate;
import com.certtrack.contracts.OrderPlaced;
import com.certtrack.contracts.Product;
import com.certtrack.contracts.Topics;
import com.certtrack.testsupport.Mailbox;
import com.certtrack.testsupport.QuarkusProcess;
import com.certtrack.testsupport.TestInfrastructure;
import com.certtrack.testsupport.TopicWriter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * notification-service as its own process (the built jar), killed with SIGKILL while a reminder is claimed, and
 * restarted with its clock moved forward three times. Each threshold's e-mail arrives exactly once over IMAP; the
 * thresholds that fell due together with a later one are superseded, not sent.
 */
class ExpiryRemindersAcrossRestartsIT {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String MODULE = "notification-service";

    @Test
    void everyThresholdIsMailedExactlyOnceAcrossKillsRestartsAndClockMoves() throws Exception {
        var mail = TestInfrastructure.mail();
        String order = "CT-R" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String line = order + "-1";
        String email = "renew-" + UUID.randomUUID().toString().substring(0, 10) + "@example.com";
        String domain = "shop." + order.toLowerCase() + ".example";
        String serial = "7e" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);

        // 1. SMTP never answers: the 90-day reminder is queued and claimed for sending, then the process dies.
        // (The order confirmation and the issued notice are stuck behind the same SMTP server.)
        Instant notAfter;
        try (Blackhole smtp = new Blackhole()) {
            QuarkusProcess first = QuarkusProcess.start(MODULE, config(smtp.port(), Duration.ZERO, "3s", "10s"));
            notAfter = Instant.now()
                    .truncatedTo(ChronoUnit.SECONDS)
                    .plus(Duration.ofDays(90))
                    .plusSeconds(15);
            send(
                    Topics.ORDERS,
                    order,
                    OrderPlaced.of(
                            UUID.randomUUID(),
                            Instant.now(),
                            order,
                            new OrderPlaced.Customer("Grace Hopper", email, null),
                            List.of(new OrderPlaced.Line(
                                    line, Product.DV_SINGLE, List.of(domain), DcvMethod.HTTP_FILE, null, null))));
            send(
                    Topics.CA_ORDERS,
                    order,
                    CaOrderStatusChanged.of(
                            UUID.randomUUID(),
                            Instant.now(),
                            order,
                            line,
                            "CA-" + line,
                            "hash-" + line,
                            CaOrderStatus.ISSUED,
                            CaOrderStatus.PENDING_VALIDATION,
                            List.of(new DomainValidation(domain, DcvMethod.HTTP_FILE, DcvStatus.VALIDATED, null)),
                            new IssuedCertificate(
                                    serial,
                                    "ef".repeat(32),
                                    notAfter.minus(Duration.ofDays(200)),
                                    notAfter,
                                    "-----BEGIN CERTIFICATE-----\n..."),
                            null));
            await(
                    "the 90-day reminder claimed for sending",
                    Duration.ofSeconds(90),
                    () -> query(
                                    "SELECT count(*) FROM notification.reminder_due d JOIN notification.mail_job j "
                                            + "ON j.id = d.mail_job_id WHERE d.line_id = ? AND d.days = 90 AND d.status = 'QUEUED' "
                                            + "AND j.status = 'PENDING' AND j.attempts >= 1",
                                    line)
                            == 1);
            first.kill();
            assertTrue(smtp.connections() > 0, "the sender did try the SMTP server");
        }
        assertEquals(0, Mailbox.read(email).size());

        // 2. Real SMTP, clock just past 30 days before expiry: confirmation, issued and the claimed 90-day mail go
        // out once (same Message-IDs); 60 and 30 are both due, only the 30-day one is sent. Killed once it is
        // recorded as sent.
        QuarkusProcess second = QuarkusProcess.start(
                MODULE,
                config(
                        mail.smtpPort(),
                        offsetTo(notAfter.minus(Duration.ofDays(30)).plus(Duration.ofHours(1))),
                        "30s",
                        "60s"));
        Mailbox.await(email, 4, Duration.ofSeconds(90), Duration.ZERO);
        await(
                "the 30-day reminder recorded as sent",
                Duration.ofSeconds(30),
                () -> query(
                                "SELECT count(*) FROM notification.reminder_due d JOIN notification.mail_job j ON j.id = d.mail_job_id "
                                        + "WHERE d.line_id = ? AND d.days = 30 AND j.status = 'SENT'",
                                line)
                        == 1);
        second.kill();

        // 3. Three days before expiry (plus an hour): 7 and 3 are due together, only the 3-day one is sent.
        QuarkusProcess third = QuarkusProcess.start(
                MODULE,
                config(
                        mail.smtpPort(),
                        offsetTo(notAfter.minus(Duration.ofDays(3)).plus(Duration.ofHours(1))),
                        "30s",
                        "60s"));
        Mailbox.await(email, 5, Duration.ofSeconds(90), Duration.ZERO);
        third.kill();

        // 4. A week after expiry: the -7 reminder.
        try (QuarkusProcess fourth = QuarkusProcess.start(
                MODULE,
                config(
                        mail.smtpPort(),
                        offsetTo(notAfter.plus(Duration.ofDays(7)).plus(Duration.ofHours(1))),
                        "30s",
                        "60s"))) {
            Mailbox.await(email, 6, Duration.ofSeconds(90), Duration.ofSeconds(6));
        }

        List<Mailbox.Received> mails = Mailbox.read(email);
        Map<String, List<String>> subjects = mails.stream()
                .collect(Collectors.groupingBy(
                        Mailbox.Received::template,
                        TreeMap::new,
                        Collectors.mapping(Mailbox.Received::subject, Collectors.toList())));
        assertEquals(6, mails.size(), "mails: " + subjects);
        assertEquals(1, subjects.get("order-confirmation").size());
        assertEquals(1, subjects.get("issued").size());
        List<String> reminders = subjects.get("expiry-reminder");
        assertEquals(4, reminders.size(), "reminders: " + reminders);
        for (String expected :
                List.of("expires in 90 days", "expires in 30 days", "expires in 3 days", "expired 7 days ago")) {
            assertEquals(
                    1, reminders.stream().filter(s -> s.contains(expected)).count(), expected + " in " + reminders);
        }
        assertEquals(
                6, mails.stream().map(Mailbox.Received::messageId).distinct().count());
        assertEquals(
                Map.of(90, "QUEUED", 60, "SUPERSEDED", 30, "QUEUED", 7, "SUPERSEDED", 3, "QUEUED", -7, "QUEUED"),
                schedule(line));
        assertEquals(
                4,
                query(
                        "SELECT count(*) FROM notification.mail_job WHERE line_id = ? "
                                + "AND template = 'expiry-reminder' AND status = 'SENT'",
                        line));
    }

    /** The offset that puts the process's clock at {@code target} now (it runs on from there). */
    private static Duration offsetTo(Instant target) {
        return Duration.between(Instant.now(), target);
    }

    /**
     * @param sendTimeout short while SMTP is a black hole; generous after, so that a slow answer of a loaded SMTP
     *     server is not retried (a late acceptance would then show as a second copy with the same Message-ID)
     * @param lease longer than the send timeout, so that a slow send is not claimed a second time; a restarted
     *     process sees the previous one's leases expired at once, its clock having moved forward by days
     */
    private static Map<String, String> config(int smtpPort, Duration clockOffset, String sendTimeout, String lease) {
        var db = TestInfrastructure.database();
        Map<String, String> config = new HashMap<>(TestInfrastructure.keys());
        config.put("kafka.bootstrap.servers", TestInfrastructure.kafka().bootstrapServers());
        config.put("quarkus.datasource.jdbc.url", db.jdbcUrl());
        config.put("quarkus.datasource.username", db.user());
        config.put("quarkus.datasource.password", db.password());
        config.put("quarkus.mailer.host", TestInfrastructure.mail().host());
        config.put("quarkus.mailer.port", Integer.toString(smtpPort));
        config.put("certtrack.notification.clock-offset", clockOffset.toString());
        config.put("certtrack.notification.reminders.interval", "1s");
        config.put("certtrack.notification.delivery.lease", lease);
        config.put("certtrack.notification.delivery.send-timeout", sendTimeout);
        config.put("certtrack.notification.delivery.initial-backoff", "500ms");
        config.put("certtrack.notification.delivery.max-backoff", "1s");
        config.put("certtrack.notification.delivery.max-attempts", "1000");
        return config;
    }

    private static void send(String topic, String key, Object event) throws IOException {
        TopicWriter.send(topic, key, JSON.writeValueAsString(event));
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(deadline), "timed out waiting for " + what);
            Mailbox.sleep(250);
        }
    }

    private static Connection connect() throws SQLException {
        var db = TestInfrastructure.database();
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    private static int query(String sql, String parameter) {
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            return -1; // schema not migrated yet
        }
    }

    private static Map<Integer, String> schedule(String line) throws SQLException {
        Map<Integer, String> rows = new TreeMap<>();
        try (Connection c = connect();
                PreparedStatement s =
                        c.prepareStatement("SELECT days, status FROM notification.reminder_due WHERE line_id = ?")) {
            s.setString(1, line);
            try (ResultSet result = s.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getInt(1), result.getString(2));
                }
            }
        }
        return rows;
    }

    /** An SMTP port that accepts connections and never says a word: every send hangs until its timeout. */
    private static final class Blackhole implements AutoCloseable {

        private final ServerSocket server;
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();

        Blackhole() {
            try {
                server = new ServerSocket(0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread acceptor = new Thread(
                    () -> {
                        while (!server.isClosed()) {
                            try {
                                accepted.add(server.accept());
                            } catch (IOException e) {
                                return;
                            }
                        }
                    },
                    "smtp-blackhole");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int connections() {
            return accepted.size();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : new ArrayList<>(accepted)) {
                socket.close();
            }
        }
    }
}
