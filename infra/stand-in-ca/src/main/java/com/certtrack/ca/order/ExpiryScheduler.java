package com.certtrack.ca.order;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Marks issued orders EXPIRED once their certificate has run out. */
@ApplicationScoped
public class ExpiryScheduler {

    private final OrderService orders;

    public ExpiryScheduler(OrderService orders) {
        this.orders = orders;
    }

    @Scheduled(identity = "certificate-expiry", every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        orders.expireIssued();
    }
}
