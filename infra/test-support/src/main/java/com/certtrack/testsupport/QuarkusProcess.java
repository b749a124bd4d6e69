package com.certtrack.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A built Quarkus application (e.g. the stand-in CA, or a second replica of a service) run as its own process,
 * as it runs in production: {@code java -jar target/quarkus-app/quarkus-run.jar}, configured by system properties.
 */
public final class QuarkusProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final Map<String, String> config;
    private final int port;
    private final Path log;
    private Process process;

    private QuarkusProcess(String name, Path jar, Map<String, String> config, int port) {
        this.name = name;
        this.jar = jar;
        this.config = config;
        this.port = port;
        this.log = Path.of("target", name + "-" + port + ".log").toAbsolutePath();
    }

    /** @param module the module's path from the repository root, e.g. {@code infra/stand-in-ca} */
    public static QuarkusProcess start(String module, Map<String, String> config) {
        Path jar = repositoryRoot().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build " + module + " first (./mvnw install)");
        }
        QuarkusProcess app = new QuarkusProcess(
                Path.of(module).getFileName().toString(), jar, config, TestInfrastructure.freePort());
        app.startProcess();
        return app;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public Path log() {
        return log;
    }

    /** Ends the process at once, as a crash would. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor();
        }
    }

    /** Starts it again on the same port, with the same configuration. */
    public void restart() {
        close();
        startProcess();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor();
        }
    }

    private void startProcess() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-Dquarkus.http.port=" + port);
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        awaitReady();
    }

    /** Ready includes partitions assigned: after a kill -9 that waits for the group to drop the dead members. */
    private static final int READY_SECONDS = 150;

    private void awaitReady() {
        Instant deadline = Instant.now().plusSeconds(READY_SECONDS);
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .build();
        String lastAnswer = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited while starting; see " + log);
            }
            try {
                HttpResponse<String> answer = HTTP.send(ready, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
                lastAnswer = answer.body().replaceAll("\\s+", " ");
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep();
        }
        // The checks that were down say which part did not come up (e.g. a channel without partitions).
        throw new IllegalStateException(
                name + " not ready after " + READY_SECONDS + " s (" + lastAnswer + "); see " + log);
    }

    private void waitFor() {
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("not inside the CertTrack repository");
        }
        return dir;
    }
}
