package com.certtrack.tracking.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.CancelRequested;
import com.certtrack.contracts.CertTrackEvent;
import com.certtrack.contracts.DcvAction;
import com.certtrack.contracts.DcvActionRequested;
import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.DcvStatus;
import com.certtrack.contracts.DomainValidation;
import com.certtrack.contracts.RevocationReason;
import com.certtrack.contracts.RevokeRequested;
import com.certtrack.contracts.Topics;
import com.certtrack.support.links.LinkToken;
import com.certtrack.support.outbox.Outbox;
import com.certtrack.support.problem.Problem;
import com.certtrack.support.problem.ProblemException;
import com.certtrack.tracking.access.AccessTokens;
import com.certtrack.tracking.access.LineAccess;
import com.certtrack.tracking.audit.AuditTrail;
import com.certtrack.tracking.lineage.Lineage;
import com.certtrack.tracking.lookup.StatusViews;
import com.certtrack.tracking.view.TrackedLine;
import com.certtrack.tracking.view.ViewProjector;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Which holder requests are allowed in which state of a line and which command each one publishes, without Quarkus:
 * the collaborators are small fakes that record what they are given (the outbox, the projector, the audit trail).
 */
class LineActionRulesTest {

    private static final Instant ISSUED_AT = Instant.parse("2026-06-01T10:00:00Z");

    private final List<String> topics = new ArrayList<>();
    private final List<CertTrackEvent> published = new ArrayList<>();
    private final List<CertTrackEvent> projected = new ArrayList<>();
    private final List<String> audited = new ArrayList<>();
    private final List<String> withdrawn = new ArrayList<>();
    private Lineage.LineLineage lineage;

    private final LineActions actions = new LineActions(
            new Outbox(null, null) {
                @Override
                public void append(String topic, CertTrackEvent event) {
                    topics.add(topic);
                    published.add(event);
                }
            },
            new ViewProjector(null, null, null, null, null, null, null) {
                @Override
                public void apply(CertTrackEvent event) {
                    projected.add(event);
                }
            },
            new AuditTrail(null, null, null) {
                @Override
                public void record(String lineId, String orderNumber, String action, String outcome, String detail) {
                    audited.add(lineId + " " + action + " " + outcome + " " + detail);
                }
            },
            new StatusViews(new ObjectMapper(), null),
            new Lineage(null) {
                @Override
                public LineLineage of(TrackedLine line) {
                    return lineage;
                }
            },
            new LineAccess(null, null) {
                @Override
                public AccessTokens.Issued withdrawTokens(TrackedLine line) {
                    withdrawn.add(line.lineId);
                    return new AccessTokens.Issued("fresh-token", LinkToken.Purpose.ACCESS, ISSUED_AT);
                }
            });

    @Test
    void aDcvActionOnAPendingDomainPublishesOneCommandAppliesAndAuditsIt() throws Exception {
        TrackedLine line = pendingValidation();

        LineActions.DcvAccepted accepted = actions.dcv(line, " WWW.Shop.Example. ", "change_method", "dns_cname");

        assertEquals(new LineActions.DcvAccepted("CHANGE_METHOD", "www.shop.example"), accepted);
        DcvActionRequested command = (DcvActionRequested) only(published);
        assertEquals(List.of(Topics.TRACKING_COMMANDS), topics);
        assertEquals("CT-1", command.orderNumber());
        assertEquals("CT-1-1", command.lineId());
        assertEquals("www.shop.example", command.domain());
        assertEquals(DcvAction.CHANGE_METHOD, command.action());
        assertEquals(DcvMethod.DNS_CNAME, command.dcvMethod());
        assertEquals(List.of(command), projected, "applied to the view at once, so the lookup shows it pending");
        assertEquals(List.of("CT-1-1 DCV_CHANGE ACCEPTED www.shop.example -> DNS_CNAME"), audited);

        actions.dcv(line, "mail.shop.example", "RESEND_APPROVAL", null);
        DcvActionRequested resend = (DcvActionRequested) published.get(1);
        assertEquals(DcvAction.RESEND_APPROVAL, resend.action());
        assertNull(resend.dcvMethod(), "only a method change names a method");
    }

    @Test
    void aDcvActionIsRefusedOutsidePendingValidationAndForAValidatedDomain() {
        TrackedLine issued = pendingValidation();
        issued.status = CaOrderStatus.ISSUED.name();
        assertConflict("not-waiting-for-validation", () -> actions.dcv(issued, "www.shop.example", "RECHECK", null));

        assertConflict(
                "domain-validated", () -> actions.dcv(pendingValidation(), "done.shop.example", "RECHECK", null));
        assertNothingPublished();
    }

    @Test
    void aDcvActionNeedsAKnownDomainAndAFittingActionAndMethod() {
        TrackedLine line = pendingValidation();
        assertInvalid("domain", () -> actions.dcv(line, "elsewhere.example", "RECHECK", null));
        assertInvalid("domain", () -> actions.dcv(line, " ", "RECHECK", null));
        assertInvalid("action", () -> actions.dcv(line, "www.shop.example", "RESTART", null));
        assertInvalid("dcvMethod", () -> actions.dcv(line, "www.shop.example", "CHANGE_METHOD", null));
        assertInvalid("dcvMethod", () -> actions.dcv(line, "*.shop.example", "CHANGE_METHOD", "HTTP_FILE"));
        assertInvalid("action", () -> actions.dcv(line, "www.shop.example", "RESEND_APPROVAL", null));
        assertNothingPublished();
    }

    @Test
    void aLineIsCancelledBeforeIssuanceWithItsReasonStripped() throws Exception {
        TrackedLine line = pendingValidation();

        LineActions.CancelAccepted accepted = actions.cancel(line, "  ordered twice \n");

        CancelRequested command = (CancelRequested) only(published);
        assertEquals("ordered twice", command.reason());
        assertEquals("CT-1-1", command.lineId());
        assertEquals(new LineActions.CancelAccepted("CANCEL", command.occurredAt()), accepted);
        assertEquals(List.of(command), projected);
        assertEquals(List.of("CT-1-1 CANCEL ACCEPTED reason: ordered twice"), audited);

        actions.cancel(pendingValidation(), "  ");
        assertNull(((CancelRequested) published.get(1)).reason(), "a blank reason is no reason");
    }

    @Test
    void aCancelIsRefusedOnceACertificateExistsTheLineEndedOrAReissueIsPending() {
        TrackedLine withCertificate = pendingValidation();
        withCertificate.certificatePemChain = "-----BEGIN CERTIFICATE-----";
        ProblemException issued = assertConflict("cancel-not-possible", () -> actions.cancel(withCertificate, null));
        assertTrue(
                issued.problem().detail().contains("revoke it instead"),
                issued.problem().detail());

        for (String ended : List.of("ISSUED", "REJECTED", "CANCELLED", "REVOKED", TrackedLine.PROVISIONED)) {
            TrackedLine line = pendingValidation();
            line.status = ended;
            assertConflict("cancel-not-possible", () -> actions.cancel(line, null));
        }
        TrackedLine reissuing = pendingValidation();
        reissuing.status = CaOrderStatus.REISSUE_PENDING.name();
        assertConflict("cancel-not-possible", () -> actions.cancel(reissuing, null));
        assertNothingPublished();
    }

    @Test
    void aCancelReasonIsBoundedAndPlainText() {
        assertInvalid("reason", () -> actions.cancel(pendingValidation(), "x".repeat(LineActions.MAX_REASON + 1)));
        assertInvalid("reason", () -> actions.cancel(pendingValidation(), "bell\u0007"));
        assertNothingPublished();
        actions.cancel(pendingValidation(), "x".repeat(LineActions.MAX_REASON));
        actions.cancel(pendingValidation(), "two\nlines");
        assertEquals(2, published.size(), "the longest reason allowed and a line break are fine");
    }

    @Test
    void revokingWithoutSerialsRevokesTheCurrentCertificateAndWithdrawsEveryToken() throws Exception {
        TrackedLine line = issued("c3");
        lineage = lineage(line, certificate("c3", Lineage.State.CURRENT), certificate("b2", Lineage.State.SUPERSEDED));

        LineActions.RevokeAccepted accepted = actions.revoke(line, "key_compromise", null);

        RevokeRequested command = (RevokeRequested) only(published);
        assertEquals(List.of("c3"), command.serialNumbers());
        assertEquals(RevocationReason.KEY_COMPROMISE, command.reason());
        assertEquals(List.of(command), projected);
        assertEquals(List.of("CT-1-1 REVOKE ACCEPTED serial c3; reason: KEY_COMPROMISE"), audited);
        assertEquals(List.of("CT-1-1"), withdrawn);
        assertEquals(
                new LineActions.RevokeAccepted(List.of("c3"), "KEY_COMPROMISE", "fresh-token", ISSUED_AT), accepted);
    }

    @Test
    void namedSerialsAreNormalisedDeduplicatedAndMustBelongToTheLine() throws Exception {
        TrackedLine line = issued("c3");
        lineage = lineage(line, certificate("c3", Lineage.State.CURRENT), certificate("b2", Lineage.State.SUPERSEDED));

        actions.revoke(line, "SUPERSEDED", List.of("0B:2", "0x00b2", "C3"));
        assertEquals(List.of("b2", "c3"), ((RevokeRequested) only(published)).serialNumbers());

        assertInvalid("serialNumbers[1]", () -> actions.revoke(line, "SUPERSEDED", List.of("b2", "d4")));
        assertInvalid("serialNumbers[0]", () -> actions.revoke(line, "SUPERSEDED", List.of("not-hex")));
        assertInvalid("reason", () -> actions.revoke(line, null, null));
        assertInvalid("reason", () -> actions.revoke(line, "BORED", null));
        assertEquals(1, published.size());
    }

    @Test
    void nothingIsRevokedTwiceNorWithoutACertificate() {
        TrackedLine line = issued("c3");
        lineage = lineage(line, certificate("c3", Lineage.State.CURRENT), certificate("b2", Lineage.State.REVOKED));
        ProblemException twice =
                assertConflict("nothing-to-revoke", () -> actions.revoke(line, "SUPERSEDED", List.of("b2", "c3")));
        assertEquals("Already revoked: b2.", twice.problem().detail());

        TrackedLine none = pendingValidation();
        lineage = lineage(none);
        assertConflict("nothing-to-revoke", () -> actions.revoke(none, "UNSPECIFIED", List.of()));
        assertNothingPublished();
        assertEquals(List.of(), withdrawn, "a refused request withdraws no token");
    }

    @Test
    void revokeSupersededNamesEveryCertificateNeitherCurrentNorRevokedWithReasonSupersededByDefault() throws Exception {
        TrackedLine line = issued("d4");
        lineage = lineage(
                line,
                certificate("d4", Lineage.State.CURRENT),
                certificate("c3", Lineage.State.SUPERSEDED),
                certificate("b2", Lineage.State.REVOKED),
                certificate("a1", Lineage.State.EXPIRED));

        LineActions.RevokeAccepted accepted = actions.revokeSuperseded(line, null);

        RevokeRequested command = (RevokeRequested) only(published);
        assertEquals(List.of("c3", "a1"), command.serialNumbers());
        assertEquals(RevocationReason.SUPERSEDED, command.reason());
        assertEquals("SUPERSEDED", accepted.reason());

        actions.revokeSuperseded(line, "cessation_of_operation");
        assertEquals(RevocationReason.CESSATION_OF_OPERATION, ((RevokeRequested) published.get(1)).reason());

        lineage = lineage(line, certificate("d4", Lineage.State.CURRENT), certificate("b2", Lineage.State.REVOKED));
        assertConflict("nothing-to-revoke", () -> actions.revokeSuperseded(line, null));
        assertEquals(2, published.size());
    }

    private static TrackedLine pendingValidation() {
        TrackedLine line = new TrackedLine();
        line.lineId = "CT-1-1";
        line.orderNumber = "CT-1";
        line.status = CaOrderStatus.PENDING_VALIDATION.name();
        line.domains = json(List.of(
                new DomainValidation("www.shop.example", DcvMethod.HTTP_FILE, DcvStatus.PENDING, "put the file"),
                new DomainValidation("*.shop.example", DcvMethod.DNS_TXT, DcvStatus.PENDING, "add the record"),
                new DomainValidation("mail.shop.example", DcvMethod.EMAIL, DcvStatus.PENDING, "approve the mail"),
                new DomainValidation("done.shop.example", DcvMethod.HTTP_FILE, DcvStatus.VALIDATED, null)));
        return line;
    }

    private static TrackedLine issued(String serial) {
        TrackedLine line = pendingValidation();
        line.status = CaOrderStatus.ISSUED.name();
        line.certificateSerial = serial;
        line.certificatePemChain = "-----BEGIN CERTIFICATE-----";
        return line;
    }

    /** Newest first, as {@link Lineage#of} gives them. */
    private static Lineage.LineLineage lineage(TrackedLine line, Lineage.Certificate... certificates) {
        return new Lineage.LineLineage(line.lineId, null, null, line.certificateSerial, List.of(certificates));
    }

    private static Lineage.Certificate certificate(String serial, Lineage.State state) {
        return new Lineage.Certificate(
                serial,
                "ab".repeat(32),
                ISSUED_AT,
                ISSUED_AT.plusSeconds(86_400 * 90),
                ISSUED_AT,
                Lineage.Origin.ISSUED,
                state,
                state == Lineage.State.REVOKED ? ISSUED_AT : null,
                state == Lineage.State.REVOKED ? "SUPERSEDED" : null);
    }

    private static String json(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static CertTrackEvent only(List<CertTrackEvent> events) {
        assertEquals(1, events.size(), "one command: " + events);
        return events.get(0);
    }

    private void assertNothingPublished() {
        assertEquals(List.of(), published);
        assertEquals(List.of(), projected);
        assertEquals(List.of(), audited);
    }

    private static ProblemException assertConflict(String slug, Executable action) {
        ProblemException refused = assertThrows(ProblemException.class, action);
        Problem problem = refused.problem();
        assertEquals(409, problem.status(), problem.toString());
        assertTrue(problem.type().endsWith("/" + slug), problem.type());
        return refused;
    }

    private static void assertInvalid(String field, Executable action) {
        ProblemException refused = assertThrows(ProblemException.class, action);
        Problem problem = refused.problem();
        assertEquals(400, problem.status(), problem.toString());
        assertEquals(field, problem.errors().get(0).field(), problem.toString());
    }
}
