package com.certtrack.cagateway;

import static com.certtrack.cagateway.GatewayTestData.SUBMITTED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.certtrack.contracts.CaOrderSubmitted;
import com.certtrack.contracts.Product;
import com.certtrack.contracts.Topics;
import com.certtrack.testsupport.CertTrackTestResource;
import com.certtrack.testsupport.QuarkusProcess;
import com.certtrack.testsupport.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Two ca-gateway instances in one consumer group, sharing one database: every line is submitted once. */
@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
@WithTestResource(StandInCaResource.class)
class TwoReplicasIT {

    @Test
    void eachLineIsSubmittedExactlyOnceAcrossTwoInstances() {
        try (QuarkusProcess second = QuarkusProcess.start("ca-gateway", GatewayTestData.secondInstanceConfig());
                TopicReader reader = TopicReader.fromBeginning(Topics.CA_ORDERS)) {
            List<String> orderNumbers = IntStream.range(0, 15)
                    .mapToObj(i -> GatewayTestData.newOrderNumber())
                    .toList();
            orderNumbers.forEach(
                    n -> GatewayTestData.publish(GatewayTestData.order(n, Product.DV_SINGLE, Product.DV_MULTI)));
            Set<String> ours = Set.copyOf(orderNumbers);

            reader.await(r -> ours.contains(r.key()) && r.value().contains(SUBMITTED), 30, Duration.ofSeconds(120));
            List<CaOrderSubmitted> submitted = reader
                    .settle(r -> ours.contains(r.key()) && r.value().contains(SUBMITTED), Duration.ofSeconds(5))
                    .stream()
                    .map(r -> GatewayTestData.read(r, CaOrderSubmitted.class))
                    .toList();

            assertEquals(30, submitted.size(), "no line submitted twice");
            assertEquals(
                    30,
                    submitted.stream()
                            .map(CaOrderSubmitted::lineId)
                            .collect(Collectors.toSet())
                            .size());
            assertEquals(
                    30,
                    submitted.stream()
                            .map(CaOrderSubmitted::caOrderId)
                            .collect(Collectors.toSet())
                            .size());
        }
    }
}
