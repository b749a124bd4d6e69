package com.certtrack.infra.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local launcher answers a bad environment value with one clear line, not a stack trace. */
class LauncherTest {

    @Test
    void unreachableDatabaseUrlGivesOneClearLine(@TempDir Path home) throws Exception {
        int closedPort = KafkaBrokerRestartTest.freePort();
        ProcessBuilder launcher = new ProcessBuilder(
                        "bash", Path.of("..", "bin", "certtrack").toString(), "up")
                .redirectErrorStream(true);
        launcher.environment().put("CERTTRACK_HOME", home.toString());
        launcher.environment().put("CERTTRACK_BUILD", "never");
        launcher.environment().put("CERTTRACK_DB_URL", "jdbc:postgresql://localhost:" + closedPort + "/certtrack");
        Process process = launcher.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();

        assertEquals(1, process.exitValue());
        assertEquals(
                "certtrack: PostgreSQL at localhost:" + closedPort
                        + " is unreachable (from CERTTRACK_DB_URL=jdbc:postgresql://localhost:" + closedPort
                        + "/certtrack)",
                output);
    }

    @Test
    void unknownCommandPrintsUsage() throws Exception {
        Process process = new ProcessBuilder(
                        "bash", Path.of("..", "bin", "certtrack").toString(), "explode")
                .redirectErrorStream(true)
                .start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue());
        assertTrue(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).startsWith("usage:"));
    }
}
