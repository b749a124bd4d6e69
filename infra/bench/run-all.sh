#!/usr/bin/env bash
# Every figure in one table: figure | value | baseline | ratio.
#
#   infra/bench/run-all.sh
#
# Starts the stack with `infra/bin/certtrack up` (its own state folder and ports, so it does not disturb a running
# local stack), reads `certtrack status` for each process's RSS, then measures on that stack:
#   - tracking lookups/s and p99 (wrk, POST /api/tracking/lookup of issued lines) vs GET /q/health/live of the
#     same service (the HTTP floor of this machine);
#   - orders/s and p99 (infra/bench/orders.sh) and order-to-e-mail p50/p99 (order_mail_latency.py over IMAP);
#   - ACME issuances/s vs Pebble (when the stand-in CA serves /acme/directory and lego + pebble are installed);
# stops the stack, then runs the benchmarks that bring their own servers, each beside its baseline:
#   - CA signing vs raw BouncyCastle signatures in the same JVM and `openssl speed` (infra/bench/ca-signing.sh);
#   - ACME server CPU per issuance, stand-in CA vs Pebble, same lego client (infra/bench/acme.sh);
#   - ca-gateway lines submitted/s, one and two instances, vs direct CA adapter calls (GatewayBenchmarkIT);
#   - notification-service e-mails/s for a burst of orders and event -> mailbox latency (NotificationBenchmark);
#   - webhook deliveries/s vs direct signed POSTs, and the checks vs bare handshakes (infra/bench/lifecycle.sh);
# then FaultToleranceIT with FAULT_ORDERS orders (default 500; 0 skips it).
#
# Builds what it needs first (`./mvnw install -DskipTests`; CERTTRACK_BUILD=never skips that).
#
# Settings (environment): PORT_BASE (default 18000: services on PORT_BASE+81.., CA +90, Kafka +92/+93, SMTP +25,
# IMAP +43, PostgreSQL +32), DURATION (wrk seconds per case, default 15s), CONNECTIONS (16), LATENCY_ORDERS (40),
# LATENCY_RATE (orders/s while measuring e-mail latency, 4), ACME_ISSUANCES (200), SIGNING_SECONDS (3),
# GATEWAY_LINES (1000), NOTIFICATION_ORDERS (2000), WEBHOOK_EVENTS (500), FAULT_ORDERS (500).
# SMOKE=1: tiny counts everywhere (CI runs it so the benchmarks do not rot; its figures mean nothing), and a
# benchmark that fails makes the script exit non-zero.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BENCH="$ROOT/infra/bench"
PORT_BASE="${PORT_BASE:-18000}"
if [[ ${SMOKE:-} == 1 ]]; then
    DURATION="${DURATION:-2s}" LATENCY_ORDERS="${LATENCY_ORDERS:-4}" ACME_ISSUANCES="${ACME_ISSUANCES:-2}"
    SIGNING_SECONDS="${SIGNING_SECONDS:-1}" GATEWAY_LINES="${GATEWAY_LINES:-10}"
    NOTIFICATION_ORDERS="${NOTIFICATION_ORDERS:-10}" WEBHOOK_EVENTS="${WEBHOOK_EVENTS:-10}" FAULT_ORDERS="${FAULT_ORDERS:-0}"
fi
DURATION="${DURATION:-15s}"
CONNECTIONS="${CONNECTIONS:-16}"
LATENCY_ORDERS="${LATENCY_ORDERS:-40}"
LATENCY_RATE="${LATENCY_RATE:-4}"
ACME_ISSUANCES="${ACME_ISSUANCES:-200}"
SIGNING_SECONDS="${SIGNING_SECONDS:-3}"
GATEWAY_LINES="${GATEWAY_LINES:-1000}"
NOTIFICATION_ORDERS="${NOTIFICATION_ORDERS:-2000}"
WEBHOOK_EVENTS="${WEBHOOK_EVENTS:-500}"
FAULT_ORDERS="${FAULT_ORDERS:-500}"
FAILED=()
WORK="$(mktemp -d /tmp/certtrack-bench.XXXXXX)"

export CERTTRACK_HOME="${CERTTRACK_HOME:-$WORK/home}"
export CERTTRACK_ORDER_PORT=$((PORT_BASE + 81)) CERTTRACK_TRACKING_PORT=$((PORT_BASE + 82))
export CERTTRACK_CA_GATEWAY_PORT=$((PORT_BASE + 83)) CERTTRACK_NOTIFICATION_PORT=$((PORT_BASE + 84))
export CERTTRACK_EAB_PORT=$((PORT_BASE + 85)) CERTTRACK_CA_PORT=$((PORT_BASE + 90))
export CERTTRACK_KAFKA_PORT=$((PORT_BASE + 92)) CERTTRACK_KAFKA_CONTROLLER_PORT=$((PORT_BASE + 93))
export CERTTRACK_SMTP_PORT=$((PORT_BASE + 25)) CERTTRACK_IMAP_PORT=$((PORT_BASE + 43)) CERTTRACK_DB_PORT=$((PORT_BASE + 32))
export CERTTRACK_CA_URL="http://localhost:$CERTTRACK_CA_PORT" CERTTRACK_CA_PUBLIC_URL="http://localhost:$CERTTRACK_CA_PORT"
ORDER="http://localhost:$CERTTRACK_ORDER_PORT"
TRACKING="http://localhost:$CERTTRACK_TRACKING_PORT"
CA="http://localhost:$CERTTRACK_CA_PORT"

ROWS=()
row() { ROWS+=("$(printf '| %s | %s | %s | %s |' "$1" "$2" "$3" "$4")"); }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "-"; else printf "%.2f\n", a / b }'; }
say() { printf '%s\n' "$*" >&2; }

cleanup() {
    "$ROOT/infra/bin/certtrack" down >/dev/null 2>&1 || true
    [[ ${KEEP:-} == 1 ]] || rm -rf "$WORK"
}
trap cleanup EXIT

for tool in wrk openssl python3 curl; do
    command -v "$tool" >/dev/null && continue
    say "$tool is missing: apt-get install -y $tool"
    [[ $(id -u) == 0 ]] || exit 1
    apt-get install -y -q "$tool" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "$tool" >/dev/null; }
done
# a benchmark that could not run: its row says why, and a smoke run fails at the end
failed() { FAILED+=("$1"); row "$1" "failed: $2" "-" "-"; }

if [[ ${CERTTRACK_BUILD:-} != never ]]; then
    say "== building (./mvnw install -DskipTests)"
    (cd "$ROOT" && ./mvnw -B -q install -DskipTests) >"$WORK/build.log" 2>&1 || { tail -40 "$WORK/build.log" >&2; exit 1; }
fi
export CERTTRACK_BUILD=never

row "machine: cores, 1-min load average before the run (other work distorts every figure)" \
    "$(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)" "-" "-"

# ---- stack start and memory -------------------------------------------------------------------------------------
say "== starting the stack (infra/bin/certtrack up, state in $CERTTRACK_HOME)"
t0=$(date +%s.%N)
"$ROOT/infra/bin/certtrack" up >"$WORK/up.log" 2>&1 || { cat "$WORK/up.log" >&2; exit 1; }
t1=$(date +%s.%N)
row "stack start, cold (PostgreSQL, SMTP, Kafka, CA, 5 services; until every /q/health/ready)" \
    "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f s", b - a }')" "-" "-"
"$ROOT/infra/bin/certtrack" status >"$WORK/status.txt"
cat "$WORK/status.txt" >&2
total=0
while read -r name _ mem unit state _; do
    [[ $state == running ]] || continue
    row "RSS $name" "$mem $unit" "-" "-"
    total=$((total + mem))
done < <(tail -n +2 "$WORK/status.txt" | grep ' MB ')
row "RSS total" "$total MB" "-" "-"

# ---- order-to-e-mail latency; yields issued CA References for the lookup benchmark -------------------------------
say "== order-to-e-mail latency: $LATENCY_ORDERS orders at $LATENCY_RATE/s"
mkdir -p "$WORK/csr"
run=$(date +%s)
for ((i = 0; i < LATENCY_ORDERS; i++)); do
    domain="b$i-$run.bench.example.com"
    echo "$domain" >"$WORK/csr/$i.domain"
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout /dev/null -subj "/CN=$domain" \
        -addext "subjectAltName=DNS:$domain" -out "$WORK/csr/$i.csr" 2>/dev/null
done
python3 "$BENCH/order_mail_latency.py" "$ORDER" localhost "$CERTTRACK_IMAP_PORT" "$WORK/csr" "$LATENCY_ORDERS" \
    "$LATENCY_RATE" >"$WORK/latency.json"
lat() { python3 -c "import json,sys; d=json.load(open('$WORK/latency.json')); v=d$1; print('' if v is None else (round(v) if isinstance(v, float) else v))"; }
row "order -> shipment e-mail (CA Reference) p50 / p99, $(lat "['shipment']['count']") of $LATENCY_ORDERS (IMAP poll cycle p50 $(lat "['poll_cycle_ms']") ms)" \
    "$(lat "['shipment']['p50']") / $(lat "['shipment']['p99']") ms" \
    "confirmation p99 $(lat "['confirmation']['p99']") ms" "$(ratio "$(lat "['shipment']['p99']")" "$(lat "['confirmation']['p99']")")"
if [[ $(lat "['issued']['count']") == 0 ]]; then
    row "order -> issued e-mail" "none sent (lines issued at submission get no 'issued' e-mail)" "-" "-"
else
    row "order -> issued e-mail p50 / p99" "$(lat "['issued']['p50']") / $(lat "['issued']['p99']") ms" "-" "-"
fi
python3 -c "import json; print('\n'.join(json.load(open('$WORK/latency.json'))['references']))" >"$WORK/references.txt"

# ---- tracking lookups vs a trivial endpoint ----------------------------------------------------------------------
wrk_run() { # name script url -> "rps p99ms"
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency ${2:+-s "$2"} "$3" >"$WORK/$1.wrk" 2>&1
    local rps p99
    rps=$(awk '/^Requests\/sec/ { print $2 }' "$WORK/$1.wrk")
    p99=$(awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 }; printf "%.2f", v }' "$WORK/$1.wrk")
    local non2xx
    non2xx=$(awk '/Non-2xx/ { print $NF }' "$WORK/$1.wrk")
    echo "$rps $p99 ${non2xx:-0}"
}
if [[ -s $WORK/references.txt ]]; then
    say "== tracking lookups: $(wc -l <"$WORK/references.txt") issued lines, $DURATION each"
    {
        echo 'local refs = {}'
        while read -r ref; do echo "table.insert(refs, \"$ref\")"; done <"$WORK/references.txt"
        cat <<'LUA'
local n = 0
request = function()
    n = n + 1
    local body = '{"caReference":"' .. refs[(n % #refs) + 1] .. '"}'
    return wrk.format("POST", "/api/tracking/lookup", { ["Content-Type"] = "application/json" }, body)
end
LUA
    } >"$WORK/lookup.lua"
    read -r floor_rps floor_p99 _ < <(wrk_run floor "" "$TRACKING/q/health/live")
    read -r lookup_rps lookup_p99 lookup_bad < <(wrk_run lookup "$WORK/lookup.lua" "$TRACKING")
    row "tracking lookups/s (issued lines; non-2xx: $lookup_bad)" "$lookup_rps" "$floor_rps (GET /q/health/live)" "$(ratio "$lookup_rps" "$floor_rps")"
    row "tracking lookup p99" "$lookup_p99 ms" "$floor_p99 ms (GET /q/health/live)" "$(ratio "$lookup_p99" "$floor_p99")"
else
    row "tracking lookups/s" "not measured: no shipment e-mail arrived" "-" "-"
fi

# ---- orders/s ----------------------------------------------------------------------------------------------------
say "== orders/s: infra/bench/orders.sh for $DURATION"
DURATION="$DURATION" CONNECTIONS="$CONNECTIONS" WARMUP=3s bash "$BENCH/orders.sh" "$ORDER" >"$WORK/orders.txt" 2>"$WORK/orders.err" || true
orders_value() { awk -F'|' -v k="$1" 'index($2, k) { gsub(/ /, "", $3); print $3; exit }' "$WORK/orders.txt"; }
orders_rps=$(orders_value "orders/s accepted")
orders_lat=$(orders_value "latency p50")
read -r _ order_floor_p99 _ < <(wrk_run order-floor "" "$ORDER/q/health/live")
order_floor_rps=$(awk '/^Requests\/sec/ { print $2 }' "$WORK/order-floor.wrk")
row "orders/s (POST /api/orders, DV + CaaS line, $CONNECTIONS connections)" "${orders_rps:-failed}" \
    "$order_floor_rps (GET /q/health/live)" "$(ratio "$orders_rps" "$order_floor_rps")"
row "order p50/p90/p99/max" "${orders_lat:-?} ms" "p99 $order_floor_p99 ms (GET /q/health/live)" \
    "$(ratio "$(echo "$orders_lat" | cut -d/ -f3)" "$order_floor_p99")"

"$ROOT/infra/bin/certtrack" down >/dev/null 2>&1 || true

# ---- CA signing vs openssl ---------------------------------------------------------------------------------------
say "== CA signing: infra/bench/ca-signing.sh"
if bash "$BENCH/ca-signing.sh" "$SIGNING_SECONDS" >"$WORK/signing.txt" 2>"$WORK/signing.err"; then
    leaf_ec=$(awk '/^leaf signed by ECDSA P-256/ { print $(NF - 1) }' "$WORK/signing.txt")
    leaf_rsa=$(awk '/^leaf signed by RSA 2048/ { print $(NF - 1) }' "$WORK/signing.txt")
    bc_ec=$(awk '/^raw BouncyCastle ECDSA P-256/ { print $(NF - 1) }' "$WORK/signing.txt")
    bc_rsa=$(awk '/^raw BouncyCastle RSA 2048/ { print $(NF - 1) }' "$WORK/signing.txt")
    ossl_ec=$(awk '/^openssl ecdsap256/ { print $NF }' "$WORK/signing.txt")
    ossl_rsa=$(awk '/^openssl rsa2048/ { print $NF }' "$WORK/signing.txt")
    row "CA leaf certificates/s, ECDSA P-256 intermediate" "${leaf_ec:-?}" "${bc_ec:-?} (raw BouncyCastle P-256 signatures/s, same JVM)" "$(ratio "$leaf_ec" "$bc_ec")"
    row "CA leaf certificates/s, RSA 2048 intermediate" "${leaf_rsa:-?}" "${bc_rsa:-?} (raw BouncyCastle RSA 2048 signatures/s, same JVM)" "$(ratio "$leaf_rsa" "$bc_rsa")"
    row "raw P-256 signatures/s, BouncyCastle in the JVM vs openssl" "${bc_ec:-?}" "${ossl_ec:-?} (openssl speed ecdsap256)" "$(ratio "$bc_ec" "$ossl_ec")"
else
    failed "CA signing (infra/bench/ca-signing.sh)" "$(tail -1 "$WORK/signing.err")"
fi

# ---- ACME vs Pebble ----------------------------------------------------------------------------------------------
say "== ACME: infra/bench/acme.sh $ACME_ISSUANCES"
if WARMUP=$([[ ${SMOKE:-} == 1 ]] && echo 1 || echo 3) bash "$BENCH/acme.sh" "$ACME_ISSUANCES" >"$WORK/acme.txt" 2>"$WORK/acme.err"; then
    read -r ours_rate _ ours_cpu < <(awk '/^CertTrack stand-in CA/ { print $(NF - 2), $(NF - 1), $NF }' "$WORK/acme.txt")
    read -r peb_rate _ peb_cpu < <(awk '/^Pebble/ { print $(NF - 2), $(NF - 1), $NF }' "$WORK/acme.txt")
    row "ACME server CPU per issuance, stand-in CA (lego, http-01, $ACME_ISSUANCES warm issuances)" "${ours_cpu:-?} ms" \
        "${peb_cpu:-?} ms (Pebble, same client)" "$(ratio "$ours_cpu" "$peb_cpu")"
    row "ACME issuances/s, stand-in CA" "${ours_rate:-?}" "${peb_rate:-?} (Pebble)" "$(ratio "$ours_rate" "$peb_rate")"
else
    failed "ACME vs Pebble (infra/bench/acme.sh)" "$(tail -1 "$WORK/acme.err")"
fi

# ---- ca-gateway submissions --------------------------------------------------------------------------------------
say "== ca-gateway: GatewayBenchmarkIT with $GATEWAY_LINES lines"
gateway_table="$ROOT/ca-gateway/target/bench/gateway.txt"
rm -f "$gateway_table"
if (cd "$ROOT" && ./mvnw -B -q verify -pl ca-gateway -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=GatewayBenchmarkIT -Dgateway.excludedGroups=none -Dbench.gateway.lines="$GATEWAY_LINES") \
    >"$WORK/gateway.log" 2>&1 && [[ -s $gateway_table ]]; then
    gw() { awk -F'|' -v k="$1" 'index($2, k) { gsub(/ /, "", $3); print $3; exit }' "$gateway_table"; }
    row "ca-gateway lines submitted/s, one instance ($GATEWAY_LINES lines, orders.v1 -> CaOrderSubmitted)" \
        "$(gw 'one instance')" "$(gw 'direct') (direct CA adapter calls)" "$(ratio "$(gw 'one instance')" "$(gw 'direct')")"
    row "ca-gateway lines submitted/s, two instances" "$(gw 'two instances')" "$(gw 'one instance') (one instance)" \
        "$(ratio "$(gw 'two instances')" "$(gw 'one instance')")"
else
    failed "ca-gateway (GatewayBenchmarkIT)" "see $WORK/gateway.log"; KEEP=1
fi

# ---- notification-service burst ----------------------------------------------------------------------------------
say "== notification-service: NotificationBenchmark, burst of $NOTIFICATION_ORDERS orders"
notification_report="$ROOT/notification-service/target/bench-notifications.txt"
rm -f "$notification_report"
if (cd "$ROOT" && ./mvnw -B -q test -pl notification-service -Dtest=NotificationBenchmark \
    -Dnotification.excludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false -Dbench.orders="$NOTIFICATION_ORDERS" \
    -Dbench.rate=0) >"$WORK/notification.log" 2>&1 && [[ -s $notification_report ]]; then
    mails=$(awk '/throughput/ { print $2 }' "$notification_report")
    latency=$(awk '/latency event -> mailbox/ { print $6 " / " $12 }' "$notification_report")
    row "notification-service e-mails/s, burst of $NOTIFICATION_ORDERS orders (confirmation + shipment each, over SMTP)" \
        "${mails:-?}" "200 (target)" "$(ratio "$mails" 200)"
    row "notification-service event -> mailbox p50 / p99 in that burst" "${latency:-?} ms" "-" "-"
else
    failed "notification-service (NotificationBenchmark)" "see $WORK/notification.log"; KEEP=1
fi

# ---- webhooks and checks -----------------------------------------------------------------------------------------
say "== webhooks and checks: infra/bench/lifecycle.sh"
if [[ ${SMOKE:-} == 1 ]]; then
    lifecycle_args=(-Dbench.webhook.events="$WEBHOOK_EVENTS" -Dbench.webhook.lines=5 -Dbench.webhook.paced-events=5
        -Dbench.webhook.rate=20 -Dbench.checks.requests=5 -Dbench.checks.warm-up=2)
else
    lifecycle_args=(-Dbench.webhook.events="$WEBHOOK_EVENTS")
fi
if bash "$BENCH/lifecycle.sh" "${lifecycle_args[@]}" >"$WORK/lifecycle.txt" 2>"$WORK/lifecycle.err"; then
    per_s() { awk -v k="$1" 'index($0, k) == 1 { n = split($0, f, /  +/); print f[n - 3]; exit }' "$WORK/lifecycle.txt"; }
    hooks=$(per_s "webhooks: burst of")
    posts=$(per_s "baseline: $WEBHOOK_EVENTS signed POSTs, JDK HttpClient, ")
    row "webhook deliveries/s, burst of $WEBHOOK_EVENTS status events" "${hooks:-?}" \
        "${posts:-?} (signed POSTs straight to the same receiver)" "$(ratio "$hooks" "$posts")"
else
    failed "webhooks and checks (infra/bench/lifecycle.sh)" "$(tail -1 "$WORK/lifecycle.err")"
fi

# ---- fault tolerance at scale ------------------------------------------------------------------------------------
if [[ $FAULT_ORDERS -gt 0 ]]; then
    say "== FaultToleranceIT with $FAULT_ORDERS orders (every service kill -9 + restart, broker stop + start)"
    (cd "$ROOT" && ./mvnw -B verify -pl infra/system-tests -Dit.test=FaultToleranceIT \
        -Dcerttrack.fault.orders="$FAULT_ORDERS" >"$WORK/fault.log" 2>&1) || true
    line=$(grep -h 'lost = ' "$ROOT"/infra/system-tests/target/failsafe-reports/*FaultToleranceIT*-output.txt "$WORK/fault.log" 2>/dev/null | head -1)
    placed=$(grep -ho 'FaultToleranceIT: [0-9]* orders placed in [0-9]* s ([0-9]* client-visible' "$WORK/fault.log" | head -1)
    row "fault test: $FAULT_ORDERS orders, 5 x kill -9 + broker restart${placed:+ ($placed failed attempts, retried)}" \
        "${line:-did not finish: see $WORK/fault.log}" "lost = 0, duplicates = 0" "-"
    [[ -n $line ]] || KEEP=1
fi

for detail in signing acme lifecycle; do
    [[ -s $WORK/$detail.txt ]] && { printf '\n'; cat "$WORK/$detail.txt"; }
done
[[ -s ${gateway_table:-} ]] && { printf '\n'; cat "$gateway_table"; }
[[ -s ${notification_report:-} ]] && { printf '\n'; cat "$notification_report"; }
printf '\n| figure | value | baseline | ratio |\n|---|---|---|---|\n'
printf '%s\n' "${ROWS[@]}"
if [[ ${#FAILED[@]} -gt 0 ]]; then
    say "failed: ${FAILED[*]} (logs kept in $WORK)"
    KEEP=1
    [[ ${SMOKE:-} == 1 ]] && exit 1
fi
