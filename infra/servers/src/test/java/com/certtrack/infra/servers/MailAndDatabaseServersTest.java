package com.certtrack.infra.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailAndDatabaseServersTest {

    @Test
    void mailSentOverSmtpIsReadOverImap() throws Exception {
        try (MailServer server =
                MailServer.start(KafkaBrokerRestartTest.freePort(), KafkaBrokerRestartTest.freePort())) {
            Properties props = new Properties();
            props.put("mail.smtp.host", "127.0.0.1");
            props.put("mail.smtp.port", Integer.toString(server.smtpPort()));
            Session session = Session.getInstance(props);
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress("orders@certtrack.example"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("ada@example.com"));
            message.setSubject("Your order");
            message.setText("hello");
            Transport.send(message);

            var store = session.getStore("imap");
            store.connect("127.0.0.1", server.imapPort(), "ada@example.com", "any");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertEquals(1, inbox.getMessageCount());
            assertEquals("Your order", inbox.getMessage(1).getSubject());
            store.close();
        }
    }

    @Test
    void postgresKeepsDataInItsDirectoryAcrossRestarts(@TempDir Path dir) throws Exception {
        int port = KafkaBrokerRestartTest.freePort();
        try (PostgresServer server = PostgresServer.start(port, dir)) {
            try (var c = DriverManager.getConnection(server.jdbcUrl(), PostgresServer.USER, "")) {
                c.createStatement().execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
            }
        }
        try (PostgresServer server = PostgresServer.start(port, dir);
                var c = DriverManager.getConnection(server.jdbcUrl(), PostgresServer.USER, "")) {
            var rs = c.createStatement().executeQuery("SELECT v FROM kept");
            rs.next();
            assertEquals("still here", rs.getString(1));
        }
    }
}
