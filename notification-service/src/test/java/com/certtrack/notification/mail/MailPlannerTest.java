package com.certtrack.notification.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.CaOrderStatusChanged;
import com.certtrack.contracts.CaOrderSubmitted;
import com.certtrack.contracts.CaasProvisioned;
import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.DcvStatus;
import com.certtrack.contracts.DomainValidation;
import com.certtrack.contracts.Product;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MailPlannerTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final List<DomainValidation> PENDING =
            List.of(new DomainValidation("a.example.org", DcvMethod.DNS_TXT, DcvStatus.PENDING, "TXT _dnsauth = x"));
    private static final List<DomainValidation> VALIDATED =
            List.of(new DomainValidation("a.example.org", DcvMethod.DNS_TXT, DcvStatus.VALIDATED, null));

    private final MailPlanner planner = new MailPlanner();

    @Test
    void aSubmittedLineGetsItsShipmentAndInstructionsOnlyWhenTheCaWaitsForTheCustomer() {
        assertEquals(
                List.of(MailTemplate.SHIPMENT, MailTemplate.VALIDATION_INSTRUCTIONS),
                templates(submitted(CaOrderStatus.PENDING_VALIDATION, PENDING)));
        assertEquals(List.of(MailTemplate.SHIPMENT), templates(submitted(CaOrderStatus.SUBMITTED, VALIDATED)));
        MailDraft shipment = planner.plan(submitted(CaOrderStatus.SUBMITTED, VALIDATED), "Ada")
                .get(0);
        assertEquals("sealed-ref", shipment.sealedCaReference());
        assertEquals("L1", shipment.lineId());
    }

    @Test
    void statusChangesMailIssuedReissuedRejectedAndNewValidationOnly() {
        assertEquals(
                List.of(MailTemplate.ISSUED),
                templates(changed(CaOrderStatus.ISSUED, CaOrderStatus.PENDING_VALIDATION)));
        assertEquals(
                List.of(MailTemplate.REISSUED),
                templates(changed(CaOrderStatus.ISSUED, CaOrderStatus.REISSUE_PENDING)));
        assertEquals(
                List.of(MailTemplate.REJECTED), templates(changed(CaOrderStatus.REJECTED, CaOrderStatus.SUBMITTED)));
        assertEquals(
                List.of(MailTemplate.VALIDATION_INSTRUCTIONS),
                templates(changed(CaOrderStatus.PENDING_VALIDATION, CaOrderStatus.SUBMITTED)));
        assertEquals(List.of(), templates(changed(CaOrderStatus.PENDING_VALIDATION, CaOrderStatus.PENDING_VALIDATION)));
        assertEquals(List.of(), templates(changed(CaOrderStatus.REISSUE_PENDING, CaOrderStatus.ISSUED)));
    }

    @Test
    void caasMailsNameTheRevealDeadlineAndNeverTouchTheEabKey() throws Exception {
        Instant orderedAt = Instant.parse("2026-11-20T09:15:00Z");
        CaasProvisioned caas = CaasProvisioned.of(
                UUID.randomUUID(),
                NOW,
                "CT-1",
                "L3",
                "hash",
                "sealed-ref",
                "kid-1",
                "SEALED-EAB-KEY",
                "https://acme.example/directory",
                orderedAt,
                orderedAt.plus(Duration.ofDays(7)));
        List<MailDraft> drafts = planner.plan(caas, "Ada");
        assertEquals(
                List.of(MailTemplate.CAAS_SHIPMENT, MailTemplate.CAAS_CREDENTIALS),
                drafts.stream().map(MailDraft::template).toList());
        assertEquals("sealed-ref", drafts.get(0).sealedCaReference());
        assertNull(drafts.get(1).sealedCaReference());
        MailModel model = drafts.get(1).model();
        assertEquals("27 November 2026, 09:15 UTC", model.revealableUntil());
        String stored = new ObjectMapper().writeValueAsString(model);
        assertFalse(stored.contains("SEALED-EAB-KEY") || stored.contains("sealed-ref"), stored);
    }

    @Test
    void cancelledAndRevokedLinesAreMailedOnceWithTheReasonInWords() {
        assertEquals(
                List.of(MailTemplate.CANCELLED),
                templates(changed(CaOrderStatus.CANCELLED, CaOrderStatus.PENDING_VALIDATION)));
        assertEquals(List.of(), templates(changed(CaOrderStatus.CANCELLED, CaOrderStatus.CANCELLED)));
        assertEquals(List.of(), templates(changed(CaOrderStatus.REVOKED, CaOrderStatus.REVOKED)));
        for (String given : List.of("KEY_COMPROMISE", "key compromise", "Key-Compromise")) {
            MailDraft revoked = planner.plan(
                            CaOrderStatusChanged.of(
                                    UUID.randomUUID(),
                                    NOW,
                                    "CT-1",
                                    "L1",
                                    "CA-1",
                                    "hash",
                                    CaOrderStatus.REVOKED,
                                    CaOrderStatus.ISSUED,
                                    VALIDATED,
                                    null,
                                    given),
                            "Ada")
                    .get(0);
            assertEquals(MailTemplate.REVOKED, revoked.template());
            assertEquals(
                    "key compromise: the private key is known or suspected to be in someone else's hands",
                    revoked.model().reason());
        }
        MailDraft other = planner.plan(
                        CaOrderStatusChanged.of(
                                UUID.randomUUID(),
                                NOW,
                                "CT-1",
                                "L1",
                                "CA-1",
                                "hash",
                                CaOrderStatus.REVOKED,
                                CaOrderStatus.ISSUED,
                                VALIDATED,
                                null,
                                "revoked by the CA: misissued"),
                        "Ada")
                .get(0);
        assertEquals("revoked by the CA: misissued", other.model().reason(), "the CA's own text is kept");
    }

    @Test
    void reminderDaysLeftAreWholeDaysFromNowAndNegativeAfterExpiry() {
        Instant notAfter = NOW.plus(Duration.ofDays(30));
        MailDraft reminder = planner.expiryReminder(
                "CT-1",
                "Ada",
                "L1",
                Product.DV_SINGLE,
                List.of("a.example.org"),
                "0a1b",
                notAfter,
                NOW.plus(Duration.ofHours(1)));
        assertEquals(MailTemplate.EXPIRY_REMINDER, reminder.template());
        assertEquals(30, reminder.model().daysLeft());
        assertEquals("25 December 2026, 10:00 UTC", reminder.model().validUntil());
        assertEquals(
                "Your certificate for a.example.org expires in 30 days, order CT-1",
                reminder.template().subject(reminder.model()));
        MailDraft late = planner.expiryReminder(
                "CT-1",
                "Ada",
                "L1",
                Product.DV_SINGLE,
                List.of("a.example.org"),
                "0a1b",
                notAfter,
                notAfter.plus(Duration.ofDays(7)).plus(Duration.ofHours(1)));
        assertEquals(-7, late.model().daysLeft());
        assertEquals(
                "Your certificate for a.example.org expired 7 days ago, order CT-1",
                late.template().subject(late.model()));
    }

    @Test
    void jobIdsAreTheSameForTheSameEventTemplateAndRecipient() {
        UUID event = UUID.randomUUID();
        assertEquals(
                MailJobs.jobId(event, MailTemplate.SHIPMENT, "A@Example.com"),
                MailJobs.jobId(event, MailTemplate.SHIPMENT, "a@example.com"));
        assertNotEquals(
                MailJobs.jobId(event, MailTemplate.SHIPMENT, "a@example.com"),
                MailJobs.jobId(event, MailTemplate.VALIDATION_INSTRUCTIONS, "a@example.com"));
    }

    private List<MailTemplate> templates(Object event) {
        return planner.plan((com.certtrack.contracts.CertTrackEvent) event, "Ada").stream()
                .map(MailDraft::template)
                .toList();
    }

    private static CaOrderSubmitted submitted(CaOrderStatus status, List<DomainValidation> domains) {
        return CaOrderSubmitted.of(
                UUID.randomUUID(), NOW, "CT-1", "L1", Product.DV_SINGLE, "CA-1", "hash", "sealed-ref", status, domains);
    }

    private static CaOrderStatusChanged changed(CaOrderStatus status, CaOrderStatus previous) {
        return CaOrderStatusChanged.of(
                UUID.randomUUID(),
                NOW,
                "CT-1",
                "L1",
                "CA-1",
                "hash",
                status,
                previous,
                status == CaOrderStatus.PENDING_VALIDATION ? PENDING : VALIDATED,
                null,
                status == CaOrderStatus.REJECTED ? "domain not eligible" : null);
    }
}
