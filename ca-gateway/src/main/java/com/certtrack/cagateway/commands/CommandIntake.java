package com.certtrack.cagateway.commands;

import com.certtrack.cagateway.line.CaLine;
import com.certtrack.cagateway.polling.PollSchedule;
import com.certtrack.contracts.RefreshRequested;
import com.certtrack.contracts.ReissueRequested;
import com.certtrack.support.events.PoisonEventException;
import com.certtrack.support.ledger.EventLedger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;

@ApplicationScoped
public class CommandIntake {

    private final EventLedger ledger;
    private final PollSchedule schedule;

    public CommandIntake(EventLedger ledger, PollSchedule schedule) {
        this.ledger = ledger;
        this.schedule = schedule;
    }

    /** A lookup of an unfinished line: poll the CA now, so the portal shows what the CA says moments from now. */
    @Transactional
    public void refresh(RefreshRequested refresh) {
        if (!ledger.firstDelivery(refresh.eventId(), "ca-gateway.commands")) {
            return;
        }
        CaLine line = CaLine.findById(refresh.lineId(), LockModeType.PESSIMISTIC_WRITE);
        if (line != null && line.caOrderId != null) {
            schedule.pollNow(line);
        }
    }

    @Transactional
    public void reissue(ReissueRequested reissue) {
        if (!ledger.firstDelivery(reissue.eventId(), "ca-gateway.commands")) {
            return;
        }
        if (CaLine.findById(reissue.lineId()) == null) {
            throw new PoisonEventException("ReissueRequested for unknown line " + reissue.lineId());
        }
        CaCommand command = new CaCommand();
        command.eventId = reissue.eventId();
        command.lineId = reissue.lineId();
        command.kind = CaCommand.Kind.REISSUE;
        command.csrPem = reissue.csrPem();
        command.domains = reissue.domains() == null ? null : String.join(",", reissue.domains());
        command.state = CaCommand.State.PENDING;
        command.nextAttemptAt = Instant.now();
        command.createdAt = Instant.now();
        command.persist();
    }
}
