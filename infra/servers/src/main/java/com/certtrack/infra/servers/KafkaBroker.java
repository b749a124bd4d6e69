package com.certtrack.infra.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka broker in KRaft combined mode, run as its own JVM from the Maven Central artifacts.
 * Storage is formatted once per data directory, so data survives a restart or a kill -9.
 */
public final class KafkaBroker {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final int partitions;
    private Process process;

    public KafkaBroker(Path dataDir, int port, int controllerPort, int partitions) {
        this.dataDir = dataDir.toAbsolutePath();
        this.port = port;
        this.controllerPort = controllerPort;
        this.partitions = partitions;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public Path logFile() {
        return dataDir.resolve("broker.log");
    }

    /** Formats storage if needed, starts the broker JVM, waits until it answers and creates every topic. */
    public synchronized KafkaBroker start() {
        try {
            Files.createDirectories(dataDir);
            Path config = writeConfig();
            if (!Files.exists(dataDir.resolve("logs/meta.properties"))) {
                format(config);
            }
            process = javaProcess("kafka.Kafka", config.toString())
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .start();
            Files.writeString(dataDir.resolve("broker.pid"), Long.toString(process.pid()));
            awaitReadyAndCreateTopics();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka broker could not start in " + dataDir, e);
        }
    }

    /** Stops the broker cleanly (SIGTERM, controlled shutdown). */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitForExit(Duration.ofSeconds(30));
        }
    }

    /** Ends the broker at once, as a crash would (SIGKILL). */
    public synchronized void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitForExit(Duration.ofSeconds(10));
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    private void waitForExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Path writeConfig() throws IOException {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.bootstrap.servers", "localhost:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dataDir.resolve("logs").toString());
        p.setProperty("num.partitions", Integer.toString(partitions));
        p.setProperty("auto.create.topics.enable", "false");
        // A single node: every internal topic has one replica and starts small.
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.num.partitions", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // The services' consumer groups use the consumer protocol (KIP-848): the broker holds a dead member's
        // partitions for this long before they move to the others or to its restart (Kafka's default: 45 s).
        p.setProperty("group.consumer.min.session.timeout.ms", "6000");
        p.setProperty("group.consumer.session.timeout.ms", "15000");
        Path file = dataDir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(file)) {
            p.store(out, "Written by CertTrack's KafkaBroker on every start");
        }
        return file;
    }

    private void format(Path config) throws IOException {
        Process formatting = javaProcess(
                        "kafka.tools.StorageTool",
                        "format",
                        "--standalone",
                        "-t",
                        Uuid.randomUuid().toString(),
                        "-c",
                        config.toString())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .start();
        try {
            if (!formatting.waitFor(60, TimeUnit.SECONDS) || formatting.exitValue() != 0) {
                throw new IllegalStateException("Kafka storage format failed; see " + logFile());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }

    private ProcessBuilder javaProcess(String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xms128m", "-Xmx768m", "-XX:+UseG1GC", "-Djava.awt.headless=true"));
        command.add("-Dlog4j2.configurationFile=" + log4jConfig());
        command.add("-cp");
        command.add(brokerClasspath());
        command.add(mainClass);
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    private Path log4jConfig() throws IOException {
        Path file = dataDir.resolve("log4j2.properties");
        try (InputStream in = resource("certtrack/kafka-log4j2.properties")) {
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    /** The broker's classpath, written at build time by maven-dependency-plugin into this module's jar. */
    private static String brokerClasspath() throws IOException {
        try (InputStream in = resource("certtrack/kafka-broker.classpath")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    private static InputStream resource(String name) {
        InputStream in = KafkaBroker.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing: build infra/servers with ./mvnw first");
        }
        return in;
    }

    private void awaitReadyAndCreateTopics() {
        KafkaTopics.ensureAll(bootstrapServers(), partitions, READY_TIMEOUT, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "Kafka broker exited with " + process.exitValue() + "; see " + logFile());
            }
        });
    }
}
