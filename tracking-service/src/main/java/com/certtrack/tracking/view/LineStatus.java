package com.certtrack.tracking.view;

import com.certtrack.contracts.CaOrderStatus;

/** What a line's status text means for the portal. */
public final class LineStatus {

    private LineStatus() {}

    /** Issued, provisioned (CaaS) or terminal: the CA has nothing pending for this line. */
    public static boolean settled(String status) {
        if (status == null) {
            return false;
        }
        if (TrackedLine.PROVISIONED.equals(status)) {
            return true;
        }
        try {
            CaOrderStatus caStatus = CaOrderStatus.valueOf(status);
            return caStatus == CaOrderStatus.ISSUED || caStatus.isTerminal();
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }
}
