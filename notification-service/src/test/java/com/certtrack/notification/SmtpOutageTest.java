package com.certtrack.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.Product;
import com.certtrack.contracts.Topics;
import com.certtrack.infra.servers.MailServer;
import com.certtrack.support.events.EventCodec;
import com.certtrack.testsupport.Mailbox;
import com.certtrack.testsupport.TestInfrastructure;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(ClosedSmtpTestResource.class)
class SmtpOutageTest {

    @Inject
    EventCodec codec;

    @Inject
    AgroalDataSource db;

    @ConfigProperty(name = "quarkus.mailer.port")
    int smtpPort;

    @Test
    void anSmtpOutageDelaysMailButLosesNothingAndSendsItOnce() throws SQLException {
        String order = Events.newOrderNumber();
        String email = Events.newRecipient();
        String reference = Events.newReference();
        try (Events events = new Events(codec)) {
            events.send(
                    Topics.ORDERS,
                    Events.orderPlaced(
                            order,
                            email,
                            List.of(Events.certificateLine(
                                    "L1", Product.DV_SINGLE, DcvMethod.HTTP_FILE, "down.example.org"))));
            events.send(
                    Topics.CA_ORDERS,
                    Events.submitted(
                            order,
                            "L1",
                            Product.DV_SINGLE,
                            reference,
                            CaOrderStatus.SUBMITTED,
                            List.of(Events.validated("down.example.org", DcvMethod.HTTP_FILE))));
        }

        // While no SMTP server answers, both mails are queued and retried with backoff, none given up.
        Instant deadline = Instant.now().plusSeconds(40);
        while (minAttempts(order) < 3) {
            assertTrue(Instant.now().isBefore(deadline), "retries did not happen");
            Mailbox.sleep(200);
        }
        assertEquals(
                2,
                count(
                        "SELECT count(*) FROM mail_job WHERE order_number = ? AND status = 'PENDING' "
                                + "AND last_error LIKE 'SMTP%'",
                        order));

        int imapPort = TestInfrastructure.freePort();
        try (MailServer smtp = MailServer.start(smtpPort, imapPort)) {
            List<Mailbox.Received> mails = awaitMail(imapPort, email, 2);
            assertEquals(2, mails.size());
            assertTrue(mails.stream()
                    .anyMatch(m -> "shipment".equals(m.template()) && m.text().contains(reference)));
            assertTrue(mails.stream().anyMatch(m -> "order-confirmation".equals(m.template())));
            assertEquals(
                    2,
                    count(
                            "SELECT count(*) FROM mail_job WHERE order_number = ? AND status = 'SENT' "
                                    + "AND sealed_ca_reference IS NULL",
                            order));
        }
    }

    private List<Mailbox.Received> awaitMail(int imapPort, String email, int expected) {
        Instant deadline = Instant.now().plusSeconds(45);
        List<Mailbox.Received> mails = Mailbox.read("127.0.0.1", imapPort, email);
        while (mails.size() < expected && Instant.now().isBefore(deadline)) {
            Mailbox.sleep(200);
            mails = Mailbox.read("127.0.0.1", imapPort, email);
        }
        Mailbox.sleep(3000);
        return Mailbox.read("127.0.0.1", imapPort, email);
    }

    private int minAttempts(String order) throws SQLException {
        return count(
                "SELECT CASE WHEN count(*) = 2 THEN min(attempts) ELSE 0 END FROM mail_job WHERE order_number = ?",
                order);
    }

    private int count(String sql, String parameter) throws SQLException {
        return Rows.count(db, sql, parameter);
    }
}
