package com.certtrack.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.OrderPlaced;
import com.certtrack.contracts.Product;
import com.certtrack.contracts.ReissueRequested;
import com.certtrack.contracts.Topics;
import com.certtrack.support.events.EventCodec;
import com.certtrack.testsupport.CertTrackTestResource;
import com.certtrack.testsupport.Mailbox;
import com.certtrack.testsupport.TestCsr;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A line ordered without a CSR gets one "send your CSR" e-mail once its delay is over (made over by moving its
 * due time in PostgreSQL: the delay is 24 h); a line ordered with a CSR, or whose CSR came, gets none.
 */
@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
class CsrReminderTest {

    private static final String AWAITED = "SELECT count(*) FROM awaited_csr WHERE order_number = ?";

    @Inject
    EventCodec codec;

    @Inject
    AgroalDataSource db;

    @Inject
    Scheduler scheduler;

    @Test
    void oneReminderForTheLineStillWithoutCsrAndNoneForTheOthers() throws Exception {
        String order = Events.newOrderNumber();
        String email = Events.newRecipient();
        String domain = "waiting." + order.toLowerCase() + ".example";
        String later = "later." + order.toLowerCase() + ".example";
        String with = "with." + order.toLowerCase() + ".example";
        try (Events events = new Events(codec)) {
            events.send(
                    Topics.ORDERS,
                    Events.orderPlaced(
                            order,
                            email,
                            List.of(
                                    Events.certificateLine(
                                            order + "-1", Product.DV_SINGLE, DcvMethod.HTTP_FILE, domain),
                                    Events.certificateLine(order + "-2", Product.DV_SINGLE, DcvMethod.HTTP_FILE, later),
                                    new OrderPlaced.Line(
                                            order + "-3",
                                            Product.DV_SINGLE,
                                            List.of(with),
                                            DcvMethod.HTTP_FILE,
                                            TestCsr.forDomains(with).pem(),
                                            null),
                                    Events.caasLine(order + "-4"))));
            Rows.awaitCount(db, AWAITED, order, 2); // the lines without a CSR, not the one with, nor CaaS
            events.send(
                    Topics.TRACKING_COMMANDS,
                    ReissueRequested.of(
                            UUID.randomUUID(),
                            Events.now(),
                            order,
                            order + "-2",
                            TestCsr.forDomains(later).pem(),
                            null));
            Rows.awaitCount(db, AWAITED + " AND status = 'RECEIVED'", order, 1);
        }
        dueNow(order);

        List<Mailbox.Received> reminders = Mailbox.await(email, 2, Duration.ofSeconds(30), Duration.ZERO).stream()
                .filter(m -> "csr-reminder".equals(m.template()))
                .toList();
        assertEquals(1, reminders.size(), "one CSR reminder");
        Mailbox.Received mail = reminders.get(0);
        assertEquals("Action needed: send the CSR for " + domain + ", order " + order, mail.subject());
        assertTrue(mail.text().contains("line " + order + "-1") && mail.text().contains(domain), mail.text());
        assertTrue(mail.text().contains("Submit your CSR") && mail.html().contains("Submit your CSR"));
        assertTrue(mail.text().contains("/track?t="), "the portal link");
        assertEquals(1, Rows.count(db, AWAITED + " AND status = 'REMINDED'", order));

        awaitTwoMoreRounds(); // still one
        Rows.awaitCount(db, "SELECT count(*) FROM mail_job WHERE order_number = ? AND status = 'PENDING'", order, 0);
        assertEquals(
                1,
                Mailbox.read(email).stream()
                        .filter(m -> "csr-reminder".equals(m.template()))
                        .count());
    }

    /** Until the 1 s job has started twice after now: the first of those rounds is over when the second starts. */
    private void awaitTwoMoreRounds() {
        Trigger job = scheduler.getScheduledJobs().stream()
                .filter(trigger -> trigger.getMethodDescription().endsWith("CsrReminderJob#tick"))
                .findFirst()
                .orElseThrow();
        Instant since = Instant.now();
        Instant deadline = since.plusSeconds(15);
        for (int round = 0; round < 2; round++) {
            while (job.getPreviousFireTime() == null
                    || !job.getPreviousFireTime().isAfter(since)) {
                assertTrue(Instant.now().isBefore(deadline), "the CSR reminder job ran");
                Mailbox.sleep(50);
            }
            since = job.getPreviousFireTime();
        }
    }

    private void dueNow(String order) throws Exception {
        try (Connection connection = db.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE awaited_csr SET remind_at = now() WHERE order_number = ?")) {
            update.setString(1, order);
            assertEquals(2, update.executeUpdate());
        }
    }
}
