package com.certtrack.notification.mail;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * What a template shows, stored with the mail job as JSON. Holds no secret: the CA Reference and the portal link
 * are added at render time. Dates are already formatted for people.
 */
@TemplateData
public record MailModel(
        String orderNumber,
        String customerName,
        String lineId,
        String product,
        String productName,
        List<Line> lines,
        List<Domain> domains,
        String reason,
        String certificateSerial,
        String validFrom,
        String validUntil,
        boolean reissue,
        String acmeDirectoryUrl,
        String eabKeyId,
        String orderedAt,
        String revealableUntil,
        Integer daysLeft,
        List<String> serialNumbers,
        String revokedAt) {

    /** The fields of the e-mails about orders and lines; lifecycle fields (reminders, revocations) empty. */
    public MailModel(
            String orderNumber,
            String customerName,
            String lineId,
            String product,
            String productName,
            List<Line> lines,
            List<Domain> domains,
            String reason,
            String certificateSerial,
            String validFrom,
            String validUntil,
            boolean reissue,
            String acmeDirectoryUrl,
            String eabKeyId,
            String orderedAt,
            String revealableUntil) {
        this(
                orderNumber,
                customerName,
                lineId,
                product,
                productName,
                lines,
                domains,
                reason,
                certificateSerial,
                validFrom,
                validUntil,
                reissue,
                acmeDirectoryUrl,
                eabKeyId,
                orderedAt,
                revealableUntil,
                null,
                null,
                null);
    }

    @TemplateData
    public record Line(String lineId, String product, String productName, List<String> domains, Integer termMonths) {}

    @TemplateData
    public record Domain(String name, String dcvMethod, String dcvMethodName, String dcvStatus, String instructions) {}

    /** The first domain of the line, to name it in subjects. */
    @JsonIgnore
    public String mainDomain() {
        return domains == null || domains.isEmpty()
                ? productName
                : domains.get(0).name();
    }

    /** Days until expiry as a positive number, also after expiry (then "days ago"). */
    @JsonIgnore
    public int daysLeftAbs() {
        return daysLeft == null ? 0 : Math.abs(daysLeft);
    }

    @JsonIgnore
    public boolean expired() {
        return daysLeft != null && daysLeft < 0;
    }

    @JsonIgnore
    public boolean hasSerials() {
        return serialNumbers != null && !serialNumbers.isEmpty();
    }

    @JsonIgnore
    public boolean hasDomains() {
        return domains != null && !domains.isEmpty();
    }
}
