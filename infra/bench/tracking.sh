#!/usr/bin/env bash
# Benchmark of tracking-service lookups, self-contained: starts Kafka and PostgreSQL (LocalServers) and the built
# service jar on loopback, seeds the view by producing events as ca-gateway would, then measures with wrk
#   1. a trivial endpoint of the same service (GET /q/health/live): the HTTP floor of this machine,
#   2. POST /api/tracking/lookup of issued lines (read path: normalise, HMAC, indexed select, token),
#   3. POST /api/tracking/lookup of unfinished lines (plus the conditional UPDATE that throttles refreshes and
#      an outbox row at most once per line every refresh-interval),
# prints a table, and stops everything it started.
#
#   infra/bench/tracking.sh          (builds the service first when its jar is missing)
#
# Settings (environment): LINES (default 2000 per kind), CONNECTIONS (16), THREADS (2), DURATION (20s),
# WARMUP (5s), KEEP (1 keeps the service log), HOLD (seconds to keep the seeded service up before measuring), KAFKA_PORT (29092), CONTROLLER_PORT (29093), PG_PORT (25432), HTTP_PORT (28082).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
LINES="${LINES:-2000}"
CONNECTIONS="${CONNECTIONS:-16}"
THREADS="${THREADS:-2}"
DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-5s}"
KAFKA_PORT="${KAFKA_PORT:-29092}"
CONTROLLER_PORT="${CONTROLLER_PORT:-29093}"
PG_PORT="${PG_PORT:-25432}"
HTTP_PORT="${HTTP_PORT:-28082}"
URL="http://127.0.0.1:$HTTP_PORT"

JAR="$ROOT/tracking-service/target/quarkus-app/quarkus-run.jar"
SUPPORT="$ROOT/infra/service-support/target/classes"
# Builds what it runs, so it works from a fresh clone after the README's commands.
if [ ! -e "$JAR" ] || [ ! -e "$ROOT/infra/servers/target/launcher.classpath" ] || [ ! -e "$SUPPORT" ]; then
    echo "building tracking-service and the local servers (./mvnw package -am)" >&2
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests -pl infra/servers,tracking-service -am)
fi
SERVERS_CP="$ROOT/infra/servers/target/classes:$(cat "$ROOT/infra/servers/target/launcher.classpath")"

ensure_wrk() {
    command -v wrk >/dev/null 2>&1 && return
    if [ "$(id -u)" -eq 0 ]; then
        echo "wrk is missing: installing it (apt-get install -y wrk)" >&2
        apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
    else
        echo "wrk is missing; install it with: sudo apt-get install -y wrk" >&2
        exit 1
    fi
}
ensure_wrk

work="$(mktemp -d /tmp/bt-tracking.XXXXXX)"
kafka_pid=""; pg_pid=""; app_pid=""
cleanup() {
    [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
    [ -n "$kafka_pid" ] && kill "$kafka_pid" 2>/dev/null || true
    [ -n "$pg_pid" ] && kill "$pg_pid" 2>/dev/null && wait "$pg_pid" 2>/dev/null || true
    [ -n "$kafka_pid" ] && for _ in $(seq 1 50); do kill -0 "$kafka_pid" 2>/dev/null || break; sleep 0.2; done
    if [ "${KEEP:-}" = 1 ]; then echo "kept: $work (service.log)" >&2; else rm -rf "$work"; fi
    rm -rf /tmp/bt-kafka /tmp/bt-pg
}
trap cleanup EXIT

key() { head -c 32 /dev/urandom | base64 -w0; }
export CERTTRACK_KEYS_REFERENCE_HASH="$(key)"
export CERTTRACK_KEYS_LINK_SIGNING="$(key)"
export CERTTRACK_KEYS_WEBHOOK_SECRET="$(key)"

echo "starting Kafka on $KAFKA_PORT and PostgreSQL on $PG_PORT" >&2
rm -rf /tmp/bt-kafka /tmp/bt-pg
kafka_pid="$(java -cp "$SERVERS_CP" com.certtrack.infra.servers.LocalServers kafka --dir /tmp/bt-kafka \
    --port "$KAFKA_PORT" --controller-port "$CONTROLLER_PORT" | tail -1)"
java -cp "$SERVERS_CP" com.certtrack.infra.servers.LocalServers postgres --dir /tmp/bt-pg --port "$PG_PORT" \
    >"$work/postgres.log" 2>&1 &
pg_pid=$!
for _ in $(seq 1 120); do grep -q "PostgreSQL ready" "$work/postgres.log" && break; sleep 0.5; done
grep -q "PostgreSQL ready" "$work/postgres.log" || { echo "PostgreSQL did not start; see $work/postgres.log" >&2; cat "$work/postgres.log" >&2; exit 1; }

echo "starting tracking-service on $HTTP_PORT" >&2
CERTTRACK_HTTP_PORT="$HTTP_PORT" \
CERTTRACK_KAFKA_BOOTSTRAP_SERVERS="localhost:$KAFKA_PORT" \
CERTTRACK_DB_URL="jdbc:postgresql://localhost:$PG_PORT/certtrack" \
CERTTRACK_DB_PASSWORD=postgres \
CERTTRACK_TRACKING_LOOKUP_FAILURES=1000000 \
    java -Xmx512m -jar "$JAR" >"$work/service.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 240); do
    curl -fsS "$URL/q/health/ready" >/dev/null 2>&1 && break
    kill -0 "$app_pid" 2>/dev/null || { echo "tracking-service exited; log:" >&2; tail -50 "$work/service.log" >&2; exit 1; }
    sleep 0.5
done
curl -fsS "$URL/q/health/ready" >/dev/null || { echo "tracking-service not ready; see log" >&2; tail -50 "$work/service.log" >&2; exit 1; }

# Seed: OrderPlaced + CaOrderSubmitted per line, as order-service and ca-gateway publish them; the references
# (plaintext) exist only in this run's temporary files, the service sees their keyed hashes.
cat >"$work/Seed.java" <<'JAVA'
import com.certtrack.support.reference.CaReference;
import com.certtrack.support.reference.ReferenceHasher;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

public class Seed {
    public static void main(String[] args) throws Exception {
        String servers = args[0];
        ReferenceHasher hasher = new ReferenceHasher(Base64.getDecoder().decode(args[1]));
        int lines = Integer.parseInt(args[2]);
        String status = args[3];
        try (var producer = new KafkaProducer<String, String>(Map.of("bootstrap.servers", servers, "acks", "all",
                "linger.ms", 20, "key.serializer", StringSerializer.class.getName(),
                "value.serializer", StringSerializer.class.getName()));
                var out = new PrintWriter(args[4])) {
            for (int i = 0; i < lines; i++) {
                String order = "BENCH-" + status.charAt(0) + "-" + UUID.randomUUID().toString().substring(0, 8);
                String line = order + "-1";
                String domain = "shop" + i + "." + order.toLowerCase() + ".example";
                String reference = CaReference.generate();
                String hash = hasher.hash(CaReference.normalise(reference).canonical().orElseThrow());
                Instant at = Instant.now();
                producer.send(new ProducerRecord<>("orders.v1", order, String.format(
                        "{\"eventId\":\"%s\",\"eventType\":\"OrderPlaced\",\"schemaVersion\":1,\"occurredAt\":\"%s\","
                        + "\"orderNumber\":\"%s\",\"customer\":{\"name\":\"Bench\",\"email\":\"bench@example.com\"},"
                        + "\"lines\":[{\"lineId\":\"%s\",\"product\":\"DV_SINGLE\",\"domains\":[\"%s\"],"
                        + "\"dcvMethod\":\"DNS_TXT\"}]}", UUID.randomUUID(), at.minusSeconds(60), order, line, domain)));
                producer.send(new ProducerRecord<>("ca-orders.v1", order, String.format(
                        "{\"eventId\":\"%s\",\"eventType\":\"CaOrderSubmitted\",\"schemaVersion\":1,\"occurredAt\":\"%s\","
                        + "\"orderNumber\":\"%s\",\"lineId\":\"%s\",\"product\":\"DV_SINGLE\",\"caOrderId\":\"CA-%s\","
                        + "\"caReferenceHash\":\"%s\",\"sealedCaReference\":\"c2VhbGVk\",\"status\":\"%s\","
                        + "\"domains\":[{\"name\":\"%s\",\"dcvMethod\":\"DNS_TXT\",\"dcvStatus\":\"PENDING\","
                        + "\"instructions\":\"Create TXT _validation.%s\"}]}",
                        UUID.randomUUID(), at, order, line, line, hash, status, domain, domain)));
                out.println(reference);
            }
            producer.flush();
        }
    }
}
JAVA
SEED_CP="$SUPPORT:$(cat "$ROOT/infra/servers/target/launcher.classpath")"
echo "seeding $LINES issued and $LINES unfinished lines" >&2
java -cp "$SEED_CP" "$work/Seed.java" "localhost:$KAFKA_PORT" "$CERTTRACK_KEYS_REFERENCE_HASH" "$LINES" ISSUED "$work/issued.refs" 2>/dev/null
java -cp "$SEED_CP" "$work/Seed.java" "localhost:$KAFKA_PORT" "$CERTTRACK_KEYS_REFERENCE_HASH" "$LINES" PENDING_VALIDATION "$work/pending.refs" 2>/dev/null

lookup_status() {
    curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
        -d "{\"caReference\":\"$1\"}" "$URL/api/tracking/lookup"
}
for _ in $(seq 1 240); do
    [ "$(lookup_status "$(tail -1 "$work/issued.refs")")" = 200 ] && [ "$(lookup_status "$(tail -1 "$work/pending.refs")")" = 200 ] && break
    sleep 0.5
done
[ "$(lookup_status "$(tail -1 "$work/pending.refs")")" = 200 ] || { echo "the view was not built in time" >&2; exit 1; }

cat >"$work/lookup.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local refs = {}
for line in io.lines(os.getenv("REFS")) do refs[#refs + 1] = line end
local i = 0
function setup(thread) end
function init(args) i = math.random(1, #refs) end
function request()
    i = i % #refs + 1
    return wrk.format(nil, "/api/tracking/lookup", nil, '{"caReference":"' .. refs[i] .. '"}')
end
function done(summary, latency, requests)
    local failed = summary.errors.status + summary.errors.connect + summary.errors.read
        + summary.errors.write + summary.errors.timeout
    io.write(string.format("RESULT requests=%d failed=%d seconds=%.2f p50_ms=%.2f p99_ms=%.2f\n",
        summary.requests, failed, summary.duration / 1000000, latency:percentile(50) / 1000,
        latency:percentile(99) / 1000))
end
LUA
cat >"$work/plain.lua" <<'LUA'
function done(summary, latency, requests)
    local failed = summary.errors.status + summary.errors.connect + summary.errors.read
        + summary.errors.write + summary.errors.timeout
    io.write(string.format("RESULT requests=%d failed=%d seconds=%.2f p50_ms=%.2f p99_ms=%.2f\n",
        summary.requests, failed, summary.duration / 1000000, latency:percentile(50) / 1000,
        latency:percentile(99) / 1000))
end
LUA

run() { # run NAME SCRIPT PATH [REFS]
    echo "warm-up $WARMUP: $1" >&2
    REFS="${4:-}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$2" "$URL$3" >/dev/null
    echo "measuring $DURATION: $1" >&2
    REFS="${4:-}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s -s "$2" "$URL$3" \
        | grep '^RESULT' >"$work/$1.result"
}
if [ "${HOLD:-0}" != 0 ]; then echo "holding the service on $URL for $HOLD s" >&2; sleep "$HOLD"; fi
run trivial "$work/plain.lua" /q/health/live
run issued "$work/lookup.lua" /api/tracking/lookup "$work/issued.refs"
run pending "$work/lookup.lua" /api/tracking/lookup "$work/pending.refs"

field() { tr ' ' '\n' <"$work/$1.result" | awk -F= -v k="$2" '$1 == k { print $2 }'; }
row() {
    local ok=$(( $(field "$1" requests) - $(field "$1" failed) ))
    printf '| %s | %s | %s | %s | %s |\n' "$2" \
        "$(awk -v a="$ok" -v s="$(field "$1" seconds)" 'BEGIN { printf "%.0f", a / s }')" \
        "$(field "$1" p50_ms)" "$(field "$1" p99_ms)" "$(field "$1" failed)"
}
curl -fsS "$URL/q/metrics" >"$work/metrics"
refreshes="$(awk '$1 ~ /^certtrack_outbox/ { print }' "$work/metrics" | head -3 | tr '\n' ' ')"
# Server-side time per lookup (Micrometer, all three runs' lookups), free of the load generator's own queueing.
server_mean="$(awk '$1 ~ /^http_server_requests_seconds_(count|sum)\{/ && $1 ~ /uri="\/api\/tracking\/lookup"/ && $1 ~ /status="200"/ {
    if ($1 ~ /_count/) c += $NF; else s += $NF } END { printf "%.2f", c ? s / c * 1000 : 0 }' "$work/metrics")"
server_max="$(awk '$1 ~ /^http_server_requests_seconds_max\{/ && $1 ~ /uri="\/api\/tracking\/lookup"/ { if ($NF > m) m = $NF } END { printf "%.1f", m * 1000 }' "$work/metrics")"

cat <<TABLE

tracking-service on loopback, $(nproc) cores, $CONNECTIONS connections, $THREADS wrk threads, $DURATION per run, same JVM for all rows
| endpoint | requests/s | p50 (ms) | p99 (ms) | failed |
|---|---|---|---|---|
$(row trivial "GET /q/health/live (trivial, same service)")
$(row issued "POST /api/tracking/lookup, issued lines ($LINES references)")
$(row pending "POST /api/tracking/lookup, unfinished lines (refresh throttle; $LINES references)")

server-side time per successful lookup (Micrometer): mean $server_mean ms, max in the last window $server_max ms;
load average during the run: $(cut -d' ' -f1-3 /proc/loadavg)
TABLE
echo "outbox metrics after the run: $refreshes" >&2
