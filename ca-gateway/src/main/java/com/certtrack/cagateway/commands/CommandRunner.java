package com.certtrack.cagateway.commands;

import com.certtrack.cagateway.ca.CaAdapter;
import com.certtrack.cagateway.ca.CaCertificate;
import com.certtrack.cagateway.ca.CaOrder;
import com.certtrack.cagateway.ca.CaRejectedException;
import com.certtrack.cagateway.line.CaLine;
import com.certtrack.cagateway.line.LineEvents;
import com.certtrack.cagateway.polling.PollSchedule;
import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.RevocationReason;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Carries out one command at the CA inside the claiming transaction and writes what the CA answered to the outbox.
 * A command repeated after a crash (the CA acted, our commit did not happen) finds the CA's state already changed
 * and reports it as done: cancelling a cancelled order, revoking a revoked certificate.
 */
@ApplicationScoped
public class CommandRunner {

    private static final int MAX_REASON = 500;

    private final CaAdapter ca;
    private final LineEvents events;
    private final PollSchedule schedule;

    public CommandRunner(CaAdapter ca, LineEvents events, PollSchedule schedule) {
        this.ca = ca;
        this.events = events;
        this.schedule = schedule;
    }

    /** @throws CaRejectedException when the CA refused the whole command */
    void run(CaCommand command, CaLine line) {
        switch (command.kind) {
            case REISSUE -> reissue(command, line);
            case DCV_ACTION -> dcvAction(command, line);
            case CANCEL -> cancel(command, line);
            case REVOKE -> revoke(command, line);
        }
    }

    /** What else a refusal changes besides the {@code CaCommandRejected} event. */
    void refused(CaCommand command, CaLine line, CaRejectedException e) {
        if (command.kind == CaCommand.Kind.REISSUE && line.caOrderId != null) {
            events.observed(line, ca.status(line.caOrderId), "Reissue refused by the CA: " + e.getMessage());
        }
    }

    private void reissue(CaCommand command, CaLine line) {
        List<String> domains = command.domains == null ? null : Arrays.asList(command.domains.split(","));
        events.observed(line, ca.reissue(line.caOrderId, command.csrPem, domains), null);
        schedule.pollSoon(line);
    }

    private void dcvAction(CaCommand command, CaLine line) {
        CaOrder order = switch (command.dcvAction) {
            case CHANGE_METHOD -> ca.changeDcvMethod(line.caOrderId, command.domain, command.dcvMethod);
            case RECHECK -> ca.recheckDomain(line.caOrderId, command.domain);
            case RESEND_APPROVAL -> ca.resendApprovalEmail(line.caOrderId, command.domain);
        };
        events.announced(line, order);
        schedule.pollSoon(line);
    }

    private void cancel(CaCommand command, CaLine line) {
        CaOrder order;
        try {
            order = ca.cancel(line.caOrderId);
        } catch (CaRejectedException e) {
            CaOrder now = ca.status(line.caOrderId);
            if (now.status() != CaOrderStatus.CANCELLED) {
                throw e;
            }
            order = now;
        }
        String reason = command.reason == null || command.reason.isBlank()
                ? "Cancelled at the customer's request."
                : "Cancelled at the customer's request: " + command.reason.strip();
        events.observed(line, order, reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason);
        schedule.afterPoll(line, true);
    }

    private void revoke(CaCommand command, CaLine line) {
        RevocationReason reason = RevocationReason.valueOf(command.reason);
        CaOrder order = ca.status(line.caOrderId);
        List<String> serials = new ArrayList<>(command.serialList());
        if (serials.isEmpty()) {
            if (order.certificate() == null) {
                throw new CaRejectedException("The line has no certificate to revoke (" + order.status() + ").");
            }
            serials.add(order.certificate().serialNumber());
        }
        // Superseded certificates first: revoking the current one ends the order.
        CaOrder before = order;
        serials.sort(Comparator.comparing(
                serial -> before.certificate(serial).map(CaCertificate::current).orElse(false)));
        List<String> refusals = new ArrayList<>();
        int revoked = 0;
        for (String serial : serials) {
            CaCertificate known = order.certificate(serial).orElse(null);
            if (known == null) {
                refusals.add(serial + " is not a certificate of this line");
                continue;
            }
            if (known.revokedAt() == null) {
                try {
                    order = ca.revokeCertificate(line.caOrderId, serial, reason);
                } catch (CaRejectedException e) {
                    refusals.add(serial + ": " + e.reason());
                    continue;
                }
            }
            CaCertificate now = order.certificate(serial).orElse(known);
            if (now.revokedAt() != null) {
                events.certificateRevoked(line, now, reason);
                revoked++;
            }
        }
        if (revoked == 0) {
            throw new CaRejectedException("Nothing was revoked. " + String.join("; ", refusals));
        }
        boolean changed = events.observed(line, order, null);
        schedule.afterPoll(line, changed);
        if (!refusals.isEmpty()) {
            events.commandRejected(
                    line, command.eventId, command.kind.eventType, "Not revoked: " + String.join("; ", refusals));
        }
    }
}
