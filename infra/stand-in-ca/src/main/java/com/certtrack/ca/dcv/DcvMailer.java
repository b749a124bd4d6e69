package com.certtrack.ca.dcv;

import com.certtrack.ca.CaConfig;
import com.certtrack.ca.hierarchy.CaUrls;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Sends the EMAIL-method approval request to the domain's administrative addresses (BR 3.2.2.4.4). */
@ApplicationScoped
public class DcvMailer {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Mailer mailer;
    private final CaConfig config;

    public DcvMailer(Mailer mailer, CaConfig config) {
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
        // One after the other: several sends at once through the mail client were seen to stall for good.
        for (String local : config.dcv().emailLocalParts()) {
            mailer.send(Mail.withText(local + "@" + domain, "Approve the certificate for " + domain, text));
        }
    }
}
