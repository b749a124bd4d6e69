package com.certtrack.tracking.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.contracts.ReissueRequested;
import com.certtrack.contracts.ReminderSettingsChanged;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The projector's decisions, without Quarkus: the newest event wins each fact, whatever order they come in. */
class LineUpdatesTest {

    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aReissueIsRecordedWhetherOrNotTheCertificateIsProjectedYet() {
        TrackedLine rebuilding = new TrackedLine(); // a rebuild may read the command before the certificate
        LineUpdates.reissueRequested(rebuilding, reissue(T, List.of("shop.example")));
        assertEquals(T, rebuilding.reissueRequestedAt);
        assertNull(rebuilding.csrSubmittedAt, "a reissue is not the awaited CSR");

        TrackedLine issued = new TrackedLine();
        issued.certificatePemChain = "-----BEGIN CERTIFICATE-----";
        LineUpdates.reissueRequested(issued, reissue(T, List.of("shop.example")));
        assertEquals(T, issued.reissueRequestedAt);
        assertNull(issued.csrSubmittedAt);
    }

    @Test
    void aCsrWithoutDomainsIsTheAwaitedOne() {
        TrackedLine line = new TrackedLine();
        LineUpdates.reissueRequested(line, reissue(T, null));
        assertEquals(T, line.csrSubmittedAt);
        assertNull(line.reissueRequestedAt);
    }

    @Test
    void anOlderRequestDoesNotMoveTheTimesBack() {
        TrackedLine line = new TrackedLine();
        LineUpdates.reissueRequested(line, reissue(T, List.of("a.example")));
        LineUpdates.reissueRequested(line, reissue(T.minusSeconds(60), List.of("a.example")));
        LineUpdates.reissueRequested(line, reissue(T, null));
        LineUpdates.reissueRequested(line, reissue(T.minusSeconds(60), null));
        assertEquals(T, line.reissueRequestedAt);
        assertEquals(T, line.csrSubmittedAt);
    }

    @Test
    void theNewestReminderSettingWinsAndAnEmptyListTurnsThemOff() {
        TrackedLine line = new TrackedLine();
        LineUpdates.reminderSettings(line, reminders(T, List.of()));
        LineUpdates.reminderSettings(line, reminders(T.minusSeconds(1), List.of(30, 7)));
        assertEquals("", line.reminderDays);
        assertEquals(T, line.reminderDaysAt);
        LineUpdates.reminderSettings(line, reminders(T.plusSeconds(1), List.of(60, 3)));
        assertEquals("60,3", line.reminderDays);
    }

    @Test
    void aStatusOlderThanTheViewsIsIgnoredOneAsOldIsTaken() {
        TrackedLine line = new TrackedLine();
        assertTrue(LineUpdates.newerStatus(line, T), "nothing known yet");
        line.statusAt = T;
        assertTrue(LineUpdates.newerStatus(line, T));
        assertFalse(LineUpdates.newerStatus(line, T.minusMillis(1)));
    }

    @Test
    void theCaWasLastQueriedAtTheLatestReportAndABlankHashKeepsTheIndex() {
        TrackedLine line = new TrackedLine();
        LineUpdates.queried(line, T);
        LineUpdates.queried(line, T.minusSeconds(5));
        LineUpdates.queried(line, null);
        assertEquals(T, line.caLastQueriedAt);

        LineUpdates.index(line, "hash-1");
        LineUpdates.index(line, " ");
        LineUpdates.index(line, null);
        assertEquals("hash-1", line.caReferenceHash);
    }

    private static ReissueRequested reissue(Instant at, List<String> domains) {
        return ReissueRequested.of(UUID.randomUUID(), at, "CT-1", "L-1", "csr", domains);
    }

    private static ReminderSettingsChanged reminders(Instant at, List<Integer> days) {
        return ReminderSettingsChanged.of(UUID.randomUUID(), at, "CT-1", "L-1", days);
    }
}
