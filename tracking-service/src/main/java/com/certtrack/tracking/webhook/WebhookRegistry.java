package com.certtrack.tracking.webhook;

import com.certtrack.support.problem.Problem;
import com.certtrack.support.problem.ProblemException;
import com.certtrack.tracking.TrackingConfig;
import com.certtrack.tracking.WebhookConfig;
import com.certtrack.tracking.audit.AuditTrail;
import com.certtrack.tracking.view.TrackedLine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Registering, listing, deleting and pinging webhook endpoints on behalf of the line an access token opens. */
@ApplicationScoped
public class WebhookRegistry {

    private static final Logger LOG = Logger.getLogger(WebhookRegistry.class);
    static final int LOG_LIMIT = 100;

    /** The one answer that carries the secret. */
    public record Registered(WebhookEndpoint endpoint, String secret) {}

    private final EntityManager em;
    private final WebhookSecrets secrets;
    private final WebhookPayloads payloads;
    private final WebhookConfig config;
    private final WebhookUrlPolicy policy;
    private final AuditTrail audit;
    private final Event<WebhookDispatcher.Enqueued> enqueued;

    public WebhookRegistry(
            EntityManager em,
            WebhookSecrets secrets,
            WebhookPayloads payloads,
            TrackingConfig config,
            AuditTrail audit,
            WebhookUrlPolicy policy,
            Event<WebhookDispatcher.Enqueued> enqueued) {
        this.em = em;
        this.enqueued = enqueued;
        this.audit = audit;
        this.secrets = secrets;
        this.payloads = payloads;
        this.config = config.webhooks();
        this.policy = policy;
    }

    @Transactional
    public Registered register(TrackedLine line, String url, String scopeName) {
        WebhookEndpoint.Scope scope = scope(scopeName);
        URI uri;
        try {
            uri = policy.check(url).uri();
        } catch (WebhookUrlPolicy.Refused refused) {
            throw ProblemException.invalid("url", "url " + refused.getMessage());
        }
        // One registration of a line at a time, so the limit holds under concurrent requests.
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "webhooks:" + line.lineId)
                .getSingleResult();
        if (WebhookEndpoint.countOwnedBy(line.lineId) >= config.maxPerLine()) {
            throw conflict(
                    "webhook-limit",
                    "This line has " + config.maxPerLine()
                            + " webhooks already, the most it may have: delete one first.");
        }
        String secret = secrets.newSecret();
        WebhookEndpoint endpoint = new WebhookEndpoint();
        endpoint.id = UUID.randomUUID();
        endpoint.ownerLineId = line.lineId;
        endpoint.orderNumber = line.orderNumber;
        endpoint.scope = scope.name();
        endpoint.url = uri.toString();
        endpoint.secretEncrypted = secrets.encrypt(secret, endpoint.id);
        endpoint.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        endpoint.persist();
        LOG.infof(
                "webhook %s registered by line %s, scope %s, host %s", endpoint.id, line.lineId, scope, uri.getHost());
        audit.record(line.lineId, line.orderNumber, "WEBHOOK_REGISTERED", AuditTrail.DONE, scope + " " + uri.getHost());
        return new Registered(endpoint, secret);
    }

    @Transactional
    public List<WebhookEndpoint> visibleTo(TrackedLine line) {
        return WebhookEndpoint.ownedBy(line.lineId);
    }

    @Transactional
    public WebhookEndpoint delete(TrackedLine line, String id) {
        WebhookEndpoint endpoint = find(line, id);
        endpoint.delete();
        LOG.infof("webhook %s deleted by line %s", endpoint.id, line.lineId);
        audit.record(
                line.lineId,
                line.orderNumber,
                "WEBHOOK_DELETED",
                AuditTrail.DONE,
                endpoint.scope + " " + URI.create(endpoint.url).getHost());
        return endpoint;
    }

    @Transactional
    public List<WebhookDelivery> deliveries(TrackedLine line, String id) {
        return WebhookDelivery.newestOf(find(line, id).id, LOG_LIMIT);
    }

    /** A {@code ping} event to this endpoint, delivered (and retried) like any other. */
    @Transactional
    public WebhookDelivery ping(TrackedLine line, String id) {
        WebhookEndpoint endpoint = find(line, id);
        if (endpoint.disabledAt != null) {
            throw conflict(
                    "webhook-disabled",
                    "This webhook was disabled: " + endpoint.disabledReason
                            + ". Register the URL again once the receiver accepts events.");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        WebhookDelivery delivery = new WebhookDelivery();
        delivery.id = UUID.randomUUID();
        delivery.endpointId = endpoint.id;
        delivery.sourceKey = WebhookPayloads.PING + ":" + delivery.id;
        delivery.eventType = WebhookPayloads.PING;
        delivery.lineId = line.lineId;
        delivery.payload = payloads.ping(line, endpoint.id, now);
        delivery.status = WebhookDelivery.Status.PENDING.name();
        delivery.nextAttemptAt = now;
        delivery.createdAt = now;
        delivery.persist();
        enqueued.fire(new WebhookDispatcher.Enqueued());
        return delivery;
    }

    public WebhookDelivery lastDelivery(WebhookEndpoint endpoint) {
        return WebhookDelivery.lastOf(endpoint.id).orElse(null);
    }

    private WebhookEndpoint find(TrackedLine line, String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
        WebhookEndpoint endpoint = WebhookEndpoint.findById(uuid);
        if (endpoint == null || !endpoint.ownerLineId.equals(line.lineId)) {
            throw notFound();
        }
        return endpoint;
    }

    private static WebhookEndpoint.Scope scope(String name) {
        if (name == null || name.isBlank() || name.trim().equalsIgnoreCase(WebhookEndpoint.Scope.LINE.name())) {
            return WebhookEndpoint.Scope.LINE;
        }
        if (name.trim().equalsIgnoreCase("ACCOUNT")) {
            throw ProblemException.invalid(
                    "scope",
                    "ACCOUNT scope is not offered: a webhook receives the events of "
                            + "the line whose CA Reference registered it; register the URL on each line (scope LINE)");
        }
        throw ProblemException.invalid("scope", "scope must be LINE");
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("No webhook with this id for this line.");
    }

    private static ProblemException conflict(String slug, String detail) {
        return new ProblemException(Problem.of(409, slug, "Conflict", detail));
    }
}
