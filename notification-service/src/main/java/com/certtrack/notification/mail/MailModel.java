package com.certtrack.notification.mail;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * What a template shows, stored with the mail job as JSON. Holds no secret: the CA Reference and the portal link
 * are added at render time. Dates are already formatted for people.
 */
@TemplateData
public record MailModel(String orderNumber, String customerName, String lineId, String product, String productName,
        List<Line> lines, List<Domain> domains, String reason, String certificateSerial, String validFrom,
        String validUntil, boolean reissue, String acmeDirectoryUrl, String eabKeyId, String orderedAt,
        String revealableUntil) {

    @TemplateData
    public record Line(String lineId, String product, String productName, List<String> domains, Integer termMonths) {
    }

    @TemplateData
    public record Domain(String name, String dcvMethod, String dcvMethodName, String dcvStatus, String instructions) {
    }

    /** The first domain of the line, to name it in subjects. */
    @JsonIgnore
    public String mainDomain() {
        return domains == null || domains.isEmpty() ? productName : domains.get(0).name();
    }

    @JsonIgnore
    public boolean hasDomains() {
        return domains != null && !domains.isEmpty();
    }
}
