package com.certtrack.support.events;

import com.certtrack.contracts.CertTrackEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Event records to JSON and back; the record type is chosen by the {@code eventType} field. */
@ApplicationScoped
public class EventCodec {

    private static final Map<String, Class<?>> TYPES = Arrays.stream(CertTrackEvent.class.getPermittedSubclasses())
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private final ObjectMapper json;

    public EventCodec(ObjectMapper json) {
        this.json = json;
    }

    public String toJson(CertTrackEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.eventType() + " cannot be written as JSON", e);
        }
    }

    /** @throws PoisonEventException when the payload is not a well-formed event of a known type */
    public CertTrackEvent fromJson(String payload) {
        if (payload == null || payload.isBlank()) {
            throw new PoisonEventException("empty payload");
        }
        try {
            JsonNode tree = json.readTree(payload);
            String type = tree.path("eventType").asText("");
            Class<?> recordType = TYPES.get(type);
            if (recordType == null) {
                throw new PoisonEventException("unknown eventType '" + type + "'");
            }
            CertTrackEvent event = (CertTrackEvent) json.treeToValue(tree, recordType);
            if (event.eventId() == null || event.orderNumber() == null) {
                throw new PoisonEventException(type + " without eventId or orderNumber");
            }
            return event;
        } catch (JsonProcessingException e) {
            throw new PoisonEventException("not a valid event: " + e.getOriginalMessage());
        }
    }
}
