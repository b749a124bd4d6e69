package com.certtrack.systemtests;

import com.certtrack.testsupport.Mailbox;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/** What the system tests read out of received e-mails: which template each is, and the CA Reference it carries. */
final class ShipmentMails {

    static final String CONFIRMATION = "order-confirmation";
    static final String SHIPMENT = "shipment";
    static final String CAAS_SHIPMENT = "caas-shipment";
    static final String ISSUED = "issued";

    /** The grouped form, 4-4-4-4-1 Crockford base-32 symbols (the last one the check symbol). */
    private static final Pattern REFERENCE = Pattern.compile(
            "\\b[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]\\b");

    private ShipmentMails() {}

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

    /** Waits until {@code count} mails of the given templates reached {@code email}'s inbox (read over IMAP). */
    static List<Mailbox.Received> await(String email, List<String> templates, int count) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> Mailbox.read(email).stream()
                                .filter(m -> templates.contains(m.template()))
                                .toList(),
                        mails -> mails.size() >= count);
    }

    /** The CA Reference in the first mail of {@code template}. */
    static String referenceIn(List<Mailbox.Received> mails, String template) {
        Mailbox.Received mail = of(mails, template).stream()
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + template + " mail among " + mails.size()));
        return reference(mail).orElseThrow(() -> new AssertionError("no CA Reference in " + mail.subject()));
    }
}
