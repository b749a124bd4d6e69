package com.certtrack.notification;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.CaOrderSubmitted;
import com.certtrack.contracts.CaasProvisioned;
import com.certtrack.contracts.CertTrackEvent;
import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.DcvStatus;
import com.certtrack.contracts.DomainValidation;
import com.certtrack.contracts.OrderPlaced;
import com.certtrack.contracts.Product;
import com.certtrack.support.events.CloudEventHeaders;
import com.certtrack.support.events.EventCodec;
import com.certtrack.support.reference.CaReference;
import com.certtrack.support.sealing.Pem;
import com.certtrack.support.sealing.Sealer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Test events as the other services publish them: keyed by order number, CloudEvents headers, sealed secrets. */
final class Events implements AutoCloseable {

    /** Every CA Reference a test sealed in this JVM: none may ever show up in the schema, topics or log. */
    static final Set<String> SEALED_REFERENCES = ConcurrentHashMap.newKeySet();

    private final EventCodec codec;
    private final KafkaProducer<String, String> producer;

    Events(EventCodec codec) {
        this.codec = codec;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Topic.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    void send(String topic, CertTrackEvent event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, event.orderNumber(), codec.toJson(event));
        CloudEventHeaders.write(record.headers(), "test", event);
        sendRaw(record);
    }

    /** Without waiting for the broker; {@link #flush()} waits for all. */
    void sendAsync(String topic, CertTrackEvent event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, event.orderNumber(), codec.toJson(event));
        CloudEventHeaders.write(record.headers(), "test", event);
        producer.send(record);
    }

    void flush() {
        producer.flush();
    }

    void sendRaw(ProducerRecord<String, String> record) {
        try {
            producer.send(record).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String key(String name) {
        return ConfigProvider.getConfig().getValue("certtrack.keys." + name, String.class);
    }

    static String sealForNotification(String reference) {
        SEALED_REFERENCES.add(reference);
        return new Sealer(Pem.publicKey(key("notification-public-key")))
                .seal(reference.getBytes(StandardCharsets.US_ASCII));
    }

    static String sealForEab(String secret) {
        return new Sealer(Pem.publicKey(key("eab-public-key"))).seal(secret.getBytes(StandardCharsets.US_ASCII));
    }

    static String newOrderNumber() {
        return "CT-T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    static String newRecipient() {
        return "buyer-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    static String newReference() {
        return CaReference.generate();
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    static OrderPlaced orderPlaced(String orderNumber, String email, List<OrderPlaced.Line> lines) {
        return OrderPlaced.of(
                UUID.randomUUID(),
                now(),
                orderNumber,
                new OrderPlaced.Customer("Ada Lovelace", email, "Analytical Engines Ltd"),
                lines);
    }

    static OrderPlaced.Line certificateLine(String lineId, Product product, DcvMethod method, String... domains) {
        return new OrderPlaced.Line(lineId, product, List.of(domains), method, null, null);
    }

    static OrderPlaced.Line caasLine(String lineId) {
        return new OrderPlaced.Line(lineId, Product.CAAS, List.of(), null, null, 12);
    }

    static CaOrderSubmitted submitted(
            String orderNumber,
            String lineId,
            Product product,
            String reference,
            CaOrderStatus status,
            List<DomainValidation> domains) {
        return submittedSealed(orderNumber, lineId, product, sealForNotification(reference), status, domains);
    }

    static CaOrderSubmitted submittedSealed(
            String orderNumber,
            String lineId,
            Product product,
            String sealed,
            CaOrderStatus status,
            List<DomainValidation> domains) {
        return CaOrderSubmitted.of(
                UUID.randomUUID(),
                now(),
                orderNumber,
                lineId,
                product,
                "CA-" + UUID.randomUUID(),
                "hash-" + lineId,
                sealed,
                status,
                domains);
    }

    static DomainValidation pending(String domain, DcvMethod method, String instructions) {
        return new DomainValidation(domain, method, DcvStatus.PENDING, instructions);
    }

    static DomainValidation validated(String domain, DcvMethod method) {
        return new DomainValidation(domain, method, DcvStatus.VALIDATED, null);
    }

    static CaasProvisioned caasProvisioned(
            String orderNumber, String lineId, String reference, String hmacKey, Instant orderedAt) {
        return CaasProvisioned.of(
                UUID.randomUUID(),
                now(),
                orderNumber,
                lineId,
                "hash-" + lineId,
                sealForNotification(reference),
                "kid-" + lineId + "-" + UUID.randomUUID().toString().substring(0, 6),
                sealForEab(hmacKey),
                "https://acme.certtrack.example/acme/directory",
                orderedAt,
                orderedAt.plus(Duration.ofDays(7)));
    }

    @Override
    public void close() {
        producer.close();
    }
}
