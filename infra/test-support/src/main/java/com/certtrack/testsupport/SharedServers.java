package com.certtrack.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * PostgreSQL and the SMTP/IMAP server started once per Maven run and shared by every module's test JVMs, instead of
 * one pair per JVM. {@code infra/test-support}'s pom runs {@link #main} in its {@code package} phase (before any
 * module that tests against them): it starts a server process of its own, waits until that process has written
 * {@code target/test-servers/servers.properties} at the repository root, and returns. The server process lives until
 * the Maven run that started it ends.
 *
 * <p>Each test app gets a database of its own on the shared server (see {@link TestInfrastructure#database()}), and
 * reads only its own recipients' mailboxes.
 * The Kafka broker stays one per test JVM: tests stop and restart it, replay its dead-letter topics, and modules
 * that run side by side would otherwise consume each other's events on the same topics and consumer groups.
 */
public final class SharedServers {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    /** What a test JVM reads; absent when this run started no shared servers or their process has gone. */
    record Published(long pid, TestInfrastructure.Database database, TestInfrastructure.Mail mail) {}

    private SharedServers() {}

    /** {@code start} (default): launch the server process and wait for it; {@code serve}: be that process. */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("serve")) {
            serve(Long.parseLong(args[1]));
        } else {
            launch();
        }
    }

    /** The servers this run shares, if its server process still runs. */
    static Optional<Published> published() {
        Path file = file();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        long pid = Long.parseLong(p.getProperty("pid"));
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            var database = new TestInfrastructure.Database(
                    p.getProperty("db.url"), p.getProperty("db.user"), p.getProperty("db.password"));
            var mail = new TestInfrastructure.Mail(
                    p.getProperty("mail.host"),
                    Integer.parseInt(p.getProperty("mail.smtp-port")),
                    Integer.parseInt(p.getProperty("mail.imap-port")));
            return Optional.of(new Published(pid, database, mail));
        }
        return Optional.empty();
    }

    private static void launch() throws IOException, InterruptedException {
        Path file = file();
        Files.deleteIfExists(file);
        Files.createDirectories(file.getParent());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // GreenMail keeps every e-mail of the run in memory.
        command.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(SharedServers.class.getName(), "serve", Long.toString(mavenPid())));
        Path log = file.resolveSibling("servers.log");
        // Output to a file, not to Maven's pipe: Maven waits for this launcher only, not for the servers.
        Process server = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (published().filter(p -> p.pid() == server.pid()).isEmpty()) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the shared test servers exited while starting; see " + log);
            }
            if (Instant.now().isAfter(deadline)) {
                server.destroyForcibly();
                throw new IllegalStateException("the shared test servers did not start in " + START_TIMEOUT);
            }
            Thread.sleep(100);
        }
        System.out.println(
                "Shared test servers (PostgreSQL, SMTP/IMAP) ready for this run; pid " + server.pid() + ", log " + log);
    }

    private static void serve(long mavenPid) throws IOException, InterruptedException {
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
        // Servers named by environment variables, or Testcontainers where Docker answers: as in any test JVM.
        var database = TestInfrastructure.database();
        p.setProperty("db.url", database.jdbcUrl());
        p.setProperty("db.user", database.user());
        p.setProperty("db.password", database.password());
        var mail = TestInfrastructure.mail();
        p.setProperty("mail.host", mail.host());
        p.setProperty("mail.smtp-port", Integer.toString(mail.smtpPort()));
        p.setProperty("mail.imap-port", Integer.toString(mail.imapPort()));
        Path file = file();
        Path written = file.resolveSibling("servers.properties.new");
        try (OutputStream out = Files.newOutputStream(written)) {
            p.store(out, "Shared test servers of the Maven run with pid " + mavenPid);
        }
        Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        // The servers stop with the run (TestInfrastructure's shutdown hooks), however the run ends.
        ProcessHandle.of(mavenPid).ifPresent(maven -> maven.onExit().join());
        System.exit(0);
    }

    /** The Maven JVM (plexus-classworlds launcher) this launcher runs under; its direct parent if none is found. */
    private static long mavenPid() {
        ProcessHandle parent = ProcessHandle.current().parent().orElseThrow();
        for (Optional<ProcessHandle> p = Optional.of(parent);
                p.isPresent();
                p = p.get().parent()) {
            boolean maven = p.get()
                    .info()
                    .commandLine()
                    .map(line -> line.contains("org.codehaus.plexus.classworlds"))
                    .orElse(false);
            if (maven) {
                return p.get().pid();
            }
        }
        return parent.pid();
    }

    private static Path file() {
        return QuarkusProcess.repositoryRoot().resolve("target/test-servers/servers.properties");
    }
}
