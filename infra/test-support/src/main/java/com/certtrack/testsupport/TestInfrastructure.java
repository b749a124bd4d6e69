package com.certtrack.testsupport;

import com.certtrack.infra.servers.KafkaBroker;
import com.certtrack.infra.servers.KafkaTopics;
import com.certtrack.infra.servers.MailServer;
import com.certtrack.infra.servers.PostgresServer;
import com.certtrack.support.sealing.KeyMaterial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The Kafka broker, PostgreSQL and SMTP/IMAP server of one test JVM, started once and shared by every test class.
 * Preference: servers named by environment variables, then (PostgreSQL and SMTP) the servers this Maven run shares
 * among its modules ({@link SharedServers}), then Testcontainers when a Docker engine answers, then processes started
 * here from Maven Central artifacts.
 */
public final class TestInfrastructure {

    public record Kafka(String bootstrapServers, Optional<KafkaBroker> broker) {
        /** The broker process when this JVM started it; fault tests need it to kill and restart the broker. */
        public KafkaBroker process() {
            return broker.orElseThrow(() -> new IllegalStateException("the broker is not a process of this test run"));
        }
    }

    public record Database(String jdbcUrl, String user, String password) {}

    public record Mail(String host, int smtpPort, int imapPort) {}

    private static Map<String, String> keys;
    private static Kafka kafka;
    private static Database database;
    private static Mail mail;

    private TestInfrastructure() {}

    /** One set of deployment keys per test JVM ({@code certtrack.keys.*}), shared by every service under test. */
    public static synchronized Map<String, String> keys() {
        if (keys == null) {
            keys = KeyMaterial.generate();
        }
        return keys;
    }

    public static synchronized Kafka kafka() {
        if (kafka == null) {
            kafka = env("CERTTRACK_TEST_KAFKA_BOOTSTRAP_SERVERS")
                    .map(servers -> new Kafka(withTopics(servers), Optional.empty()))
                    .orElseGet(() -> dockerAvailable() ? kafkaContainer() : kafkaProcess());
        }
        return kafka;
    }

    public static synchronized Database database() {
        if (database == null) {
            database = env("CERTTRACK_TEST_DB_URL")
                    .map(url -> new Database(
                            url,
                            env("CERTTRACK_TEST_DB_USER").orElse("postgres"),
                            env("CERTTRACK_TEST_DB_PASSWORD").orElse("")))
                    .or(() -> SharedServers.published().map(shared -> freshDatabase(shared.database())))
                    .orElseGet(() -> dockerAvailable() ? postgresContainer() : postgresProcess());
        }
        return database;
    }

    /**
     * A fresh database on a server, nothing shared with other tests' tables, outboxes or ledgers. On the run's shared
     * server, one per {@link TestInfrastructure} (a test JVM has one per class loader Quarkus loads it in).
     */
    private static Database freshDatabase(Database server) {
        String name = "certtrack_" + ProcessHandle.current().pid() + "_" + Long.toHexString(System.nanoTime());
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + " on " + server.jdbcUrl(), e);
        }
        String url = server.jdbcUrl().substring(0, server.jdbcUrl().lastIndexOf('/') + 1) + name;
        return new Database(url, server.user(), server.password());
    }

    public static synchronized Mail mail() {
        if (mail == null) {
            mail = env("CERTTRACK_TEST_SMTP_HOST")
                    .map(host -> new Mail(
                            host,
                            Integer.parseInt(env("CERTTRACK_TEST_SMTP_PORT").orElse("25")),
                            Integer.parseInt(env("CERTTRACK_TEST_IMAP_PORT").orElse("143"))))
                    .or(() -> SharedServers.published().map(SharedServers.Published::mail))
                    .orElseGet(() -> dockerAvailable() ? mailContainer() : mailProcess());
        }
        return mail;
    }

    private static String withTopics(String servers) {
        KafkaTopics.ensureAll(servers, 3, Duration.ofSeconds(60), () -> {});
        return servers;
    }

    private static Kafka kafkaProcess() {
        try {
            Path dir = Files.createTempDirectory("certtrack-test-kafka");
            KafkaBroker broker = new KafkaBroker(dir, freePort(), freePort(), 3).start();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::kill));
            return new Kafka(broker.bootstrapServers(), Optional.of(broker));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Database postgresProcess() {
        PostgresServer server = PostgresServer.start(freePort(), null);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        return new Database(server.jdbcUrl(), PostgresServer.USER, "postgres");
    }

    private static Mail mailProcess() {
        MailServer server = MailServer.start(freePort(), freePort());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        return new Mail("127.0.0.1", server.smtpPort(), server.imapPort());
    }

    private static Kafka kafkaContainer() {
        // As the brokers CertTrack starts itself: a dead member's partitions move on after 15 s.
        KafkaContainer container = new KafkaContainer("apache/kafka-native:4.1.1")
                .withEnv("KAFKA_GROUP_CONSUMER_MIN_SESSION_TIMEOUT_MS", "6000")
                .withEnv("KAFKA_GROUP_CONSUMER_SESSION_TIMEOUT_MS", "15000");
        container.start();
        return new Kafka(withTopics(container.getBootstrapServers()), Optional.empty());
    }

    private static Database postgresContainer() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine").withDatabaseName("certtrack");
        container.start();
        return new Database(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }

    private static Mail mailContainer() {
        GenericContainer<?> container = new GenericContainer<>("greenmail/standalone:2.1.8")
                .withEnv(
                        "GREENMAIL_OPTS",
                        "-Dgreenmail.setup.test.all -Dgreenmail.hostname=0.0.0.0 -Dgreenmail.auth.disabled")
                .withExposedPorts(3025, 3143);
        container.start();
        return new Mail(container.getHost(), container.getMappedPort(3025), container.getMappedPort(3143));
    }

    /** Asks Docker only when there is something to ask: a socket or DOCKER_HOST. */
    private static boolean dockerAvailable() {
        if (env("CERTTRACK_TEST_NO_DOCKER").isPresent()
                || (env("DOCKER_HOST").isEmpty() && !Files.exists(Path.of("/var/run/docker.sock")))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }
}
