package com.certtrack.cagateway;

import static com.certtrack.cagateway.GatewayTestData.SUBMITTED;
import static com.certtrack.cagateway.GatewayTestData.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.contracts.Product;
import com.certtrack.contracts.Topics;
import com.certtrack.testsupport.CertTrackTestResource;
import com.certtrack.testsupport.TestInfrastructure;
import com.certtrack.testsupport.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.DriverManager;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
@WithTestResource(StandInCaResource.class)
class CaOutageTest {

    @Test
    void aLineOrderedWhileTheCaIsDownWaitsAndIsSubmittedExactlyOnceWhenItIsBack() throws Exception {
        String orderNumber = GatewayTestData.newOrderNumber();
        String lineId = orderNumber + "-1";
        StandInCaResource.ca().close();
        try {
            GatewayTestData.publish(GatewayTestData.order(orderNumber, Product.DV_SINGLE));
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> attemptsOf(lineId) >= 2);
        } finally {
            StandInCaResource.ca().restart();
        }
        try (TopicReader reader = TopicReader.fromBeginning(Topics.CA_ORDERS)) {
            reader.await(r -> is(r, orderNumber, SUBMITTED), 1, Duration.ofSeconds(60));
            assertEquals(
                    1,
                    reader.settle(r -> is(r, orderNumber, SUBMITTED), Duration.ofSeconds(3))
                            .size());
        }
        assertTrue(attemptsOf(lineId) >= 2, "the retries are recorded");
    }

    static int attemptsOf(String lineId) throws Exception {
        var db = TestInfrastructure.database();
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                var s = c.prepareStatement("SELECT attempts FROM ca_gateway.ca_line WHERE line_id = ?")) {
            s.setString(1, lineId);
            var rs = s.executeQuery();
            return rs.next() ? rs.getInt(1) : -1;
        }
    }
}
