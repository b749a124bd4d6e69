package com.certtrack.cagateway.commands;

import com.certtrack.cagateway.line.CaLine;
import com.certtrack.cagateway.polling.PollSchedule;
import com.certtrack.contracts.CancelRequested;
import com.certtrack.contracts.DcvAction;
import com.certtrack.contracts.DcvActionRequested;
import com.certtrack.contracts.RefreshRequested;
import com.certtrack.contracts.ReissueRequested;
import com.certtrack.contracts.RevocationReason;
import com.certtrack.contracts.RevokeRequested;
import com.certtrack.support.certificates.SerialNumbers;
import com.certtrack.support.events.PoisonEventException;
import com.certtrack.support.ledger.EventLedger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes commands from tracking-service: a refresh is done at once (poll now); the others become durable command rows
 * that {@link CommandJob} carries out at the CA. Each command counts once per event id; a command that cannot be
 * carried out whatever the CA says (unknown line, missing fields) is poison and goes to the dead-letter topic.
 */
@ApplicationScoped
public class CommandIntake {

    private static final String CONSUMER = "ca-gateway.commands";

    private final EventLedger ledger;
    private final PollSchedule schedule;

    public CommandIntake(EventLedger ledger, PollSchedule schedule) {
        this.ledger = ledger;
        this.schedule = schedule;
    }

    /** A lookup of an unfinished line: poll the CA now, so the portal shows what the CA says moments from now. */
    @Transactional
    public void refresh(RefreshRequested refresh) {
        if (!ledger.firstDelivery(refresh.eventId(), CONSUMER)) {
            return;
        }
        CaLine line = CaLine.findById(refresh.lineId(), LockModeType.PESSIMISTIC_WRITE);
        if (line != null && line.caOrderId != null) {
            schedule.pollNow(line);
        }
    }

    @Transactional
    public void reissue(ReissueRequested reissue) {
        if (!ledger.firstDelivery(reissue.eventId(), CONSUMER)) {
            return;
        }
        CaCommand command = CaCommand.pending(
                reissue.eventId(), knownLine(reissue.lineId(), ReissueRequested.TYPE), CaCommand.Kind.REISSUE);
        command.csrPem = reissue.csrPem();
        command.domains = reissue.domains() == null ? null : String.join(",", reissue.domains());
        command.persist();
    }

    @Transactional
    public void dcvAction(DcvActionRequested request) {
        if (!ledger.firstDelivery(request.eventId(), CONSUMER)) {
            return;
        }
        String lineId = knownLine(request.lineId(), DcvActionRequested.TYPE);
        if (request.domain() == null || request.domain().isBlank() || request.action() == null) {
            throw new PoisonEventException("DcvActionRequested " + request.eventId() + " without domain or action");
        }
        if (request.action() == DcvAction.CHANGE_METHOD && request.dcvMethod() == null) {
            throw new PoisonEventException(
                    "DcvActionRequested " + request.eventId() + ": CHANGE_METHOD without dcvMethod");
        }
        CaCommand command = CaCommand.pending(request.eventId(), lineId, CaCommand.Kind.DCV_ACTION);
        command.domain = request.domain().trim();
        command.dcvAction = request.action();
        command.dcvMethod = request.action() == DcvAction.CHANGE_METHOD ? request.dcvMethod() : null;
        command.persist();
    }

    @Transactional
    public void cancel(CancelRequested request) {
        if (!ledger.firstDelivery(request.eventId(), CONSUMER)) {
            return;
        }
        CaCommand command = CaCommand.pending(
                request.eventId(), knownLine(request.lineId(), CancelRequested.TYPE), CaCommand.Kind.CANCEL);
        command.reason = request.reason();
        command.persist();
    }

    @Transactional
    public void revoke(RevokeRequested request) {
        if (!ledger.firstDelivery(request.eventId(), CONSUMER)) {
            return;
        }
        CaCommand command = CaCommand.pending(
                request.eventId(), knownLine(request.lineId(), RevokeRequested.TYPE), CaCommand.Kind.REVOKE);
        List<String> serials = new ArrayList<>();
        for (String serial : request.serialNumbers() == null ? List.<String>of() : request.serialNumbers()) {
            String canonical = SerialNumbers.normalise(serial).orElse(null);
            if (canonical == null) {
                throw new PoisonEventException(
                        "RevokeRequested " + request.eventId() + ": '" + serial + "' is not a hex serial number");
            }
            if (!serials.contains(canonical)) {
                serials.add(canonical);
            }
        }
        command.serialNumbers = serials.isEmpty() ? null : String.join(",", serials);
        command.reason = (request.reason() == null ? RevocationReason.UNSPECIFIED : request.reason()).name();
        command.persist();
    }

    private static String knownLine(String lineId, String type) {
        if (lineId == null || CaLine.findById(lineId) == null) {
            throw new PoisonEventException(type + " for unknown line " + lineId);
        }
        return lineId;
    }
}
