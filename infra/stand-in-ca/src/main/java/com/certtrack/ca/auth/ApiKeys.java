package com.certtrack.ca.auth;

import com.certtrack.ca.CaConfig;
import com.certtrack.support.problem.Problem;
import com.certtrack.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/** API keys per client (header X-Api-Key) and the operator key (X-Operator-Key), compared in constant time. */
@ApplicationScoped
public class ApiKeys {

    public static final String HEADER = "X-Api-Key";
    public static final String OPERATOR_HEADER = "X-Operator-Key";

    private final CaConfig config;

    public ApiKeys(CaConfig config) {
        this.config = config;
    }

    /** @return the client the key belongs to; a 401 problem otherwise */
    public String client(String presented) {
        if (presented != null) {
            for (Map.Entry<String, String> entry : config.apiKeys().entrySet()) {
                if (matches(presented, entry.getValue())) {
                    return entry.getKey();
                }
            }
        }
        throw unauthorized("Send a valid API key in the " + HEADER + " header.");
    }

    public void operator(String presented) {
        if (presented == null || !matches(presented, config.operatorKey())) {
            throw unauthorized("Send the operator key in the " + OPERATOR_HEADER + " header.");
        }
    }

    private static boolean matches(String presented, String expected) {
        return expected != null
                && !expected.isEmpty()
                && MessageDigest.isEqual(
                        presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(Problem.of(401, "unauthorized", "Unauthorized", detail));
    }
}
