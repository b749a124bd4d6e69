package com.certtrack.testsupport;

import jakarta.mail.BodyPart;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Reads a recipient's mail over IMAP, as a mail client would (any password; the user is the address). */
public final class Mailbox {

    public record Received(String subject, String from, String messageId, String template, String text, String html) {}

    private Mailbox() {}

    /** The test JVM's own mail server. */
    public static List<Received> read(String address) {
        var mail = TestInfrastructure.mail();
        return read(mail.host(), mail.imapPort(), address);
    }

    public static List<Received> read(String host, int port, String address) {
        // GreenMail creates a user on its first mail and on its first IMAP login; when both happen at once it drops
        // the IMAP connection ("Mailbox ... already exists"). A mail client logs in again, and so does this.
        for (int attempt = 1; ; attempt++) {
            try {
                return readOnce(host, port, address);
            } catch (IllegalStateException e) {
                if (attempt == 3 || !(e.getCause() instanceof MessagingException)) {
                    throw e;
                }
                sleep(200);
            }
        }
    }

    private static List<Received> readOnce(String host, int port, String address) {
        Properties props = new Properties();
        props.put("mail.imap.connectiontimeout", "5000");
        props.put("mail.imap.timeout", "5000");
        Session session = Session.getInstance(props);
        try (Store store = session.getStore("imap")) {
            store.connect(host, port, address, "any-password");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                List<Received> received = new ArrayList<>();
                for (Message message : inbox.getMessages()) {
                    received.add(toReceived(message));
                }
                return received;
            } finally {
                inbox.close(false);
            }
        } catch (MessagingException | IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("AUTHENTICATE")) {
                return List.of();
            }
            throw new IllegalStateException("IMAP read failed for " + address + ": " + e, e);
        }
    }

    public static List<Received> await(String address, int expected, Duration timeout, Duration settle) {
        var mail = TestInfrastructure.mail();
        return await(mail.host(), mail.imapPort(), address, expected, timeout, settle);
    }

    /**
     * Waits until at least {@code expected} mails arrived, then {@code settle} longer so a duplicate shows too. Fewer
     * by the timeout fails: a count set too high would otherwise cost the whole timeout on every run and prove nothing.
     */
    public static List<Received> await(
            String host, int port, String address, int expected, Duration timeout, Duration settle) {
        Instant deadline = Instant.now().plus(timeout);
        List<Received> mails = read(host, port, address);
        while (mails.size() < expected && Instant.now().isBefore(deadline)) {
            sleep(200);
            mails = read(host, port, address);
        }
        if (mails.size() < expected) {
            throw new AssertionError(
                    "expected " + expected + " mails for " + address + " within " + timeout + ", got " + mails.size()
                            + ": " + mails.stream().map(Received::template).toList());
        }
        if (!settle.isZero()) {
            sleep(settle.toMillis());
            mails = read(host, port, address);
        }
        return mails;
    }

    private static Received toReceived(Message message) throws MessagingException, IOException {
        String[] ids = message.getHeader("Message-ID");
        String[] templates = message.getHeader("X-CertTrack-Template");
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        collect(message, text, html);
        return new Received(
                message.getSubject(),
                message.getFrom()[0].toString(),
                ids == null ? null : ids[0],
                templates == null ? null : templates[0],
                text.toString(),
                html.toString());
    }

    private static void collect(Part part, StringBuilder text, StringBuilder html)
            throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, text, html);
            }
        } else if (part.isMimeType("text/plain")) {
            text.append(content);
        } else if (part.isMimeType("text/html")) {
            html.append(content);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
