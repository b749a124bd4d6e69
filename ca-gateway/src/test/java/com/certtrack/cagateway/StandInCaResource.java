package com.certtrack.cagateway;

import com.certtrack.testsupport.QuarkusProcess;
import com.certtrack.testsupport.StandInCa;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Runs the stand-in CA as its own process (DCV auto-approved) and points ca-gateway's adapter at it. */
public class StandInCaResource implements QuarkusTestResourceLifecycleManager {

    private static QuarkusProcess ca;

    public static synchronized QuarkusProcess ca() {
        if (ca == null) {
            ca = StandInCa.start(Map.of("certtrack.ca.dcv.auto-approve", "true"));
        }
        return ca;
    }

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.rest-client.stand-in-ca.url",
                ca().url(),
                "certtrack.ca-gateway.stand-in.api-key",
                StandInCa.API_KEY);
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM; ends with it
    }
}
