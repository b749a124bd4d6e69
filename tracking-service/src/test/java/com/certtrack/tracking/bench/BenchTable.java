package com.certtrack.tracking.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of one benchmark as a plain table (measurement, count, per second, p50, p99, max), with the machine's
 * load average when it began and ended: printed to stdout and appended to {@code target/bench/lifecycle.txt}.
 */
public final class BenchTable {

    public static final Path OUTPUT = Path.of("target/bench/lifecycle.txt");

    private final String title;
    private final String loadAtStart = loadAverage();
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public BenchTable(String title) {
        this.title = title;
    }

    /**
     * One measurement: the latencies of operations that took {@code elapsedNanos} in all, from the first start to the
     * last end (0: they ran one after another, so the sum of the latencies).
     */
    public BenchTable row(String name, List<Long> latenciesNanos, long elapsedNanos) {
        List<Long> sorted = latenciesNanos.stream().sorted().toList();
        long elapsed = elapsedNanos > 0
                ? elapsedNanos
                : sorted.stream().mapToLong(Long::longValue).sum();
        rows.add(new String[] {
            name,
            Integer.toString(sorted.size()),
            String.format("%.1f", sorted.size() / (elapsed / 1e9)),
            millis(percentile(sorted, 50)),
            millis(percentile(sorted, 99)),
            millis(sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1))
        });
        return this;
    }

    public BenchTable note(String text) {
        notes.add(text);
        return this;
    }

    /** Nearest-rank percentile, in nanoseconds. */
    public static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(index, 0));
    }

    public static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    public String render() {
        String[] header = {"measurement", "n", "per s", "p50 ms", "p99 ms", "max ms"};
        int[] widths = new int[header.length];
        for (String[] row : concat(header)) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("== ")
                .append(title)
                .append(" (")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append(", ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores, load average ")
                .append(loadAtStart)
                .append(" at start, ")
                .append(loadAverage())
                .append(" at end)\n");
        for (String[] row : concat(header)) {
            for (int i = 0; i < row.length; i++) {
                String cell = i == 0 ? pad(row[i], widths[i]) : leftPad(row[i], widths[i]);
                out.append(i == 0 ? "" : "  ").append(cell);
            }
            out.append('\n');
            if (row == header) {
                for (int i = 0; i < widths.length; i++) {
                    out.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
                }
                out.append('\n');
            }
        }
        notes.forEach(note -> out.append("  ").append(note).append('\n'));
        return out.append('\n').toString();
    }

    /** Prints the table and appends it to {@link #OUTPUT}. */
    public void publish() {
        String text = render();
        System.out.print(text);
        try {
            Files.createDirectories(OUTPUT.getParent());
            Files.writeString(OUTPUT, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String[]> concat(String[] header) {
        List<String[]> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }

    private static String millis(long nanos) {
        return String.format("%.1f", nanos / 1e6);
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }

    private static String leftPad(String text, int width) {
        return " ".repeat(width - text.length()) + text;
    }
}
