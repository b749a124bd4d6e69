package com.certtrack.cagateway.polling;

import com.certtrack.cagateway.GatewayConfig;
import com.certtrack.cagateway.line.CaLine;
import com.certtrack.contracts.CaOrderStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to ask the CA again: soon after a submission, a change or a refresh request; then less and less often
 * (exponential growth with jitter) while nothing changes; never again once the line is issued or final, until a
 * refresh or reissue asks.
 */
@ApplicationScoped
public class PollSchedule {

    private final GatewayConfig.Polling config;

    public PollSchedule(GatewayConfig config) {
        this.config = config.polling();
    }

    public void pollSoon(CaLine line) {
        line.pollIntervalMs = config.fastInterval().toMillis();
        line.nextPollAt = Instant.now().plusMillis(withJitter(line.pollIntervalMs));
    }

    /** Someone is looking at the line: ask the CA now and say so when done. */
    public void pollNow(CaLine line) {
        line.pollIntervalMs = config.fastInterval().toMillis();
        line.nextPollAt = Instant.now();
        line.checkRequested = true;
    }

    public void afterPoll(CaLine line, boolean changed) {
        if (settled(line.caStatus)) {
            line.nextPollAt = null;
            return;
        }
        if (changed) {
            pollSoon(line);
            return;
        }
        long current = line.pollIntervalMs == null ? config.fastInterval().toMillis() : line.pollIntervalMs;
        line.pollIntervalMs = Math.min(
                (long) (current * config.growth()), config.maxInterval().toMillis());
        line.nextPollAt = Instant.now().plusMillis(withJitter(line.pollIntervalMs));
    }

    static boolean settled(CaOrderStatus status) {
        return status == CaOrderStatus.ISSUED || (status != null && status.isTerminal());
    }

    private long withJitter(long millis) {
        return millis
                + (long) (millis * config.jitter() * ThreadLocalRandom.current().nextDouble());
    }
}
