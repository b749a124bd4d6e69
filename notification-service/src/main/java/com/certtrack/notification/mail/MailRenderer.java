package com.certtrack.notification.mail;

import com.certtrack.notification.NotificationConfig;
import com.certtrack.support.links.LinkToken;
import com.certtrack.support.reference.CaReference;
import com.certtrack.support.sealing.Unsealer;
import io.quarkus.mailer.Mail;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Builds the e-mail of a claimed job: HTML and plain-text parts from Qute templates, a portal link with a signed
 * token, the deterministic Message-ID and, for shipment e-mails, the CA Reference unsealed here, in memory, just
 * before sending. The plaintext lives only in the returned {@link Mail}.
 */
@ApplicationScoped
public class MailRenderer {

    private final Engine qute;
    private final MailJobs jobs;
    private final Unsealer unsealer;
    private final LinkToken links;
    private final NotificationConfig config;

    public MailRenderer(Engine qute, MailJobs jobs, Unsealer unsealer, LinkToken links, NotificationConfig config) {
        this.qute = qute;
        this.jobs = jobs;
        this.unsealer = unsealer;
        this.links = links;
        this.config = config;
    }

    /** @throws UndeliverableMailException when the job can never be rendered (e.g. a reference not sealed for us) */
    public Mail render(ClaimedJob job) {
        MailTemplate template = MailTemplate.byId(job.template());
        MailModel model = jobs.model(job);
        String caReference = template.carriesReference() ? caReference(job) : null;
        String trackUrl = job.lineId() == null ? null : trackUrl(job.lineId(), job.orderNumber());
        String portalUrl = trimmedPortalUrl();
        String html = instance(template.htmlTemplate(), model, caReference, trackUrl, portalUrl)
                .render();
        String text = instance(template.textTemplate(), model, caReference, trackUrl, portalUrl)
                .render();
        return Mail.withHtml(job.recipient(), job.subject(), html)
                .setText(text)
                .setFrom(config.from())
                .addHeader("Message-ID", job.messageId())
                .addHeader("X-CertTrack-Template", template.id())
                .addHeader("X-CertTrack-Order", job.orderNumber());
    }

    private TemplateInstance instance(
            String id, MailModel model, String caReference, String trackUrl, String portalUrl) {
        Template template = qute.getTemplate(id);
        if (template == null) {
            throw new IllegalStateException("missing template " + id);
        }
        return template.data("m", model)
                .data("caReference", caReference)
                .data("trackUrl", trackUrl)
                .data("portalUrl", portalUrl);
    }

    private String caReference(ClaimedJob job) {
        if (job.sealedCaReference() == null) {
            throw new UndeliverableMailException("no sealed CA Reference for a shipment e-mail");
        }
        String opened;
        try {
            opened = new String(unsealer.unseal(job.sealedCaReference()), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw new UndeliverableMailException("the CA Reference cannot be unsealed with this service's key");
        }
        // Never echo the opened value: it may be a CA Reference with one wrong symbol.
        return CaReference.normalise(opened)
                .canonical()
                .map(CaReference::format)
                .orElseThrow(() -> new UndeliverableMailException("the sealed content is not a valid CA Reference"));
    }

    private String trackUrl(String lineId, String orderNumber) {
        // Real time, not the service clock: tracking-service checks the expiry against its own clock.
        Instant now = Instant.now();
        // A link only shows the status: acting on the line takes the CA Reference (tracking-service checks the
        // purpose).
        String token = links.sign(LinkToken.Purpose.LINK, lineId, orderNumber, now, now.plus(config.linkValidity()));
        return trimmedPortalUrl() + "/track?t=" + URLEncoder.encode(token, StandardCharsets.US_ASCII);
    }

    private String trimmedPortalUrl() {
        String url = config.portalUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
