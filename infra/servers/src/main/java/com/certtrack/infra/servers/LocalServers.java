package com.certtrack.infra.servers;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point for {@code infra/bin/certtrack}: starts one server of the local stack.
 *
 * <pre>
 * kafka    --dir DIR --port 9092 --controller-port 9093   (starts the broker JVM, waits until ready, returns)
 * postgres --dir DIR --port 5432                          (runs until SIGTERM)
 * mail     --smtp 3025 --imap 3143                        (runs until SIGTERM)
 * dns      --port 8053 --zone certtrack.test --records FILE (runs until SIGTERM)
 * </pre>
 */
public final class LocalServers {

    private LocalServers() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 0) {
            fail("usage: LocalServers kafka|postgres|mail|dns [--option value]...");
        }
        Map<String, String> options = options(args);
        try {
            switch (args[0]) {
                case "kafka" -> {
                    KafkaBroker broker = new KafkaBroker(
                                    Path.of(required(options, "dir")),
                                    port(options, "port", 9092),
                                    port(options, "controller-port", 9093),
                                    3)
                            .start();
                    System.out.println(broker.pid());
                }
                case "postgres" -> {
                    PostgresServer server =
                            PostgresServer.start(port(options, "port", 5432), Path.of(required(options, "dir")));
                    System.out.println("PostgreSQL ready: " + server.jdbcUrl());
                    runUntilStopped(server);
                }
                case "mail" -> {
                    MailServer server = MailServer.start(port(options, "smtp", 3025), port(options, "imap", 3143));
                    System.out.println("SMTP ready on " + server.smtpPort() + ", IMAP on " + server.imapPort());
                    runUntilStopped(server);
                }
                case "dns" -> {
                    DevDnsServer server = DevDnsServer.start(
                            port(options, "port", 8053),
                            options.getOrDefault("zone", "certtrack.test"),
                            Path.of(required(options, "records")));
                    System.out.println("DNS ready on 127.0.0.1:" + server.port() + " for "
                            + options.getOrDefault("zone", "certtrack.test"));
                    runUntilStopped(server);
                }
                default -> fail("unknown server: " + args[0]);
            }
        } catch (RuntimeException e) {
            // One clear line for the operator; the cause is in the server's own log.
            fail(args[0] + " failed: " + e.getMessage()
                    + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : ""));
        }
    }

    private static void runUntilStopped(AutoCloseable server) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("stop failed: " + e.getMessage());
            }
            stopped.countDown();
        }));
        stopped.await();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            fail("missing --" + name);
        }
        return value;
    }

    private static int port(Map<String, String> options, String name, int fallback) {
        String value = options.getOrDefault(name, Integer.toString(fallback));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            fail("--" + name + " must be a port number, not '" + value + "'");
            return -1;
        }
    }

    private static void fail(String message) {
        System.err.println("certtrack: " + message);
        System.exit(2);
    }
}
