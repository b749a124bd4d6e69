package com.certtrack.notification.mail;

import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.Product;
import com.certtrack.contracts.RevocationReason;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Names and dates as customers read them in e-mails. */
final class Wording {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern(
                    "d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private Wording() {}

    static String product(Product product) {
        if (product == null) {
            return "certificate";
        }
        return switch (product) {
            case DV_SINGLE -> "DV single-domain certificate";
            case DV_WILDCARD -> "DV wildcard certificate";
            case DV_MULTI -> "DV multi-domain (SAN) certificate";
            case OV_SINGLE -> "OV single-domain certificate";
            case OV_WILDCARD -> "OV wildcard certificate";
            case OV_MULTI -> "OV multi-domain (SAN) certificate";
            case EV_SINGLE -> "EV single-domain certificate";
            case EV_MULTI -> "EV multi-domain (SAN) certificate";
            case CAAS -> "Certificate-as-a-Service (ACME) subscription";
        };
    }

    static String dcvMethod(DcvMethod method) {
        if (method == null) {
            return "";
        }
        return switch (method) {
            case EMAIL -> "e-mail to an approver address";
            case HTTP_FILE -> "file on your web server (HTTP)";
            case DNS_TXT -> "DNS TXT record";
            case DNS_CNAME -> "DNS CNAME record";
        };
    }

    static String revocationReason(RevocationReason reason) {
        if (reason == null) {
            return "no reason given";
        }
        return switch (reason) {
            case UNSPECIFIED -> "no reason given (unspecified)";
            case KEY_COMPROMISE ->
                "key compromise: the private key is known or suspected to be in someone else's hands";
            case AFFILIATION_CHANGED ->
                "affiliation changed: the name or other details in the certificate are no longer correct";
            case SUPERSEDED -> "superseded: the certificate has been replaced by a newer one";
            case CESSATION_OF_OPERATION -> "cessation of operation: the domains are no longer used or controlled";
        };
    }

    /** A reason as ca-gateway passes it in a status change: a {@link RevocationReason} name, or the CA's text. */
    static String revocationReason(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        String name = reason.trim().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        for (RevocationReason known : RevocationReason.values()) {
            if (known.name().equals(name)) {
                return revocationReason(known);
            }
        }
        return reason.trim();
    }

    static String dateTime(Instant instant) {
        return instant == null ? "" : DATE_TIME.format(instant);
    }
}
