package com.certtrack.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.CaOrderStatusChanged;
import com.certtrack.contracts.CaOrderSubmitted;
import com.certtrack.contracts.CaasProvisioned;
import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.IssuedCertificate;
import com.certtrack.contracts.OrderPlaced;
import com.certtrack.contracts.Product;
import com.certtrack.contracts.Topics;
import com.certtrack.support.events.EventCodec;
import com.certtrack.support.links.LinkToken;
import com.certtrack.testsupport.CertTrackTestResource;
import com.certtrack.testsupport.Mailbox;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
class OrderMailsTest {

    private static final Duration MAIL_TIMEOUT = Duration.ofSeconds(40);
    private static final Pattern TRACK_LINK = Pattern.compile("/track\\?t=([A-Za-z0-9_.-]+)");

    @Inject
    EventCodec codec;

    @Inject
    AgroalDataSource db;

    private Events events;

    @BeforeEach
    void producer() {
        events = new Events(codec);
    }

    @AfterEach
    void closeProducer() {
        events.close();
    }

    @Test
    void threeLineOrderMailsConfirmationOneShipmentPerLineAndCaasNoticesOnceEvenWhenRedelivered() {
        String order = Events.newOrderNumber();
        String email = Events.newRecipient();
        String ref1 = Events.newReference();
        String ref2 = Events.newReference();
        String caasRef = Events.newReference();
        String hmacKey = "hmac-" + UUID.randomUUID();
        Instant orderedAt = Instant.parse("2026-11-20T09:15:00Z");

        OrderPlaced placed = Events.orderPlaced(
                order,
                email,
                List.of(
                        Events.certificateLine("L1", Product.DV_SINGLE, DcvMethod.DNS_TXT, "www.example.org"),
                        Events.certificateLine(
                                "L2", Product.OV_MULTI, DcvMethod.HTTP_FILE, "shop.example.org", "api.example.org"),
                        Events.caasLine("L3")));
        CaOrderSubmitted line1 = Events.submitted(
                order,
                "L1",
                Product.DV_SINGLE,
                ref1,
                CaOrderStatus.PENDING_VALIDATION,
                List.of(Events.pending(
                        "www.example.org",
                        DcvMethod.DNS_TXT,
                        "Create a TXT record _dnsauth.www.example.org with the value tok-7f3a")));
        CaOrderSubmitted line2 = Events.submitted(
                order,
                "L2",
                Product.OV_MULTI,
                ref2,
                CaOrderStatus.SUBMITTED,
                List.of(
                        Events.validated("shop.example.org", DcvMethod.HTTP_FILE),
                        Events.validated("api.example.org", DcvMethod.HTTP_FILE)));
        CaasProvisioned caas = Events.caasProvisioned(order, "L3", caasRef, hmacKey, orderedAt);

        events.send(Topics.ORDERS, placed);
        events.send(Topics.CA_ORDERS, line1);
        events.send(Topics.CA_ORDERS, line2);
        events.send(Topics.CAAS, caas);

        List<Mailbox.Received> mails = Mailbox.await(email, 6, MAIL_TIMEOUT, Duration.ofSeconds(2));
        Map<String, List<Mailbox.Received>> byTemplate = byTemplate(mails);
        assertEquals(6, mails.size(), "mails: " + byTemplate.keySet());
        assertEquals(1, byTemplate.get("order-confirmation").size());
        assertEquals(2, byTemplate.get("shipment").size());
        assertEquals(1, byTemplate.get("validation-instructions").size());
        assertEquals(1, byTemplate.get("caas-shipment").size());
        assertEquals(1, byTemplate.get("caas-credentials").size());

        Mailbox.Received confirmation = byTemplate.get("order-confirmation").get(0);
        assertTrue(confirmation.subject().contains(order));
        assertTrue(confirmation.text().contains("www.example.org")
                && confirmation.text().contains("L2"));
        assertTrue(confirmation.from().contains("no-reply@certtrack.example"), confirmation.from());
        assertEquals(expectedMessageId(placed.eventId(), "order-confirmation", email), confirmation.messageId());

        Mailbox.Received shipment1 = shipmentFor(byTemplate.get("shipment"), "L1");
        Mailbox.Received shipment2 = shipmentFor(byTemplate.get("shipment"), "L2");
        assertTrue(shipment1.text().contains(ref1), "line 1 carries its CA Reference");
        assertTrue(shipment1.html().contains(ref1), "in the HTML part too");
        assertFalse(shipment1.text().contains(ref2) || shipment1.text().contains(caasRef));
        assertTrue(shipment2.text().contains(ref2), "line 2 carries its CA Reference");
        assertFalse(shipment2.text().contains(ref1));
        assertTrue(shipment1.text().contains("CANNOT BE") && shipment1.text().contains("RECOVERED"));
        assertTrue(shipment1.html().contains("cannot be recovered"));
        for (Mailbox.Received mail : mails) {
            assertTrue(
                    mail.text().contains("Supplier Order") && mail.html().contains("Supplier Order Number"),
                    "footer explains the legacy name in " + mail.template());
            assertFalse(mail.text().contains(hmacKey) || mail.html().contains(hmacKey), "never the EAB HMAC key");
            assertFalse(mail.html().isBlank(), "HTML part in " + mail.template());
        }
        for (Mailbox.Received mail : List.of(
                confirmation,
                byTemplate.get("validation-instructions").get(0),
                byTemplate.get("caas-credentials").get(0))) {
            assertFalse(
                    mail.text().contains(ref1)
                            || mail.text().contains(ref2)
                            || mail.text().contains(caasRef),
                    mail.template() + " carries no CA Reference");
        }

        // The link opens the portal for that line with a signed token, not the reference.
        LinkToken.Claims claims = linkClaims(shipment1);
        assertEquals("L1", claims.lineId());
        assertEquals(order, claims.orderNumber());
        assertEquals(LinkToken.Purpose.LINK, claims.purpose(), "an e-mail link shows the status only");
        assertTrue(
                Duration.between(Instant.now(), claims.expiresAt()).compareTo(Duration.ofHours(72)) <= 0,
                "a link lasts at most 72 h");
        assertTrue(shipment1.text().contains("http://localhost:8080/track?t="));

        Mailbox.Received validation = byTemplate.get("validation-instructions").get(0);
        assertTrue(validation.text().contains("_dnsauth.www.example.org")
                && validation.text().contains("tok-7f3a"));
        assertTrue(validation.text().contains("DNS TXT record"));

        assertTrue(byTemplate.get("caas-shipment").get(0).text().contains(caasRef));
        Mailbox.Received credentials = byTemplate.get("caas-credentials").get(0);
        assertTrue(credentials.text().contains("27 November 2026, 09:15 UTC"), "reveal deadline = order date + 7 days");
        assertTrue(credentials.text().contains("http://localhost:8080/track"), "where to reveal");
        assertTrue(credentials.text().contains(caas.eabKeyId()));
        assertEquals("L3", linkClaims(credentials).lineId());

        // Redelivery of the same events (same eventIds) mails nothing new; a later event still does.
        events.send(Topics.ORDERS, placed);
        events.send(Topics.CAAS, caas);
        events.send(Topics.CA_ORDERS, line1);
        events.send(Topics.CA_ORDERS, line2);
        events.send(
                Topics.CA_ORDERS,
                CaOrderStatusChanged.of(
                        UUID.randomUUID(),
                        Events.now(),
                        order,
                        "L2",
                        line2.caOrderId(),
                        line2.caReferenceHash(),
                        CaOrderStatus.ISSUED,
                        CaOrderStatus.SUBMITTED,
                        line2.domains(),
                        certificate(),
                        null));
        List<Mailbox.Received> after = Mailbox.await(email, 7, MAIL_TIMEOUT, Duration.ofSeconds(3));
        Map<String, List<Mailbox.Received>> afterByTemplate = byTemplate(after);
        assertEquals(7, after.size(), "only the new issued notice: " + afterByTemplate.keySet());
        assertEquals(1, afterByTemplate.get("issued").size());

        // Operators see one NotificationSent per mail, without any secret.
        try (Topic sent = new Topic(Topics.NOTIFICATIONS)) {
            List<ConsumerRecord<String, String>> records =
                    sent.await(r -> order.equals(r.key()), 7, Duration.ofSeconds(20), Duration.ofSeconds(1));
            assertEquals(7, records.size());
            for (ConsumerRecord<String, String> record : records) {
                assertTrue(record.value().contains(email) && record.value().contains("\"template\""));
                assertEquals("NotificationSent", Topic.header(record, "ce_type"));
                assertFalse(record.value().contains(ref1)
                        || record.value().contains(ref2)
                        || record.value().contains(caasRef));
            }
        }
    }

    @Test
    void shipmentArrivingBeforeItsOrderIsMailedOnceTheOrderArrives() throws SQLException {
        String order = Events.newOrderNumber();
        String email = Events.newRecipient();
        String reference = Events.newReference();
        CaOrderSubmitted early = Events.submitted(
                order,
                "L1",
                Product.DV_WILDCARD,
                reference,
                CaOrderStatus.SUBMITTED,
                List.of(Events.validated("*.early.example.org", DcvMethod.DNS_CNAME)));

        events.send(Topics.CA_ORDERS, early);
        awaitCount("SELECT count(*) FROM parked_event WHERE order_number = ?", order, 1);
        assertEquals(0, Mailbox.read(email).size());

        events.send(
                Topics.ORDERS,
                Events.orderPlaced(
                        order,
                        email,
                        List.of(Events.certificateLine(
                                "L1", Product.DV_WILDCARD, DcvMethod.DNS_CNAME, "*.early.example.org"))));

        List<Mailbox.Received> mails = Mailbox.await(email, 2, MAIL_TIMEOUT, Duration.ofSeconds(2));
        Map<String, List<Mailbox.Received>> byTemplate = byTemplate(mails);
        assertEquals(2, mails.size(), "mails: " + byTemplate.keySet());
        assertTrue(byTemplate.get("shipment").get(0).text().contains(reference));
        assertEquals(1, byTemplate.get("order-confirmation").size());
        assertEquals(0, count("SELECT count(*) FROM parked_event WHERE order_number = ?", order));
    }

    @Test
    void issuedAndReissuedNotices() {
        String order = Events.newOrderNumber();
        String email = Events.newRecipient();
        events.send(
                Topics.ORDERS,
                Events.orderPlaced(
                        order,
                        email,
                        List.of(Events.certificateLine("L1", Product.EV_SINGLE, DcvMethod.EMAIL, "bank.example.org"))));
        var domains = List.of(Events.validated("bank.example.org", DcvMethod.EMAIL));
        events.send(Topics.CA_ORDERS, changed(order, CaOrderStatus.ISSUED, CaOrderStatus.PENDING_VALIDATION, domains));
        events.send(Topics.CA_ORDERS, changed(order, CaOrderStatus.REISSUE_PENDING, CaOrderStatus.ISSUED, domains));
        events.send(Topics.CA_ORDERS, changed(order, CaOrderStatus.ISSUED, CaOrderStatus.REISSUE_PENDING, domains));

        List<Mailbox.Received> mails = Mailbox.await(email, 3, MAIL_TIMEOUT, Duration.ofSeconds(2));
        Map<String, List<Mailbox.Received>> byTemplate = byTemplate(mails);
        assertEquals(3, mails.size(), "mails: " + byTemplate.keySet());
        Mailbox.Received issued = byTemplate.get("issued").get(0);
        Mailbox.Received reissued = byTemplate.get("reissued").get(0);
        assertTrue(issued.subject().startsWith("Certificate issued for bank.example.org"));
        assertTrue(issued.text().contains("ISSUED") && issued.text().contains("0A1B2C3D"));
        assertTrue(reissued.subject().startsWith("Certificate reissued"));
        assertTrue(reissued.text().contains("REISSUED"));
        assertEquals("L1", linkClaims(reissued).lineId());
    }

    @Test
    void poisonRecordGoesToTheDeadLetterTopicAndLaterEventsAreStillMailed() {
        String poisonKey = "poison-" + UUID.randomUUID();
        events.sendRaw(new ProducerRecord<>(Topics.ORDERS, poisonKey, "{\"eventType\":\"OrderPlaced\", oops"));
        String order = Events.newOrderNumber();
        String email = Events.newRecipient();
        events.send(
                Topics.ORDERS,
                Events.orderPlaced(
                        order,
                        email,
                        List.of(Events.certificateLine(
                                "L1", Product.DV_SINGLE, DcvMethod.HTTP_FILE, "after.example.org"))));

        try (Topic dlq = new Topic(Topics.deadLetter(Topics.ORDERS))) {
            List<ConsumerRecord<String, String>> dead =
                    dlq.await(r -> poisonKey.equals(r.key()), 1, Duration.ofSeconds(30), Duration.ZERO);
            assertEquals(1, dead.size());
            assertTrue(dead.get(0).value().contains("oops"));
            assertNotNull(Topic.header(dead.get(0), "dead-letter-reason"));
        }
        assertEquals(1, Mailbox.await(email, 1, MAIL_TIMEOUT, Duration.ZERO).size());
    }

    /** Records sent together mostly arrive in one poll: the poison one must not take its neighbours to the .dlq. */
    @Test
    void aPoisonRecordAmongGoodOnesOfOnePollIsDeadLetteredAloneAndEachGoodOneIsMailedOnce() {
        String before = Events.newOrderNumber();
        String after = Events.newOrderNumber();
        String beforeEmail = Events.newRecipient();
        String afterEmail = Events.newRecipient();
        String poisonKey = "poison-" + UUID.randomUUID();
        events.sendAsync(
                Topics.ORDERS,
                Events.orderPlaced(
                        before,
                        beforeEmail,
                        List.of(Events.certificateLine(
                                "L1", Product.DV_SINGLE, DcvMethod.HTTP_FILE, "before.example.org"))));
        events.sendRaw(new ProducerRecord<>(Topics.ORDERS, poisonKey, "{\"eventType\":\"OrderPlaced\", oops"));
        events.sendAsync(
                Topics.ORDERS,
                Events.orderPlaced(
                        after,
                        afterEmail,
                        List.of(Events.certificateLine(
                                "L1", Product.DV_SINGLE, DcvMethod.HTTP_FILE, "after.example.org"))));
        events.flush();

        try (Topic dlq = new Topic(Topics.deadLetter(Topics.ORDERS))) {
            List<ConsumerRecord<String, String>> dead = dlq.await(
                    r -> poisonKey.equals(r.key()) || before.equals(r.key()) || after.equals(r.key()),
                    1,
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(3));
            assertEquals(
                    List.of(poisonKey), dead.stream().map(ConsumerRecord::key).toList());
        }
        assertEquals(
                1,
                Mailbox.await(beforeEmail, 1, MAIL_TIMEOUT, Duration.ofSeconds(2))
                        .size());
        assertEquals(
                1,
                Mailbox.await(afterEmail, 1, MAIL_TIMEOUT, Duration.ofSeconds(2))
                        .size());
    }

    @Test
    void referenceNotSealedForThisServiceIsDeadLetteredWithTheReasonAndNeverMailed() throws SQLException {
        String order = Events.newOrderNumber();
        String email = Events.newRecipient();
        events.send(
                Topics.ORDERS,
                Events.orderPlaced(
                        order,
                        email,
                        List.of(Events.certificateLine(
                                "L1", Product.DV_SINGLE, DcvMethod.HTTP_FILE, "wrong.example.org"))));
        events.send(
                Topics.CA_ORDERS,
                Events.submittedSealed(
                        order,
                        "L1",
                        Product.DV_SINGLE,
                        Events.sealForEab(Events.newReference()),
                        CaOrderStatus.SUBMITTED,
                        List.of()));

        try (Topic dlq = new Topic(Topics.deadLetter(Topics.CA_ORDERS))) {
            List<ConsumerRecord<String, String>> dead =
                    dlq.await(r -> order.equals(r.key()), 1, Duration.ofSeconds(30), Duration.ZERO);
            assertEquals(1, dead.size());
            assertTrue(Topic.header(dead.get(0), "dead-letter-reason").contains("cannot be unsealed"));
            assertTrue(dead.get(0).value().contains("\"template\":\"shipment\""));
        }
        List<Mailbox.Received> mails = Mailbox.await(email, 1, MAIL_TIMEOUT, Duration.ofSeconds(1));
        assertEquals(
                List.of("order-confirmation"),
                mails.stream().map(Mailbox.Received::template).toList());
        assertEquals(1, count("SELECT count(*) FROM mail_job WHERE order_number = ? AND status = 'DEAD'", order));
    }

    @Test
    void noCaReferenceInTheSchemaNorInNotificationSentNorInTheLog() throws Exception {
        // An order of its own, so the scan has references to look for whatever ran before.
        String order = Events.newOrderNumber();
        String email = Events.newRecipient();
        String reference = Events.newReference();
        events.send(
                Topics.ORDERS,
                Events.orderPlaced(
                        order,
                        email,
                        List.of(Events.certificateLine("L1", Product.OV_SINGLE, DcvMethod.EMAIL, "scan.example.org"))));
        events.send(
                Topics.CA_ORDERS,
                Events.submitted(
                        order,
                        "L1",
                        Product.OV_SINGLE,
                        reference,
                        CaOrderStatus.SUBMITTED,
                        List.of(Events.validated("scan.example.org", DcvMethod.EMAIL))));
        List<Mailbox.Received> mails = Mailbox.await(email, 2, MAIL_TIMEOUT, Duration.ZERO);
        assertTrue(mails.stream().anyMatch(m -> m.text().contains(reference)), "the reference was mailed");

        List<String> forms = Events.SEALED_REFERENCES.stream()
                .flatMap(r -> java.util.stream.Stream.of(r, r.replace("-", "")))
                .toList();
        int scannedColumns = 0;
        try (Connection connection = db.getConnection()) {
            List<String[]> columns = textColumns(connection);
            for (String[] column : columns) {
                scannedColumns++;
                String sql = "SELECT count(*) FROM notification.\"" + column[0] + "\" WHERE upper(\"" + column[1]
                        + "\"::text) LIKE ?";
                for (String form : forms) {
                    try (PreparedStatement query = connection.prepareStatement(sql)) {
                        query.setString(1, "%" + form + "%");
                        try (ResultSet rows = query.executeQuery()) {
                            rows.next();
                            assertEquals(0, rows.getInt(1), "a CA Reference in " + column[0] + "." + column[1]);
                        }
                    }
                }
            }
        }
        assertTrue(scannedColumns >= 10, "scanned " + scannedColumns + " text columns");

        try (Topic sent = new Topic(Topics.NOTIFICATIONS)) {
            List<ConsumerRecord<String, String>> all = sent.all(Duration.ofSeconds(2));
            assertTrue(all.stream().anyMatch(r -> order.equals(r.key())), "NotificationSent of this order read");
            for (ConsumerRecord<String, String> record : all) {
                for (String form : forms) {
                    assertFalse(record.value().toUpperCase().contains(form), "a CA Reference in NotificationSent");
                }
            }
        }

        String log = java.nio.file.Files.readString(
                        java.nio.file.Path.of("target/notification-test.log"), StandardCharsets.UTF_8)
                .toUpperCase();
        assertTrue(log.contains("NOTIFICATION-SERVICE"), "the service log file is the one scanned");
        for (String form : forms) {
            assertFalse(log.contains(form), "a CA Reference in the log");
        }
    }

    private static List<String[]> textColumns(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT table_name, column_name "
                + "FROM information_schema.columns WHERE table_schema = 'notification' "
                + "AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')")) {
            try (ResultSet rows = query.executeQuery()) {
                List<String[]> columns = new java.util.ArrayList<>();
                while (rows.next()) {
                    columns.add(new String[] {rows.getString(1), rows.getString(2)});
                }
                return columns;
            }
        }
    }

    private static CaOrderStatusChanged changed(
            String order,
            CaOrderStatus status,
            CaOrderStatus previous,
            List<com.certtrack.contracts.DomainValidation> domains) {
        return CaOrderStatusChanged.of(
                UUID.randomUUID(),
                Events.now(),
                order,
                "L1",
                "CA-1",
                "hash-L1",
                status,
                previous,
                domains,
                status == CaOrderStatus.ISSUED ? certificate() : null,
                null);
    }

    private static IssuedCertificate certificate() {
        Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new IssuedCertificate("0A1B2C3D", "ab:cd", from, from.plus(Duration.ofDays(199)), "-----BEGIN...");
    }

    private static Map<String, List<Mailbox.Received>> byTemplate(List<Mailbox.Received> mails) {
        return mails.stream().collect(Collectors.groupingBy(Mailbox.Received::template));
    }

    private static Mailbox.Received shipmentFor(List<Mailbox.Received> shipments, String lineId) {
        return shipments.stream()
                .filter(m -> lineId.equals(linkClaims(m).lineId()))
                .findFirst()
                .orElseThrow();
    }

    private static LinkToken.Claims linkClaims(Mailbox.Received mail) {
        Matcher link = TRACK_LINK.matcher(mail.text());
        assertTrue(link.find(), "a portal link in " + mail.template());
        return LinkToken.fromBase64Key(Events.key("link-signing"))
                .verify(link.group(1), Instant.now())
                .orElseThrow(() -> new AssertionError("the link token does not verify"));
    }

    private static String expectedMessageId(UUID eventId, String template, String recipient) {
        String name = eventId + "|" + template + "|" + recipient.toLowerCase();
        return "<" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)) + "@notification.certtrack.example>";
    }

    private int count(String sql, String parameter) throws SQLException {
        return Rows.count(db, sql, parameter);
    }

    private void awaitCount(String sql, String parameter, int expected) throws SQLException {
        Rows.awaitCount(db, sql, parameter, expected);
    }
}
