package com.certtrack.ca.dcv;

import com.certtrack.ca.CaConfig;
import com.certtrack.ca.hierarchy.CaUrls;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.TimeoutException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Sends the EMAIL-method approval request to the domain's administrative addresses (BR 3.2.2.4.4). */
@ApplicationScoped
public class DcvMailer {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** A send that has not finished by then is given up and tried again on a new connection. */
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(4);

    private static final int TRIES = 3;

    private final ReactiveMailer mailer;
    private final CaConfig config;

    public DcvMailer(ReactiveMailer mailer, CaConfig config) {
        this.mailer = mailer;
        this.config = config;
    }

    public void sendApprovalRequest(String domain, String token, Instant expiresAt) {
        String link = new CaUrls(config.publicUrl()).base() + "/dcv/approve?token=" + token;
        String text = """
                A TLS certificate was requested for %s.

                If you administer this domain and want the certificate issued, open this link and confirm:

                %s

                The link works until %s. If you did not expect this request, ignore this e-mail: no certificate
                is issued without approval.

                -- %s
                """.formatted(
                        domain, link, DATE.format(expiresAt), config.hierarchy().organisation());
        for (String local : config.dcv().emailLocalParts()) {
            send(Mail.withText(local + "@" + domain, "Approve the certificate for " + domain, text));
        }
    }

    /**
     * One mail, one after the other: a send through the mail client was seen, rarely, to stall for good on its
     * connection before the recipient was given; a new try (a new connection, keep-alive is off) goes through.
     */
    private void send(Mail mail) {
        for (int attempt = 1; ; attempt++) {
            try {
                mailer.send(mail).await().atMost(SEND_TIMEOUT);
                return;
            } catch (TimeoutException e) {
                if (attempt == TRIES) {
                    throw e;
                }
            }
        }
    }
}
