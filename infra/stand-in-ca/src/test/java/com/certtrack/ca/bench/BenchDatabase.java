package com.certtrack.ca.bench;

import com.certtrack.infra.servers.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A throw-away PostgreSQL for infra/bench/acme.sh: starts on the given port, prints {@code READY <jdbc url>}, and
 * stops (deleting its data) when the script closes this process's standard input or terminates it.
 */
public final class BenchDatabase {

    public static void main(String[] args) throws Exception {
        Path data = Files.createTempDirectory("acme-bench-pg");
        PostgresServer server = PostgresServer.start(Integer.parseInt(args[0]), data);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("READY " + server.jdbcUrl());
        System.out.flush();
        while (System.in.read() >= 0) {
            // Wait for the script to go away.
        }
        System.exit(0);
    }
}
