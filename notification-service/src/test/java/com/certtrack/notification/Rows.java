package com.certtrack.notification;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.notification.intake.EventIntake;
import com.certtrack.testsupport.Mailbox;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/** Counts rows of this service's schema, the way the tests read its state: one SQL with one string parameter. */
final class Rows {

    private Rows() {}

    static int count(DataSource db, String sql, String parameter) throws SQLException {
        try (Connection connection = db.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    static void awaitCount(DataSource db, String sql, String parameter, int expected) throws SQLException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (count(db, sql, parameter) != expected) {
            assertTrue(Instant.now().isBefore(deadline), "waited for " + expected + " rows: " + sql);
            Mailbox.sleep(200);
        }
    }

    /**
     * Waits until this service has consumed {@code eventIds} (their ledger rows, written in the transaction that
     * queues their mail) and no mail of the order is still pending (sent, or given up on). After that no mail of
     * those events can still come, so a test can check at once that none came twice.
     */
    static void awaitMailed(DataSource db, String orderNumber, UUID... eventIds) throws SQLException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (consumed(db, eventIds) != eventIds.length) {
            assertTrue(
                    Instant.now().isBefore(deadline), "waited for the ledger rows of " + eventIds.length + " events");
            Mailbox.sleep(100);
        }
        while (count(db, "SELECT count(*) FROM mail_job WHERE order_number = ? AND status = 'PENDING'", orderNumber)
                != 0) {
            assertTrue(Instant.now().isBefore(deadline), "waited for the mail of order " + orderNumber + " to be sent");
            Mailbox.sleep(100);
        }
    }

    private static int consumed(DataSource db, UUID... eventIds) throws SQLException {
        try (Connection connection = db.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT count(*) FROM processed_event WHERE consumer = ? AND event_id = ANY (?)")) {
            Array ids = connection.createArrayOf("uuid", eventIds);
            query.setString(1, EventIntake.CONSUMER);
            query.setArray(2, ids);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            } finally {
                ids.free();
            }
        }
    }
}
