package com.certtrack.tracking.actions;

import com.certtrack.contracts.CancelRequested;
import com.certtrack.contracts.CertTrackEvent;
import com.certtrack.contracts.DcvActionRequested;
import com.certtrack.contracts.RevokeRequested;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** What a command asked for, as kept with it in {@code line_command.detail} and shown as the pending action. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandDetail(
        String domain, String dcvAction, String dcvMethod, List<String> serialNumbers, String reason) {

    static CommandDetail of(CertTrackEvent command) {
        if (command instanceof DcvActionRequested dcv) {
            return new CommandDetail(
                    dcv.domain(),
                    dcv.action() == null ? null : dcv.action().name(),
                    dcv.dcvMethod() == null ? null : dcv.dcvMethod().name(),
                    null,
                    null);
        }
        if (command instanceof RevokeRequested revoke) {
            return new CommandDetail(
                    null,
                    null,
                    null,
                    revoke.serialNumbers(),
                    revoke.reason() == null ? null : revoke.reason().name());
        }
        if (command instanceof CancelRequested cancel) {
            return new CommandDetail(null, null, null, null, cancel.reason());
        }
        return new CommandDetail(null, null, null, null, null);
    }

    /** For the audit trail: short, no secrets. */
    String describe() {
        StringBuilder text = new StringBuilder();
        if (domain != null) {
            text.append(domain);
            if (dcvMethod != null) {
                text.append(" -> ").append(dcvMethod);
            }
        }
        if (serialNumbers != null) {
            text.append("serial ").append(String.join(", ", serialNumbers));
        }
        if (reason != null && !reason.isBlank()) {
            text.append(text.length() == 0 ? "" : "; ").append("reason: ").append(reason);
        }
        return text.toString();
    }
}
