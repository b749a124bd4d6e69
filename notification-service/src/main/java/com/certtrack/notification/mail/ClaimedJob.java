package com.certtrack.notification.mail;

import java.util.UUID;

/** A job claimed for one delivery attempt, detached from the transaction that claimed it. */
public record ClaimedJob(
        UUID id,
        UUID eventId,
        String template,
        String recipient,
        String orderNumber,
        String lineId,
        String subject,
        String model,
        String sealedCaReference,
        String messageId,
        int attempts) {

    static ClaimedJob of(MailJob job) {
        return new ClaimedJob(
                job.id,
                job.eventId,
                job.template,
                job.recipient,
                job.orderNumber,
                job.lineId,
                job.subject,
                job.model,
                job.sealedCaReference,
                job.messageId,
                job.attempts);
    }
}
