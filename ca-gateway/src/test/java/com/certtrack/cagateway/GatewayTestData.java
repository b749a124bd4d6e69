package com.certtrack.cagateway;

import com.certtrack.contracts.CaOrderStatusChanged;
import com.certtrack.contracts.CaOrderSubmitted;
import com.certtrack.contracts.CaasProvisioned;
import com.certtrack.contracts.CertTrackEvent;
import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.OrderPlaced;
import com.certtrack.contracts.Product;
import com.certtrack.contracts.Topics;
import com.certtrack.testsupport.StandInCa;
import com.certtrack.testsupport.TestCsr;
import com.certtrack.testsupport.TestInfrastructure;
import com.certtrack.testsupport.TopicWriter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Orders as order-service publishes them, and the gateway's events read back. */
final class GatewayTestData {

    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private GatewayTestData() {}

    static String newOrderNumber() {
        return "CT-" + UUID.randomUUID().toString().substring(0, 10).toUpperCase();
    }

    static OrderPlaced order(String orderNumber, Product... products) {
        List<OrderPlaced.Line> lines = new ArrayList<>();
        for (int i = 0; i < products.length; i++) {
            String lineId = orderNumber + "-" + (i + 1);
            if (products[i] == Product.CAAS) {
                lines.add(new OrderPlaced.Line(lineId, Product.CAAS, null, null, null, 12));
            } else {
                String domain = "shop" + (i + 1) + "." + orderNumber.toLowerCase() + ".example";
                List<String> domains =
                        products[i] == Product.DV_MULTI ? List.of(domain, "www." + domain) : List.of(domain);
                lines.add(new OrderPlaced.Line(
                        lineId,
                        products[i],
                        domains,
                        DcvMethod.HTTP_FILE,
                        TestCsr.forDomains(domains.toArray(String[]::new)).pem(),
                        null));
            }
        }
        return OrderPlaced.of(
                UUID.randomUUID(),
                Instant.now(),
                orderNumber,
                new OrderPlaced.Customer("Ada Lovelace", "ada@example.com", null),
                lines);
    }

    static void publish(OrderPlaced order) {
        TopicWriter.send(Topics.ORDERS, order.orderNumber(), write(order));
    }

    /** Another ca-gateway process (this module's jar) on this JVM's database, broker and CA. */
    static Map<String, String> secondInstanceConfig() {
        Map<String, String> config = new HashMap<>(TestInfrastructure.keys());
        var db = TestInfrastructure.database();
        config.put("kafka.bootstrap.servers", TestInfrastructure.kafka().bootstrapServers());
        config.put("quarkus.datasource.jdbc.url", db.jdbcUrl());
        config.put("quarkus.datasource.username", db.user());
        config.put("quarkus.datasource.password", db.password());
        config.put("quarkus.rest-client.stand-in-ca.url", StandInCaResource.ca().url());
        config.put("certtrack.ca-gateway.stand-in.api-key", StandInCa.API_KEY);
        return config;
    }

    static String write(CertTrackEvent event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T read(ConsumerRecord<String, String> record, Class<T> type) {
        try {
            return JSON.readValue(record.value(), type);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean is(ConsumerRecord<String, String> record, String orderNumber, String eventType) {
        return orderNumber.equals(record.key()) && record.value().contains("\"eventType\":\"" + eventType + "\"");
    }

    static final String SUBMITTED = CaOrderSubmitted.TYPE;
    static final String CHANGED = CaOrderStatusChanged.TYPE;
    static final String PROVISIONED = CaasProvisioned.TYPE;
}
