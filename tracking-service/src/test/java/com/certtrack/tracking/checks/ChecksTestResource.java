package com.certtrack.tracking.checks;

import com.certtrack.testsupport.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Free loopback ports for the DNS and web servers the checks tests publish on (see {@link ChecksServers}). */
public class ChecksTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "certtrack.tracking.checks.dns-server", "127.0.0.1:" + TestInfrastructure.freePort(),
                "certtrack.tracking.checks.http-port", Integer.toString(TestInfrastructure.freePort()),
                "certtrack.tracking.checks.timeout", "2s",
                "certtrack.tracking.checks.max-response-bytes", "200000",
                // Shorter than one fetch may take (2 x timeout), so the budget, not the timeout, ends a slow check.
                "certtrack.tracking.checks.revocation-budget", "3s");
    }

    @Override
    public void stop() {
        // The servers die with the test JVM.
    }
}
