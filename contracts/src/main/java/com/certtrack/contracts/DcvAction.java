package com.certtrack.contracts;

/** What the holder of a line asks the CA to do for one domain's validation. */
public enum DcvAction {
    /** Switch the domain to {@link DcvActionRequested#dcvMethod()}; the CA issues new instructions. */
    CHANGE_METHOD,
    /** Check the published token now instead of at the CA's next scheduled check. */
    RECHECK,
    /** Send the approval e-mail again ({@code EMAIL} method only). */
    RESEND_APPROVAL
}
