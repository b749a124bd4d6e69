package com.certtrack.tracking;

import static com.certtrack.tracking.LifecycleTestData.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.certtrack.contracts.Product;
import com.certtrack.contracts.ReminderSettingsChanged;
import com.certtrack.contracts.Topics;
import com.certtrack.testsupport.CertTrackTestResource;
import com.certtrack.testsupport.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reminder days per line: the default until changed, checked, kept in the view and sent to notification-service. */
@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
class ReminderSettingsTest {

    @Test
    void reminderDaysDefaultChangeAndTurnOff() throws Exception {
        TestPki pki = TestPki.create();
        var line = TrackingTestData.newLine(Product.DV_SINGLE, 1);
        LifecycleTestData.issued(pki, line, Instant.now().minusSeconds(600), LifecycleTestData.CUSTOMER, null);
        String token = LifecycleTestData.token(line);

        given().get("/api/tracking/reminders").then().statusCode(401);
        given().auth()
                .oauth2(token)
                .get("/api/tracking/reminders")
                .then()
                .statusCode(200)
                .body("reminderDays", equalTo(ReminderSettingsChanged.DEFAULT_DAYS));

        invalid(token, Map.of("reminderDays", List.of(30, 400)), "reminderDays[1]", "between -365 and 365");
        invalid(token, Map.of("reminderDays", List.of(-366)), "reminderDays[0]", "between -365 and 365");
        invalid(token, Map.of("reminderDays", List.of(7, 30, 7)), "reminderDays[2]", "repeats reminderDays[0]");
        invalid(token, Map.of(), "reminderDays", "required");
        as(token)
                .body("{\"reminderDays\": \"soon\"}")
                .put("/api/tracking/reminders")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");

        try (TopicReader commands = TopicReader.fromBeginning(Topics.TRACKING_COMMANDS)) {
            as(token)
                    .body(Map.of("reminderDays", List.of(7, -3, 45, 0)))
                    .put("/api/tracking/reminders")
                    .then()
                    .statusCode(200)
                    .body("reminderDays", equalTo(List.of(45, 7, 0, -3)));
            ReminderSettingsChanged changed = TrackingTestData.JSON.readValue(
                    LifecycleTestData.command(commands, line, ReminderSettingsChanged.TYPE, 1)
                            .value(),
                    ReminderSettingsChanged.class);
            assertEquals(line.lineId(), changed.lineId());
            assertEquals(List.of(45, 7, 0, -3), changed.reminderDays());
            given().auth()
                    .oauth2(token)
                    .get("/api/tracking/reminders")
                    .then()
                    .statusCode(200)
                    .body("reminderDays", equalTo(List.of(45, 7, 0, -3)));

            as(token)
                    .body(Map.of("reminderDays", List.of()))
                    .put("/api/tracking/reminders")
                    .then()
                    .statusCode(200)
                    .body("reminderDays", equalTo(List.of()));
            ReminderSettingsChanged off = TrackingTestData.JSON.readValue(
                    LifecycleTestData.command(commands, line, ReminderSettingsChanged.TYPE, 2)
                            .value(),
                    ReminderSettingsChanged.class);
            assertEquals(List.of(), off.reminderDays());
            given().auth()
                    .oauth2(token)
                    .get("/api/tracking/reminders")
                    .then()
                    .statusCode(200)
                    .body("reminderDays", equalTo(List.of()));
        }
        given().auth()
                .oauth2(token)
                .get("/api/tracking/audit")
                .then()
                .statusCode(200)
                .body("entries.detail", hasItem("reminders off"))
                .body("entries.detail", hasItem("reminder days: 45,7,0,-3"))
                .body("entries[0].action", equalTo("REMINDERS_CHANGED"));
    }

    private static void invalid(String token, Object body, String field, String message) {
        as(token)
                .body(body)
                .put("/api/tracking/reminders")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field))
                .body("errors.find { it.field == '" + field + "' }.message", containsString(message));
    }
}
