package com.certtrack.tracking.checks;

import com.certtrack.checks.DomainNames;
import com.certtrack.contracts.DomainValidation;
import com.certtrack.tracking.view.TrackedLine;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The domains of a line as the CA last reported them (with their DCV details), or as ordered. */
@ApplicationScoped
public class LineDomains {

    private static final TypeReference<List<DomainValidation>> LIST = new TypeReference<>() {};

    private final ObjectMapper json;

    public LineDomains(ObjectMapper json) {
        this.json = json;
    }

    public List<DomainValidation> validations(TrackedLine line) {
        if (line.domains == null || line.domains.isBlank()) {
            return List.of();
        }
        try {
            return json.readValue(line.domains, LIST);
        } catch (Exception e) {
            throw new IllegalStateException("the view holds unreadable domains for line " + line.lineId, e);
        }
    }

    public Set<String> names(TrackedLine line) {
        Set<String> names = new LinkedHashSet<>();
        validations(line).forEach(v -> names.add(DomainNames.normalise(v.name())));
        if (line.requestedDomains != null) {
            Arrays.stream(line.requestedDomains.split(","))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .forEach(s -> names.add(DomainNames.normalise(s)));
        }
        return names;
    }
}
