package com.certtrack.notification.mail;

/** One e-mail an event calls for, before it is queued; {@code sealedCaReference} only for shipment e-mails. */
public record MailDraft(MailTemplate template, String lineId, MailModel model, String sealedCaReference) {}
