#!/usr/bin/env bash
# tracking-service lifecycle benchmarks, each beside a baseline measured in the same run (JUnit tag "bench", left
# out of the normal test run):
#   - WebhookBenchmark: status events on Kafka -> signed deliveries at a loopback HTTPS receiver (deliveries/s,
#     p50/p99 from the event's occurredAt) vs the same number of signed POSTs from the JDK HttpClient;
#   - ChecksBenchmark: POST /api/tracking/checks/installation vs a bare TLS handshake, and
#     POST /api/tracking/checks/revocation (pasted PEM) vs a bare OCSP request with BouncyCastle.
#
#   infra/bench/lifecycle.sh [EXTRA MAVEN ARGUMENTS]     e.g. -Dbench.webhook.events=1000 -Dbench.checks.requests=500
#
# Settings (system properties, defaults): bench.webhook.events (500), bench.webhook.lines (25),
# bench.webhook.paced-events (50), bench.webhook.rate (5 events/s), bench.checks.requests (200),
# bench.checks.warm-up (20). Each test JVM starts its own Kafka broker and PostgreSQL (test resources).
# Prints the tables (also in tracking-service/target/bench/lifecycle.txt). Needs java 17; Maven via ./mvnw.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/tracking-service/target/bench/lifecycle.txt"
cd "$root"

rm -f "$out"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)" >&2
./mvnw -q test -pl tracking-service -Dtest='*Benchmark' -Dtracking.excludedGroups=none \
    -Dsurefire.failIfNoSpecifiedTests=false "$@" >&2
echo
cat "$out"
