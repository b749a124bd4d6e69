package com.certtrack.notification.mail;

import java.util.Arrays;

/** The e-mails this service sends. The name is stored in the sent-mail ledger and reported in NotificationSent. */
public enum MailTemplate {
    ORDER_CONFIRMATION("order-confirmation", "order-confirmation", false),
    SHIPMENT("shipment", "shipment", true),
    VALIDATION_INSTRUCTIONS("validation-instructions", "validation-instructions", false),
    ISSUED("issued", "issued", false),
    REISSUED("reissued", "issued", false),
    REJECTED("rejected", "rejected", false),
    CAAS_SHIPMENT("caas-shipment", "caas-shipment", true),
    CAAS_CREDENTIALS("caas-credentials", "caas-credentials", false),
    CANCELLED("cancelled", "cancelled", false),
    REVOKED("revoked", "revoked", false),
    CERTIFICATES_REVOKED("certificates-revoked", "certificates-revoked", false),
    EXPIRY_REMINDER("expiry-reminder", "expiry-reminder", false),
    CSR_REMINDER("csr-reminder", "csr-reminder", false);

    private final String id;
    private final String file;
    private final boolean carriesReference;

    MailTemplate(String id, String file, boolean carriesReference) {
        this.id = id;
        this.file = file;
        this.carriesReference = carriesReference;
    }

    public String id() {
        return id;
    }

    /** Qute template ids of the HTML and plain-text parts. */
    public String htmlTemplate() {
        return "mail/" + file + ".html";
    }

    public String textTemplate() {
        return "mail/" + file + ".txt";
    }

    /** Shipment e-mails carry the line's CA Reference, unsealed just before sending. */
    public boolean carriesReference() {
        return carriesReference;
    }

    public static MailTemplate byId(String id) {
        return Arrays.stream(values())
                .filter(t -> t.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown mail template " + id));
    }

    private static String reminderSubject(MailModel m) {
        int days = m.daysLeft() == null ? 0 : m.daysLeft();
        String when = days > 1
                ? "expires in " + days + " days"
                : days == 1
                        ? "expires tomorrow"
                        : days == 0 ? "expires today" : "expired " + (-days) + (days == -1 ? " day ago" : " days ago");
        return "Your certificate for " + m.mainDomain() + " " + when + ", order " + m.orderNumber();
    }

    /** Subjects name the order and the line, never a secret. */
    public String subject(MailModel m) {
        return switch (this) {
            case ORDER_CONFIRMATION -> "Order " + m.orderNumber() + " confirmed";
            case SHIPMENT ->
                "Your CA Reference for " + m.productName() + " (" + m.mainDomain() + "), order " + m.orderNumber();
            case VALIDATION_INSTRUCTIONS -> "Action needed: validate " + m.mainDomain() + ", order " + m.orderNumber();
            case ISSUED -> "Certificate issued for " + m.mainDomain() + ", order " + m.orderNumber();
            case REISSUED -> "Certificate reissued for " + m.mainDomain() + ", order " + m.orderNumber();
            case REJECTED -> "Certificate request rejected for " + m.mainDomain() + ", order " + m.orderNumber();
            case CAAS_SHIPMENT -> "Your CA Reference for Certificate-as-a-Service, order " + m.orderNumber();
            case CAAS_CREDENTIALS -> "Your ACME credentials are ready, order " + m.orderNumber();
            case CANCELLED -> "Certificate order cancelled for " + m.mainDomain() + ", order " + m.orderNumber();
            case REVOKED -> "Certificate revoked for " + m.mainDomain() + ", order " + m.orderNumber();
            case CERTIFICATES_REVOKED ->
                "Earlier certificate"
                        + (m.serialNumbers() != null && m.serialNumbers().size() > 1 ? "s" : "") + " revoked for "
                        + m.mainDomain() + ", order "
                        + m.orderNumber();
            case EXPIRY_REMINDER -> reminderSubject(m);
            case CSR_REMINDER -> "Action needed: send the CSR for " + m.mainDomain() + ", order " + m.orderNumber();
        };
    }
}
