package com.certtrack.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.CaOrderStatusChanged;
import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.IssuedCertificate;
import com.certtrack.contracts.OrderPlaced;
import com.certtrack.contracts.Product;
import com.certtrack.contracts.ReminderSettingsChanged;
import com.certtrack.contracts.Topics;
import com.certtrack.notification.mail.MailJobs;
import com.certtrack.notification.mail.MailTemplate;
import com.certtrack.notification.reminders.ReminderSchedule;
import com.certtrack.support.events.EventCodec;
import com.certtrack.support.links.LinkToken;
import com.certtrack.testsupport.CertTrackTestResource;
import com.certtrack.testsupport.Mailbox;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Expiry reminders with the real clock: each certificate's 30-day threshold falls due ~25 s after it is sent, so
 * the settings, reissues, renewals and revocations sent before then decide what arrives over IMAP.
 */
@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
class ExpiryRemindersTest {

    private static final Duration DUE_IN = Duration.ofSeconds(25);
    private static final String UNDECIDED_OR_UNSENT = "SELECT count(*) FROM reminder_due d LEFT JOIN mail_job j "
            + "ON j.id = d.mail_job_id WHERE d.line_id = ? AND d.due_at <= now() "
            + "AND (d.status = 'PENDING' OR j.status = 'PENDING')";
    private static final Pattern TRACK_LINK = Pattern.compile("/track\\?t=([A-Za-z0-9_.-]+)");

    @Inject
    EventCodec codec;

    @Inject
    AgroalDataSource db;

    /** One certificate line of its own order, with its own recipient. */
    private record Line(String order, String lineId, String email, String domain) {
        static Line create(String name) {
            String order = Events.newOrderNumber();
            return new Line(order, order + "-1", Events.newRecipient(), name + "." + order.toLowerCase() + ".example");
        }
    }

    @Test
    void settingsReissuesRenewalsAndRevocationsDecideWhichRemindersGoOut() throws Exception {
        Instant thirtyDaysDue = Events.now().plus(DUE_IN);
        Instant notAfter = thirtyDaysDue.plus(Duration.ofDays(30));
        Line defaults = Line.create("defaults");
        Line off = Line.create("off");
        Line only30 = Line.create("only30");
        Line only7 = Line.create("only7");
        Line offLater = Line.create("offlater");
        Line reissued = Line.create("reissued");
        Line renewed = Line.create("renewed");
        Line renewedByOther = Line.create("other");
        Line revoked = Line.create("revoked");
        String renewal = Events.newOrderNumber();
        String otherRenewal = Events.newOrderNumber();

        try (Events events = new Events(codec)) {
            for (Line line :
                    List.of(defaults, off, only30, only7, offLater, reissued, renewed, renewedByOther, revoked)) {
                events.send(Topics.ORDERS, order(line, null, line.email()));
            }
            settings(events, off, List.of());
            settings(events, only30, List.of(30));
            settings(events, only7, List.of(7));
            // Settings come on another topic than certificates: wait until they are recorded, so each schedule
            // below is made from the chosen days (settings that come later turn rows OFF, tested with off-later).
            awaitDays(off, "");
            awaitDays(only30, "30");
            awaitDays(only7, "7");
            for (Line line :
                    List.of(defaults, off, only30, only7, offLater, reissued, renewed, renewedByOther, revoked)) {
                issue(events, line, serial(line, 1), notAfter, CaOrderStatus.PENDING_VALIDATION);
            }
            // Settings come on another topic than certificates: wait until this certificate is scheduled.
            Instant deadline = Instant.now().plusSeconds(15);
            while (schedule(offLater.lineId()).size() < 6) {
                assertTrue(Instant.now().isBefore(deadline), "the certificate of the off-later line was scheduled");
                Mailbox.sleep(100);
            }
            settings(events, offLater, List.of());
            issue(
                    events,
                    reissued,
                    serial(reissued, 2),
                    notAfter.plus(Duration.ofDays(200)),
                    CaOrderStatus.REISSUE_PENDING);
            // A renewal ordered with the same e-mail stops the old line once issued; one with another e-mail does not.
            Line renewalLine = new Line(renewal, renewal + "-1", renewed.email(), renewed.domain());
            events.send(Topics.ORDERS, order(renewalLine, renewed.lineId(), renewed.email()));
            issue(
                    events,
                    renewalLine,
                    serial(renewalLine, 1),
                    notAfter.plus(Duration.ofDays(200)),
                    CaOrderStatus.PENDING_VALIDATION);
            Line otherLine =
                    new Line(otherRenewal, otherRenewal + "-1", Events.newRecipient(), renewedByOther.domain());
            events.send(Topics.ORDERS, order(otherLine, renewedByOther.lineId(), otherLine.email()));
            issue(
                    events,
                    otherLine,
                    serial(otherLine, 1),
                    notAfter.plus(Duration.ofDays(200)),
                    CaOrderStatus.PENDING_VALIDATION);
            events.send(
                    Topics.CA_ORDERS,
                    CaOrderStatusChanged.of(
                            UUID.randomUUID(),
                            Events.now(),
                            revoked.order(),
                            revoked.lineId(),
                            "CA-" + revoked.lineId(),
                            "hash",
                            CaOrderStatus.REVOKED,
                            CaOrderStatus.ISSUED,
                            List.of(),
                            null,
                            "KEY_COMPROMISE"));
        }
        assertTrue(Instant.now().isBefore(thirtyDaysDue), "the events were sent before the reminders fell due");

        // Those that go out: the 30-day reminder of the default line, of the [30] line, and of the line whose
        // "renewal" was ordered by someone else. 90 and 60 had passed when the certificate came: not sent.
        Duration wait = Duration.between(Instant.now(), thirtyDaysDue).plusSeconds(40);
        for (Line line : List.of(defaults, only30, renewedByOther)) {
            List<Mailbox.Received> reminders = reminders(Mailbox.await(line.email(), 3, wait, Duration.ZERO));
            assertEquals(1, reminders.size(), "one reminder for " + line.domain());
        }
        // The others would have come with them (same threshold, same tick): once every due row of these lines is
        // decided and its mail sent, none can still come.
        for (Line line : List.of(defaults, only30, renewedByOther, off, only7, offLater, reissued, renewed, revoked)) {
            Rows.awaitCount(db, UNDECIDED_OR_UNSENT, line.lineId(), 0);
        }
        for (Line line : List.of(defaults, only30, renewedByOther)) {
            assertEquals(1, reminders(Mailbox.read(line.email())).size(), "still one for " + line.domain());
        }
        for (Line line : List.of(off, only7, offLater, reissued, renewed, revoked)) {
            assertEquals(0, reminders(Mailbox.read(line.email())).size(), "no reminder for " + line.domain());
        }

        Mailbox.Received mail = reminders(Mailbox.read(defaults.email())).get(0);
        assertTrue(
                mail.subject().contains("expires in 30 days") && mail.subject().contains(defaults.order()),
                mail.subject());
        assertTrue(mail.text().contains(defaults.domain()) && mail.html().contains(defaults.domain()));
        assertTrue(mail.text().contains("IN 30 DAYS") && mail.html().contains("<strong>30 days</strong>"));
        String expiry = java.time.format.DateTimeFormatter.ofPattern(
                        "d MMMM yyyy, HH:mm 'UTC'", java.util.Locale.ENGLISH)
                .withZone(java.time.ZoneOffset.UTC)
                .format(notAfter);
        assertTrue(mail.text().contains("Expiry:        " + expiry), mail.text());
        assertTrue(mail.text().contains(serial(defaults, 1)));
        assertEquals(defaults.lineId(), linkClaims(mail).lineId(), "the portal link carries a token for the line");
        assertEquals(
                "<"
                        + MailJobs.jobId(
                                ReminderSchedule.reminderId(defaults.lineId(), serial(defaults, 1), 30),
                                MailTemplate.EXPIRY_REMINDER,
                                defaults.email())
                        + "@notification.certtrack.example>",
                mail.messageId(),
                "Message-ID fixed by line, certificate and threshold");

        assertEquals(
                Map.of(90, "PASSED", 60, "PASSED", 30, "QUEUED", 7, "PENDING", 3, "PENDING", -7, "PENDING"),
                schedule(defaults.lineId()));
        assertEquals(Map.of(), schedule(off.lineId()));
        assertEquals(Map.of(30, "QUEUED"), schedule(only30.lineId()));
        assertEquals(Map.of(7, "PENDING"), schedule(only7.lineId()));
        assertEquals(
                Map.of(90, "PASSED", 60, "PASSED", 30, "OFF", 7, "OFF", 3, "OFF", -7, "OFF"),
                schedule(offLater.lineId()));
        assertEquals(
                Map.of(90, "PASSED", 60, "PASSED", 30, "REPLACED", 7, "REPLACED", 3, "REPLACED", -7, "REPLACED"),
                schedule(reissued.lineId(), serial(reissued, 1)));
        assertEquals(
                Map.of(90, "PENDING", 60, "PENDING", 30, "PENDING", 7, "PENDING", 3, "PENDING", -7, "PENDING"),
                schedule(reissued.lineId(), serial(reissued, 2)));
        assertEquals(
                Map.of(90, "PASSED", 60, "PASSED", 30, "RENEWED", 7, "RENEWED", 3, "RENEWED", -7, "RENEWED"),
                schedule(renewed.lineId()));
        assertEquals(
                Map.of(90, "PASSED", 60, "PASSED", 30, "ENDED", 7, "ENDED", 3, "ENDED", -7, "ENDED"),
                schedule(revoked.lineId()));
    }

    private static OrderPlaced order(Line line, String renewalOf, String email) {
        return Events.orderPlaced(
                line.order(),
                email,
                List.of(new OrderPlaced.Line(
                        line.lineId(),
                        Product.DV_SINGLE,
                        List.of(line.domain()),
                        DcvMethod.HTTP_FILE,
                        null,
                        null,
                        renewalOf)));
    }

    private static void settings(Events events, Line line, List<Integer> days) {
        events.send(
                Topics.TRACKING_COMMANDS,
                ReminderSettingsChanged.of(UUID.randomUUID(), Events.now(), line.order(), line.lineId(), days));
    }

    static void issue(Events events, Line line, String serial, Instant notAfter, CaOrderStatus previous) {
        IssuedCertificate certificate = new IssuedCertificate(
                serial,
                "ab".repeat(32),
                notAfter.minus(Duration.ofDays(200)),
                notAfter,
                "-----BEGIN CERTIFICATE-----\n...");
        events.send(
                Topics.CA_ORDERS,
                CaOrderStatusChanged.of(
                        UUID.randomUUID(),
                        Events.now(),
                        line.order(),
                        line.lineId(),
                        "CA-" + line.lineId(),
                        "hash-" + line.lineId(),
                        CaOrderStatus.ISSUED,
                        previous,
                        List.of(Events.validated(line.domain(), DcvMethod.HTTP_FILE)),
                        certificate,
                        null));
    }

    private static String serial(Line line, int n) {
        return Integer.toHexString(Math.abs((line.lineId() + n).hashCode())) + "0" + n;
    }

    private static List<Mailbox.Received> reminders(List<Mailbox.Received> mails) {
        return mails.stream()
                .filter(m -> "expiry-reminder".equals(m.template()))
                .toList();
    }

    private static LinkToken.Claims linkClaims(Mailbox.Received mail) {
        Matcher link = TRACK_LINK.matcher(mail.text());
        assertTrue(link.find(), "a portal link");
        assertFalse(mail.text().contains("caReference"));
        return LinkToken.fromBase64Key(Events.key("link-signing"))
                .verify(link.group(1), Instant.now())
                .orElseThrow(() -> new AssertionError("the link token does not verify"));
    }

    private void awaitDays(Line line, String days) throws SQLException {
        Instant deadline = Instant.now().plusSeconds(15);
        while (!days.equals(reminderDays(line.lineId()))) {
            assertTrue(Instant.now().isBefore(deadline), "the settings of " + line.domain() + " were recorded");
            Mailbox.sleep(100);
        }
    }

    private String reminderDays(String lineId) throws SQLException {
        try (Connection connection = db.getConnection();
                PreparedStatement query =
                        connection.prepareStatement("SELECT reminder_days FROM reminder_line WHERE line_id = ?")) {
            query.setString(1, lineId);
            try (ResultSet result = query.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        }
    }

    private Map<Integer, String> schedule(String lineId) throws SQLException {
        return schedule(lineId, null);
    }

    private Map<Integer, String> schedule(String lineId, String serial) throws SQLException {
        Map<Integer, String> rows = new TreeMap<>();
        try (Connection connection = db.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT days, status FROM reminder_due WHERE line_id = ? AND (? IS NULL OR serial_number = ?)")) {
            query.setString(1, lineId);
            query.setString(2, serial);
            query.setString(3, serial);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getInt(1), result.getString(2));
                }
            }
        }
        return rows;
    }
}
