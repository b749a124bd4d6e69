package com.certtrack.notification;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.testsupport.Mailbox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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
}
