package com.certtrack.tracking.actions;

import com.certtrack.contracts.CancelRequested;
import com.certtrack.contracts.DcvAction;
import com.certtrack.contracts.DcvActionRequested;
import com.certtrack.contracts.ReissueRequested;
import com.certtrack.contracts.ReminderSettingsChanged;
import com.certtrack.contracts.RevokeRequested;

/** The audit trail's action names for the commands of a line. */
public final class AuditActions {

    public static final String CANCEL = "CANCEL";
    public static final String REVOKE = "REVOKE";
    public static final String REISSUE = "REISSUE";
    public static final String REMINDERS_CHANGED = "REMINDERS_CHANGED";

    private AuditActions() {}

    public static String of(DcvAction action) {
        return switch (action) {
            case CHANGE_METHOD -> "DCV_CHANGE";
            case RECHECK -> "DCV_RECHECK";
            case RESEND_APPROVAL -> "DCV_RESEND";
        };
    }

    /** By the command's event type, when only that is known (a rejection of a command not seen here). */
    public static String ofCommandType(String commandType) {
        if (commandType == null) {
            return "COMMAND";
        }
        return switch (commandType) {
            case CancelRequested.TYPE -> CANCEL;
            case RevokeRequested.TYPE -> REVOKE;
            case DcvActionRequested.TYPE -> "DCV_CHANGE";
            case ReissueRequested.TYPE -> REISSUE;
            case ReminderSettingsChanged.TYPE -> REMINDERS_CHANGED;
            default -> commandType;
        };
    }
}
