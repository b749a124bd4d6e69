package com.certtrack.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.CaOrderStatusChanged;
import com.certtrack.contracts.CertTrackEvent;
import com.certtrack.contracts.CertificateRevoked;
import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.IssuedCertificate;
import com.certtrack.contracts.OrderPlaced;
import com.certtrack.contracts.Product;
import com.certtrack.contracts.RevocationReason;
import com.certtrack.contracts.RevokeRequested;
import com.certtrack.contracts.Topics;
import com.certtrack.support.events.EventCodec;
import com.certtrack.testsupport.CertTrackTestResource;
import com.certtrack.testsupport.Mailbox;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** E-mails for a cancelled line, a revoked line and revoked superseded certificates, read over IMAP. */
@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
class LifecycleMailsTest {

    private static final Duration MAIL_TIMEOUT = Duration.ofSeconds(40);

    @Inject
    EventCodec codec;

    @Inject
    AgroalDataSource db;

    @Test
    void aCancelledLineGetsOneCancellationMailWithTheReason() throws SQLException {
        String order = Events.newOrderNumber();
        String line = order + "-1";
        String email = Events.newRecipient();
        OrderPlaced placed = Events.orderPlaced(
                order,
                email,
                List.of(Events.certificateLine(line, Product.DV_SINGLE, DcvMethod.DNS_TXT, "cancel.example.org")));
        CaOrderStatusChanged cancelled = CaOrderStatusChanged.of(
                UUID.randomUUID(),
                Events.now(),
                order,
                line,
                "CA-1",
                "hash",
                CaOrderStatus.CANCELLED,
                CaOrderStatus.PENDING_VALIDATION,
                List.of(Events.pending("cancel.example.org", DcvMethod.DNS_TXT, "TXT record")),
                null,
                "Cancelled at the customer's request: ordered twice");
        // Behind the duplicate on the same partition (same order): the CA reporting the same status again, which
        // mails nothing. Once this one is consumed, so is the duplicate.
        CaOrderStatusChanged stillCancelled = CaOrderStatusChanged.of(
                UUID.randomUUID(),
                Events.now(),
                order,
                line,
                "CA-1",
                "hash",
                CaOrderStatus.CANCELLED,
                CaOrderStatus.CANCELLED,
                cancelled.domains(),
                null,
                cancelled.reason());
        try (Events events = new Events(codec)) {
            events.send(Topics.ORDERS, placed);
            events.send(Topics.CA_ORDERS, cancelled);
            events.send(Topics.CA_ORDERS, cancelled);
            events.send(Topics.CA_ORDERS, stillCancelled);
        }
        Mailbox.await(email, 2, MAIL_TIMEOUT, Duration.ZERO);
        Rows.awaitMailed(db, order, placed.eventId(), cancelled.eventId(), stillCancelled.eventId());
        Map<String, List<Mailbox.Received>> mails = byTemplate(Mailbox.read(email));
        assertEquals(
                List.of("cancelled", "order-confirmation"),
                mails.keySet().stream().sorted().toList());
        Mailbox.Received mail = mails.get("cancelled").get(0);
        assertEquals(1, mails.get("cancelled").size());
        assertTrue(mail.subject().contains("cancelled") && mail.subject().contains("cancel.example.org"));
        assertTrue(mail.text().contains("CANCELLED") && mail.text().contains(line));
        assertTrue(mail.text().contains("Reason: Cancelled at the customer's request: ordered twice"));
        assertTrue(mail.html().contains("ordered twice"));
    }

    @Test
    void aRevokedLineGetsOneRevocationMailInPlainWordsAndNoSeparateMailForItsCurrentCertificate() throws SQLException {
        String order = Events.newOrderNumber();
        String line = order + "-1";
        String email = Events.newRecipient();
        IssuedCertificate certificate = certificate("0a1b2c3d01", 90);
        List<UUID> sent = new ArrayList<>();
        try (Events events = new Events(codec)) {
            send(
                    events,
                    sent,
                    Topics.ORDERS,
                    Events.orderPlaced(
                            order,
                            email,
                            List.of(Events.certificateLine(
                                    line, Product.OV_SINGLE, DcvMethod.HTTP_FILE, "revoke.example.org"))));
            send(
                    events,
                    sent,
                    Topics.CA_ORDERS,
                    issued(order, line, "revoke.example.org", certificate, CaOrderStatus.PENDING_VALIDATION));
            send(
                    events,
                    sent,
                    Topics.TRACKING_COMMANDS,
                    RevokeRequested.of(
                            UUID.randomUUID(),
                            Events.now(),
                            order,
                            line,
                            List.of("0A:1B:2C:3D:01"),
                            RevocationReason.KEY_COMPROMISE));
            send(
                    events,
                    sent,
                    Topics.CA_ORDERS,
                    CertificateRevoked.of(
                            UUID.randomUUID(),
                            Events.now(),
                            order,
                            line,
                            "hash",
                            certificate.serialNumber(),
                            RevocationReason.KEY_COMPROMISE,
                            Events.now()));
            send(
                    events,
                    sent,
                    Topics.CA_ORDERS,
                    CaOrderStatusChanged.of(
                            UUID.randomUUID(),
                            Events.now(),
                            order,
                            line,
                            "CA-1",
                            "hash",
                            CaOrderStatus.REVOKED,
                            CaOrderStatus.ISSUED,
                            List.of(Events.validated("revoke.example.org", DcvMethod.HTTP_FILE)),
                            certificate,
                            "KEY_COMPROMISE"));
        }
        Mailbox.await(email, 3, MAIL_TIMEOUT, Duration.ZERO);
        Rows.awaitMailed(db, order, sent.toArray(UUID[]::new));
        Map<String, List<Mailbox.Received>> mails = byTemplate(Mailbox.read(email));
        assertEquals(
                List.of("issued", "order-confirmation", "revoked"),
                mails.keySet().stream().sorted().toList());
        assertEquals(1, mails.get("revoked").size());
        Mailbox.Received mail = mails.get("revoked").get(0);
        assertTrue(mail.subject().contains("revoked") && mail.subject().contains(order));
        assertTrue(mail.text().contains("REVOKED") && mail.text().contains("0a1b2c3d01"));
        assertTrue(mail.text().contains("key compromise: the private key is known or suspected"), mail.text());
        assertTrue(mail.text().contains("no reminders will follow"));
        assertEquals(
                0,
                count("SELECT count(*) FROM reminder_due WHERE line_id = ? AND status = 'PENDING'", line),
                "a revoked line gets no reminders");
    }

    @Test
    void revokedSupersededCertificatesOfOneRequestAreMailedTogether() throws SQLException {
        String order = Events.newOrderNumber();
        String line = order + "-1";
        String email = Events.newRecipient();
        IssuedCertificate first = certificate("51a001", 200);
        IssuedCertificate second = certificate("51a002", 200);
        IssuedCertificate current = certificate("51a003", 200);
        List<UUID> sent = new ArrayList<>();
        try (Events events = new Events(codec)) {
            send(
                    events,
                    sent,
                    Topics.ORDERS,
                    Events.orderPlaced(
                            order,
                            email,
                            List.of(Events.certificateLine(
                                    line,
                                    Product.DV_MULTI,
                                    DcvMethod.DNS_TXT,
                                    "a.super.example.org",
                                    "b.super.example.org"))));
            send(
                    events,
                    sent,
                    Topics.CA_ORDERS,
                    issued(order, line, "a.super.example.org", first, CaOrderStatus.PENDING_VALIDATION));
            send(
                    events,
                    sent,
                    Topics.CA_ORDERS,
                    issued(order, line, "a.super.example.org", second, CaOrderStatus.REISSUE_PENDING));
            send(
                    events,
                    sent,
                    Topics.CA_ORDERS,
                    issued(order, line, "a.super.example.org", current, CaOrderStatus.REISSUE_PENDING));
            send(
                    events,
                    sent,
                    Topics.TRACKING_COMMANDS,
                    RevokeRequested.of(
                            UUID.randomUUID(),
                            Events.now(),
                            order,
                            line,
                            List.of(first.serialNumber(), second.serialNumber()),
                            RevocationReason.SUPERSEDED));
            awaitCount("SELECT count(*) FROM revoke_request WHERE line_id = ?", line, 1);
            for (IssuedCertificate revoked : List.of(first, second)) {
                send(
                        events,
                        sent,
                        Topics.CA_ORDERS,
                        CertificateRevoked.of(
                                UUID.randomUUID(),
                                Events.now(),
                                order,
                                line,
                                "hash",
                                revoked.serialNumber(),
                                RevocationReason.SUPERSEDED,
                                Events.now()));
            }
        }
        Mailbox.await(email, 5, MAIL_TIMEOUT, Duration.ZERO);
        Rows.awaitMailed(db, order, sent.toArray(UUID[]::new)); // the grouped mail waits out the grouping period
        Map<String, List<Mailbox.Received>> mails = byTemplate(Mailbox.read(email));
        assertEquals(1, mails.get("certificates-revoked").size(), "one e-mail for the request: " + mails.keySet());
        assertEquals(2, mails.get("reissued").size());
        Mailbox.Received mail = mails.get("certificates-revoked").get(0);
        assertTrue(mail.subject().contains("Earlier certificates revoked"), mail.subject());
        assertTrue(mail.text().contains("- 51a001") && mail.text().contains("- 51a002"), mail.text());
        assertFalse(mail.text().contains("51a003"), "the current certificate is not affected");
        assertTrue(mail.text().contains("superseded: the certificate has been replaced by a newer one"));
        assertTrue(mail.html().contains("<li>51a001</li>") && mail.html().contains("<li>51a002</li>"));
    }

    private static void send(Events events, List<UUID> sent, String topic, CertTrackEvent event) {
        events.send(topic, event);
        sent.add(event.eventId());
    }

    private static CaOrderStatusChanged issued(
            String order, String line, String domain, IssuedCertificate cert, CaOrderStatus previous) {
        return CaOrderStatusChanged.of(
                UUID.randomUUID(),
                Events.now(),
                order,
                line,
                "CA-1",
                "hash",
                CaOrderStatus.ISSUED,
                previous,
                List.of(Events.validated(domain, DcvMethod.HTTP_FILE)),
                cert,
                null);
    }

    private static IssuedCertificate certificate(String serial, int daysLeft) {
        Instant notAfter = Events.now().plus(Duration.ofDays(daysLeft));
        return new IssuedCertificate(
                serial,
                "cd".repeat(32),
                notAfter.minus(Duration.ofDays(200)),
                notAfter,
                "-----BEGIN CERTIFICATE-----\n...");
    }

    private static Map<String, List<Mailbox.Received>> byTemplate(List<Mailbox.Received> mails) {
        return mails.stream().collect(Collectors.groupingBy(Mailbox.Received::template));
    }

    private int count(String sql, String parameter) throws SQLException {
        return Rows.count(db, sql, parameter);
    }

    private void awaitCount(String sql, String parameter, int expected) throws SQLException {
        Rows.awaitCount(db, sql, parameter, expected);
    }
}
