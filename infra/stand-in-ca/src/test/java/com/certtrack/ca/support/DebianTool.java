package com.certtrack.ca.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command-line tool from a Debian package (certbot, lego). Installed with apt-get when missing and running as
 * root; otherwise the test fails with the install line: a missing tool never lets a test pass silently.
 */
public final class DebianTool {

    public record Result(int exitCode, String output) {}

    private DebianTool() {}

    public static synchronized void require(String command, String debianPackage) {
        if (onPath(command)) {
            return;
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            fail(command + " is missing and this test is not root: run `apt-get install -y " + debianPackage + "`");
        }
        Result install = run(List.of("apt-get", "install", "-y", "-q", debianPackage), Map.of(), Duration.ofMinutes(5));
        if (install.exitCode() != 0) {
            run(List.of("apt-get", "update", "-q"), Map.of(), Duration.ofMinutes(5));
            install = run(List.of("apt-get", "install", "-y", "-q", debianPackage), Map.of(), Duration.ofMinutes(5));
        }
        if (install.exitCode() != 0 || !onPath(command)) {
            fail(command + " could not be installed with `apt-get install -y " + debianPackage + "`:\n"
                    + install.output());
        }
    }

    public static Result run(List<String> command, Map<String, String> environment, Duration timeout) {
        try {
            Path log = Files.createTempFile("tool-", ".log");
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return new Result(
                        -1, "timed out after " + timeout + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            return new Result(-1, command.get(0) + " could not start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
