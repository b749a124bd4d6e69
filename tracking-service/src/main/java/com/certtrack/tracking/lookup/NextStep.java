package com.certtrack.tracking.lookup;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.DcvStatus;
import com.certtrack.contracts.DomainValidation;
import com.certtrack.tracking.view.TrackedLine;
import java.util.List;
import java.util.Optional;

/**
 * What the holder must do for the line to go on, when something is up to them: {@code action} is
 * {@link #SUBMIT_CSR} (ordered without a CSR; send it to {@code endpoint}) or {@link #COMPLETE_DCV} (publish or
 * approve the domain validations shown per domain); {@code command}, where there is one, is an example shell
 * command for it. Absent while the line waits for nobody but the CA.
 */
public record NextStep(String action, String title, String instructions, String command, String endpoint) {

    public static final String SUBMIT_CSR = "SUBMIT_CSR";
    public static final String COMPLETE_DCV = "COMPLETE_DCV";
    static final String CSR_ENDPOINT = "/api/tracking/csr";

    static Optional<NextStep> of(TrackedLine line, List<DomainValidation> domains) {
        boolean pending = CaOrderStatus.PENDING_VALIDATION.name().equals(line.status)
                || CaOrderStatus.SUBMITTED.name().equals(line.status);
        if (pending && line.waitsForCsr()) {
            List<String> names = domains.stream().map(DomainValidation::name).toList();
            return Optional.of(new NextStep(
                    SUBMIT_CSR, "Submit your CSR", csrInstructions(names), opensslCommand(names), CSR_ENDPOINT));
        }
        boolean validating = CaOrderStatus.PENDING_VALIDATION.name().equals(line.status)
                || CaOrderStatus.REISSUE_PENDING.name().equals(line.status);
        if (validating && domains.stream().anyMatch(d -> d.dcvStatus() != DcvStatus.VALIDATED)) {
            return Optional.of(new NextStep(
                    COMPLETE_DCV,
                    "Complete domain validation",
                    "Follow the validation instructions shown for each domain that is not validated yet. The CA "
                            + "checks them regularly; you can also ask for a check now.",
                    null,
                    null));
        }
        return Optional.empty();
    }

    private static String csrInstructions(List<String> names) {
        return "This certificate was ordered without a CSR (certificate signing request), so the CA cannot issue it "
                + "yet. Create a private key and a CSR for " + String.join(", ", names) + " on your server (for "
                + "example with the command shown) and submit the CSR (PEM). Keep the key file: nobody else has it. "
                + "The certificate is issued as soon as every domain is validated.";
    }

    /** A P-256 key and a CSR naming every domain, files named after the first one. */
    private static String opensslCommand(List<String> names) {
        String first = names.isEmpty() ? "example.com" : names.get(0);
        String file = first.replace("*.", "wildcard.");
        String sans = String.join(",", names.stream().map(n -> "DNS:" + n).toList());
        return "openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout " + file + ".key -out "
                + file + ".csr -subj \"/CN=" + first + "\" -addext \"subjectAltName=" + sans + "\"";
    }
}
