package com.certtrack.systemtests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The Debian tools the gateway and browser tests need, installed by the project's own {@code infra/bin/setup}
 * when missing (as root; otherwise it names the install line). A missing tool fails the test with that line.
 */
final class Tools {

    private Tools() {}

    static void require(String set) {
        Path setup = repositoryRoot().resolve("infra/bin/setup");
        try {
            Process process = new ProcessBuilder("bash", setup.toString(), set)
                    .redirectErrorStream(true)
                    .start();
            String output;
            try (var in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(
                        "The " + set + " tools are missing and could not be installed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + setup + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !dir.resolve("mvnw").toFile().exists()) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("not inside the CertTrack repository");
        }
        return dir;
    }
}
