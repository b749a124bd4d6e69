package com.certtrack.support.events;

import com.certtrack.contracts.CertTrackEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;

/** CloudEvents Kafka binding, binary mode: the event's envelope also travels as {@code ce_*} headers. */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String CONTENT_TYPE = "content-type";

    private CloudEventHeaders() {}

    public static void write(Headers headers, String source, CertTrackEvent event) {
        write(headers, source, event.eventId(), event.eventType(), event.occurredAt());
    }

    public static void write(Headers headers, String source, UUID id, String type, Instant time) {
        put(headers, SPEC_VERSION, "1.0");
        put(headers, ID, id.toString());
        put(headers, TYPE, type);
        put(headers, SOURCE, source);
        put(headers, TIME, time.toString());
        put(headers, CONTENT_TYPE, "application/json");
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
