package com.certtrack.order.validation;

import com.certtrack.contracts.Product;

/** What each product allows, read from its stable name (DV_SINGLE, OV_WILDCARD, EV_MULTI, CAAS). */
final class Products {

    private Products() {}

    static boolean isCaas(Product product) {
        return product == Product.CAAS;
    }

    static boolean isWildcard(Product product) {
        return product.name().endsWith("_WILDCARD");
    }

    static boolean isMulti(Product product) {
        return product.name().endsWith("_MULTI");
    }

    /** OV and EV certificates name the organisation the CA vets. */
    static boolean needsOrganisation(Product product) {
        return product.name().startsWith("OV_") || product.name().startsWith("EV_");
    }
}
