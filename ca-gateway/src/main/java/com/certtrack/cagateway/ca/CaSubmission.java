package com.certtrack.cagateway.ca;

import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.Product;
import java.util.List;

/** A certificate line as the CA is asked to fulfil it. */
public record CaSubmission(
        String clientOrderId,
        Product product,
        List<String> domains,
        DcvMethod dcvMethod,
        String csrPem,
        int validityDays,
        String organisation) {}
