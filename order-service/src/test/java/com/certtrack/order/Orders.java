package com.certtrack.order;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Order bodies for tests, as the JSON a client sends. */
final class Orders {

    private Orders() {}

    static Map<String, Object> customer() {
        return map("name", "Jane Doe", "email", "jane.doe@example.com");
    }

    static Map<String, Object> certificate(String product, String dcvMethod, String... domains) {
        return map("product", product, "domains", List.of(domains), "dcvMethod", dcvMethod);
    }

    static Map<String, Object> caas(Integer term) {
        return map("product", "CAAS", "term", term);
    }

    static Map<String, Object> orderBy(Map<String, Object> customer, Object... lines) {
        return map("customer", customer, "lines", Arrays.asList(lines));
    }

    static Map<String, Object> order(Object... lines) {
        return orderBy(customer(), lines);
    }

    /** A copy with one key set (null allowed) or, with {@code REMOVE}, taken out. */
    static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(map);
        if (value == REMOVE) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return copy;
    }

    static final Object REMOVE = new Object();

    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
