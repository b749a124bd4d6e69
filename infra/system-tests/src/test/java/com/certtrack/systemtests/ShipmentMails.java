package com.certtrack.systemtests;

import com.certtrack.testsupport.Mailbox;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the system tests read out of received e-mails: which template each is, and the CA Reference it carries. */
final class ShipmentMails {

    static final String CONFIRMATION = "order-confirmation";
    static final String SHIPMENT = "shipment";
    static final String CAAS_SHIPMENT = "caas-shipment";
    static final String ISSUED = "issued";

    /** The grouped form, 4-4-4-4-1 Crockford base-32 symbols (the last one the check symbol). */
    private static final Pattern REFERENCE =
            Pattern.compile("\\b[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]\\b");

    private ShipmentMails() {
    }

    static long count(List<Mailbox.Received> mails, String template) {
        return mails.stream().filter(m -> template.equals(m.template())).count();
    }

    static List<Mailbox.Received> of(List<Mailbox.Received> mails, String template) {
        return mails.stream().filter(m -> template.equals(m.template())).toList();
    }

    static Optional<String> reference(Mailbox.Received mail) {
        Matcher matcher = REFERENCE.matcher(mail.text());
        return matcher.find() ? Optional.of(matcher.group()) : Optional.empty();
    }
}
