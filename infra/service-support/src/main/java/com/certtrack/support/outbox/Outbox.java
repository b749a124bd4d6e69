package com.certtrack.support.outbox;

import com.certtrack.contracts.CertTrackEvent;
import com.certtrack.support.events.EventCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** Appends events to the outbox inside the caller's transaction; the relay publishes them after commit. */
@ApplicationScoped
public class Outbox {

    /** Fired with the transaction; observed after a successful commit to publish without waiting for the next tick. */
    public record Appended() {}

    private final EventCodec codec;
    private final Event<Appended> appended;

    public Outbox(EventCodec codec, Event<Appended> appended) {
        this.codec = codec;
        this.appended = appended;
    }

    /** Key = order number on every topic, so all events of an order stay in order on one partition. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String topic, CertTrackEvent event) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = event.eventId();
        row.topic = topic;
        row.messageKey = event.orderNumber();
        row.eventType = event.eventType();
        row.payload = codec.toJson(event);
        row.occurredAt = event.occurredAt();
        row.createdAt = Instant.now();
        row.persist();
        appended.fire(new Appended());
    }
}
