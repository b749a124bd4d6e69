package com.certtrack.tracking;

import static com.certtrack.tracking.TrackingTestData.lookup;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.contracts.Product;
import com.certtrack.support.reference.CaReference;
import com.certtrack.testsupport.CertTrackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Wrong references cannot be told from unknown ones, typos get a helpful 400, and guessing is rate limited. */
@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
class LookupLimitTest {

    @Test
    void aTypoGetsAHelpfulMessageNamingTheField() {
        var line = TrackingTestData.newLine(Product.DV_SINGLE, 1);
        String reference = line.reference();
        // Swap two neighbouring different symbols: the check symbol catches it.
        String canonical = CaReference.normalise(reference).canonical().orElseThrow();
        int i = 0;
        while (canonical.charAt(i) == canonical.charAt(i + 1)) {
            i++;
        }
        String swapped =
                canonical.substring(0, i) + canonical.charAt(i + 1) + canonical.charAt(i) + canonical.substring(i + 2);
        lookup(TrackingTestData.newClient(), "caReference", swapped)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("caReference"))
                .body("errors[0].message", containsString("typing mistake"));
        lookup(TrackingTestData.newClient(), "supplierOrderNumber", "7K3M-9Q2X")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("supplierOrderNumber"))
                .body("errors[0].message", containsString("17 letters and digits"));
        lookup(TrackingTestData.newClient(), "caReference", "  ")
                .then()
                .statusCode(400)
                .body("errors[0].message", containsString("shipment e-mail"));
    }

    @Test
    void sixtyFourParallelWrongLookupsGetNoMoreThanTheBudget() throws Exception {
        String guesser = TrackingTestData.newClient();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int n = 0; n < 64; n++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return lookup(guesser, "caReference", CaReference.generate())
                            .statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
            // The budget is taken before the reference is checked: requests in flight cannot overrun it.
            assertEquals(10, statuses.stream().filter(status -> status == 404).count(), statuses.toString());
            assertEquals(54, statuses.stream().filter(status -> status == 429).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twentyWrongReferencesRunIntoTheBudgetWithRetryAfterWhileOtherClientsAreUnaffected() {
        var line = TrackingTestData.newLine(Product.DV_SINGLE, 1);
        TrackingTestData.orderPlaced(line, Instant.now().minusSeconds(30));
        TrackingTestData.submitted(line, Instant.now().minusSeconds(20));
        TrackingTestData.awaitStatus(line.lineId(), "PENDING_VALIDATION");

        String guesser = TrackingTestData.newClient();
        List<Integer> statuses = new ArrayList<>();
        Response last = null;
        for (int n = 0; n < 20; n++) {
            last = lookup(guesser, "caReference", CaReference.generate());
            statuses.add(last.statusCode());
            if (last.statusCode() == 404) {
                // Unknown and wrong answer alike: no hint which.
                last.then().contentType("application/problem+json").body("title", equalTo("No order found"));
            }
        }
        assertEquals(
                List.of(404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
                statuses.subList(0, 10),
                "the budget of 10 failures is honoured");
        assertTrue(statuses.subList(10, 20).stream().allMatch(s -> s == 429), "then 429: " + statuses);
        last.then().contentType("application/problem+json").body("status", equalTo(429));
        int retryAfter = Integer.parseInt(last.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 600, "Retry-After in seconds: " + retryAfter);

        // Even the right reference waits now, so guessing cannot go on...
        lookup(guesser, "caReference", line.reference()).then().statusCode(429);
        // ...while another client looks it up.
        lookup(TrackingTestData.newClient(), "caReference", line.reference())
                .then()
                .statusCode(200)
                .body("lineId", equalTo(line.lineId()));
        // Operators see the guessing.
        io.restassured.RestAssured.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.matchesPattern(
                        "(?s).*certtrack_tracking_lookups_total\\{[^}]*outcome=\"limited\"[^}]*\\} [1-9].*"));
    }
}
