package com.certtrack.tracking.webhook;

import com.certtrack.tracking.view.TrackedLine;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The JSON bodies receivers get: {@code {"type","lineId","orderNumber","status","occurredAt","data":{...}}}. Built
 * from view columns only: the view never holds the CA Reference, and nothing secret is put here.
 */
@ApplicationScoped
public class WebhookPayloads {

    public static final String STATUS_CHANGED = "line.status_changed";
    public static final String CERTIFICATE_ISSUED = "certificate.issued";
    public static final String CERTIFICATE_REVOKED = "certificate.revoked";
    public static final String PING = "ping";

    private final ObjectMapper json;

    public WebhookPayloads(ObjectMapper json) {
        this.json = json;
    }

    public String statusChanged(TrackedLine line, String previousStatus) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("previousStatus", previousStatus);
        data.put("product", line.product);
        data.put("reason", line.reason);
        return body(STATUS_CHANGED, line, line.statusAt, data);
    }

    public String certificateIssued(TrackedLine line) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("serialNumber", line.certificateSerial);
        data.put("sha256Fingerprint", line.certificateSha256);
        data.put("notAfter", text(line.expiresAt));
        return body(CERTIFICATE_ISSUED, line, line.issuedAt, data);
    }

    public String certificateRevoked(TrackedLine line) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("serialNumber", line.certificateSerial);
        data.put("sha256Fingerprint", line.certificateSha256);
        data.put("reason", line.reason);
        return body(CERTIFICATE_REVOKED, line, line.statusAt, data);
    }

    /** A certificate of the line other than (or before the line saw) its current one was revoked. */
    public String certificateRevoked(TrackedLine line, String serial, String sha256, String reason, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("serialNumber", serial);
        data.put("sha256Fingerprint", sha256);
        data.put("reason", reason);
        return body(CERTIFICATE_REVOKED, line, at, data);
    }

    public String ping(TrackedLine line, UUID webhookId, Instant at) {
        return body(PING, line, at, Map.of("webhookId", webhookId.toString()));
    }

    private String body(String type, TrackedLine line, Instant occurredAt, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("lineId", line.lineId);
        body.put("orderNumber", line.orderNumber);
        body.put("status", line.status);
        body.put("occurredAt", text(occurredAt));
        body.put("data", data);
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
