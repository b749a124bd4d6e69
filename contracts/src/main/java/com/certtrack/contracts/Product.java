package com.certtrack.contracts;

/** Product codes, stable across API, events and e-mails. */
public enum Product {
    DV_SINGLE,
    DV_WILDCARD,
    DV_MULTI,
    OV_SINGLE,
    OV_WILDCARD,
    OV_MULTI,
    EV_SINGLE,
    EV_MULTI,
    CAAS
}
