package com.certtrack.cagateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.certtrack.contracts.CaIntermediatesPublished;
import com.certtrack.contracts.Topics;
import com.certtrack.testsupport.CertTrackTestResource;
import com.certtrack.testsupport.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** At start-up, before any order, ca-gateway asks the CA for its intermediates and publishes them. */
@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
@WithTestResource(StandInCaResource.class)
class IntermediatesPublishedTest {

    @Test
    void theCasIntermediateIsPublishedOnCaOrdersKeyedAsCaWide() throws Exception {
        try (TopicReader reader = TopicReader.fromBeginning(Topics.CA_ORDERS)) {
            ConsumerRecord<String, String> record = reader.await(
                            r -> CaIntermediatesPublished.KEY.equals(r.key())
                                    && r.value().contains("\"eventType\":\"" + CaIntermediatesPublished.TYPE + "\""),
                            1,
                            Duration.ofSeconds(60))
                    .get(0);
            CaIntermediatesPublished published = GatewayTestData.read(record, CaIntermediatesPublished.class);
            assertEquals("stand-in", published.ca());
            assertEquals(CaIntermediatesPublished.KEY, published.orderNumber());

            X509Certificate root = OrderFulfilmentTest.rootOfStandInCa();
            List<X509Certificate> intermediates = OrderFulfilmentTest.parse(String.join("", published.intermediates()));
            assertEquals(1, intermediates.size(), "the stand-in CA has one issuing CA; the root is not sent");
            assertNotEquals(root, intermediates.get(0));
            intermediates.get(0).verify(root.getPublicKey()); // signed by the CA's root
        }
    }
}
