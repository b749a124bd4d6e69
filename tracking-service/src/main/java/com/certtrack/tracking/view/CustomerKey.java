package com.certtrack.tracking.view;

import com.certtrack.support.reference.ReferenceHasher;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/**
 * Which customer a line belongs to, without keeping the address: a keyed hash of the order's e-mail address,
 * trimmed and lower-cased, under the same deployment key as CA References (with its own prefix).
 */
@ApplicationScoped
public class CustomerKey {

    private final ReferenceHasher hasher;

    public CustomerKey(ReferenceHasher hasher) {
        this.hasher = hasher;
    }

    public String of(String email) {
        return email == null || email.isBlank()
                ? null
                : hasher.hash("customer:" + email.trim().toLowerCase(Locale.ROOT));
    }
}
