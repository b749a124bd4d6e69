package com.certtrack.contracts;

import java.util.List;

/** Kafka topic names. Every topic is keyed by order number and has a {@code .dlq} twin. */
public final class Topics {
    public static final String ORDERS = "orders.v1";
    public static final String CA_ORDERS = "ca-orders.v1";
    public static final String CAAS = "caas.v1";
    public static final String TRACKING_COMMANDS = "tracking-commands.v1";
    public static final String NOTIFICATIONS = "notifications.v1";
    /** Security-relevant actions on a line taken outside tracking-service (EAB reveals), for its audit trail. */
    public static final String AUDIT = "audit.v1";

    public static final List<String> ALL = List.of(ORDERS, CA_ORDERS, CAAS, TRACKING_COMMANDS, NOTIFICATIONS, AUDIT);

    public static final String DLQ_SUFFIX = ".dlq";

    private Topics() {}

    public static String deadLetter(String topic) {
        return topic + DLQ_SUFFIX;
    }
}
