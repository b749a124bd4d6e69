package com.certtrack.cagateway;

import static com.certtrack.cagateway.GatewayTestData.SUBMITTED;
import static com.certtrack.cagateway.GatewayTestData.is;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.certtrack.contracts.Product;
import com.certtrack.contracts.Topics;
import com.certtrack.testsupport.CertTrackTestResource;
import com.certtrack.testsupport.TopicReader;
import com.certtrack.testsupport.TopicWriter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
@WithTestResource(StandInCaResource.class)
class PoisonEventTest {

    @Test
    void poisonOnEachConsumedTopicGoesToItsDeadLetterTopicAndTheConsumerKeepsGoing() {
        String poisonKey = "poison-" + UUID.randomUUID();
        TopicWriter.send(Topics.ORDERS, poisonKey, "{not json");
        TopicWriter.send(Topics.TRACKING_COMMANDS, poisonKey, "{\"eventType\":\"NoSuchEvent\"}");

        try (TopicReader dlq = TopicReader.fromBeginning(
                Topics.deadLetter(Topics.ORDERS), Topics.deadLetter(Topics.TRACKING_COMMANDS))) {
            for (var record : dlq.await(r -> poisonKey.equals(r.key()), 2, Duration.ofSeconds(60))) {
                assertNotNull(TopicReader.header(record, "dead-letter-reason"), "the error travels in a header");
            }
        }

        String orderNumber = GatewayTestData.newOrderNumber();
        GatewayTestData.publish(GatewayTestData.order(orderNumber, Product.DV_SINGLE));
        try (TopicReader reader = TopicReader.fromBeginning(Topics.CA_ORDERS)) {
            reader.await(r -> is(r, orderNumber, SUBMITTED), 1, Duration.ofSeconds(60));
        }
    }
}
