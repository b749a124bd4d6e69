package com.certtrack.cagateway;

import static com.certtrack.cagateway.GatewayTestData.CHANGED;
import static com.certtrack.cagateway.GatewayTestData.SUBMITTED;
import static com.certtrack.cagateway.GatewayTestData.is;
import static com.certtrack.cagateway.GatewayTestData.read;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.CaOrderStatusChanged;
import com.certtrack.contracts.CaOrderSubmitted;
import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.OrderPlaced;
import com.certtrack.contracts.Product;
import com.certtrack.contracts.ReissueRequested;
import com.certtrack.contracts.Topics;
import com.certtrack.testsupport.CertTrackTestResource;
import com.certtrack.testsupport.TestCsr;
import com.certtrack.testsupport.TopicReader;
import com.certtrack.testsupport.TopicWriter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A line ordered without a CSR waits at the CA; the CSR sent later issues at once on its validated domains. */
@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
@WithTestResource(StandInCaResource.class)
class CsrLaterTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void theCsrSentLaterIssuesTheCertificateForItsKey() throws Exception {
        String orderNumber = GatewayTestData.newOrderNumber();
        String lineId = orderNumber + "-1";
        String domain = "shop." + orderNumber.toLowerCase() + ".example";
        GatewayTestData.publish(OrderPlaced.of(
                UUID.randomUUID(),
                Instant.now(),
                orderNumber,
                new OrderPlaced.Customer("Ada Lovelace", "ada@example.com", null),
                List.of(new OrderPlaced.Line(
                        lineId, Product.DV_SINGLE, List.of(domain), DcvMethod.HTTP_FILE, null, null))));

        try (TopicReader reader = TopicReader.fromBeginning(Topics.CA_ORDERS)) {
            CaOrderSubmitted submitted = read(
                    reader.await(r -> is(r, orderNumber, SUBMITTED), 1, WAIT).get(0), CaOrderSubmitted.class);
            assertEquals(CaOrderStatus.PENDING_VALIDATION, submitted.status(), "no key to certify yet");

            TestCsr csr = TestCsr.forDomains(domain);
            TopicWriter.send(
                    Topics.TRACKING_COMMANDS,
                    orderNumber,
                    GatewayTestData.write(ReissueRequested.of(
                            UUID.randomUUID(), Instant.now(), orderNumber, lineId, csr.pem(), null)));
            CaOrderStatusChanged issued = read(
                    reader.await(
                                    r -> is(r, orderNumber, CHANGED)
                                            && r.value().contains("\"status\":\"ISSUED\""),
                                    1,
                                    WAIT)
                            .get(0),
                    CaOrderStatusChanged.class);
            X509Certificate leaf =
                    OrderFulfilmentTest.parse(issued.certificate().pemChain()).get(0);
            assertArrayEquals(
                    csr.keyPair().getPublic().getEncoded(),
                    leaf.getPublicKey().getEncoded(),
                    "the certificate is for the key of the CSR sent later");
            assertEquals(CaOrderStatus.ISSUED, issued.status());
            OrderFulfilmentTest.verifyChain(issued.certificate().pemChain(), OrderFulfilmentTest.rootOfStandInCa());
        }
    }
}
