package com.certtrack.systemtests;

import com.certtrack.testsupport.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Looks for secrets where they must never be: a dump of the whole database, log files, Kafka records. A secret is
 * searched as written, without dashes, case-insensitively, and hex-encoded (as a bytea column would show it).
 */
final class SecretScan {

    /** One place that was read, and what it holds, as text. */
    record Source(String name, String text) {}

    private final Map<String, List<String>> needles = new LinkedHashMap<>();

    SecretScan secret(String label, String value) {
        List<String> forms = new ArrayList<>();
        forms.add(value.toLowerCase(Locale.ROOT));
        forms.add(value.replace("-", "").toLowerCase(Locale.ROOT));
        forms.add(HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8)));
        needles.put(label, forms.stream().distinct().toList());
        return this;
    }

    /** Every occurrence as "label in source". */
    List<String> findIn(List<Source> sources) {
        List<String> found = new ArrayList<>();
        for (Source source : sources) {
            String text = source.text().toLowerCase(Locale.ROOT);
            needles.forEach((label, forms) -> {
                if (forms.stream().anyMatch(text::contains)) {
                    found.add(label + " in " + source.name());
                }
            });
            if (text.contains("private key-----")) {
                found.add("a PEM private key in " + source.name());
            }
        }
        return found;
    }

    /**
     * The database as {@code pg_dump} writes it, when a pg_dump that can read this server is on this machine;
     * otherwise every row of every table of every schema as {@code t::text} (the same content, row by row).
     */
    static Source databaseDump() {
        var db = TestInfrastructure.database();
        return pgDump(db).orElseGet(() -> sqlDump(db));
    }

    private static java.util.Optional<Source> pgDump(TestInfrastructure.Database db) {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            candidates.add(Path.of(dir, "pg_dump"));
        }
        Path embedded = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg");
        if (Files.isDirectory(embedded)) {
            try (Stream<Path> dirs = Files.list(embedded)) {
                dirs.forEach(d -> candidates.add(d.resolve("bin/pg_dump")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String hostPort = db.jdbcUrl().replaceFirst("^jdbc:postgresql://", "").replaceFirst("/.*$", "");
        String database = db.jdbcUrl().replaceFirst("^.*/", "").replaceFirst("\\?.*$", "");
        for (Path pgDump : candidates) {
            if (!Files.isExecutable(pgDump)) {
                continue;
            }
            try {
                Path out = Files.createTempFile("certtrack-dump", ".sql");
                ProcessBuilder builder = new ProcessBuilder(
                                pgDump.toString(),
                                "-h",
                                hostPort.split(":")[0],
                                "-p",
                                hostPort.split(":")[1],
                                "-U",
                                db.user(),
                                "-f",
                                out.toString(),
                                database)
                        .redirectErrorStream(true);
                builder.environment().put("PGPASSWORD", db.password());
                Process process = builder.start();
                String messages = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (process.waitFor(120, TimeUnit.SECONDS) && process.exitValue() == 0) {
                    return java.util.Optional.of(new Source("pg_dump (" + pgDump + ")", Files.readString(out)));
                }
                System.out.println("SecretScan: " + pgDump + " cannot dump this server: " + messages.trim());
            } catch (IOException e) {
                System.out.println("SecretScan: " + pgDump + " failed: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return java.util.Optional.empty();
    }

    private static Source sqlDump(TestInfrastructure.Database db) {
        StringBuilder dump = new StringBuilder();
        int tables = 0;
        long rows = 0;
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement s = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) "
                    + "FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
                    + "AND table_schema NOT IN ('pg_catalog', 'information_schema')")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String table : names) {
                tables++;
                dump.append("-- ").append(table).append('\n');
                try (ResultSet rs = s.executeQuery("SELECT t::text FROM " + table + " t")) {
                    while (rs.next()) {
                        rows++;
                        dump.append(rs.getString(1)).append('\n');
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the database for the secret scan", e);
        }
        return new Source("SQL dump of " + tables + " tables, " + rows + " rows", dump.toString());
    }

    /** Every file in {@code dir} whose name ends with {@code .log}. */
    static List<Source> logFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log"))
                    .map(SecretScan::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Source read(Path file) {
        try {
            return new Source(
                    file.getFileName().toString(), new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
