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
#   - CA signing vs `openssl speed` (infra/bench/ca-signing.sh);
# stops the stack, then runs FaultToleranceIT with FAULT_ORDERS orders (default 500; 0 skips it).
#
# Settings (environment): PORT_BASE (default 18000: services on PORT_BASE+81.., CA +90, Kafka +92/+93, SMTP +25,
# IMAP +43, PostgreSQL +32), DURATION (wrk seconds per case, default 15s), CONNECTIONS (16), LATENCY_ORDERS (40),
# LATENCY_RATE (orders/s while measuring e-mail latency, 4), FAULT_ORDERS (500).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BENCH="$ROOT/infra/bench"
PORT_BASE="${PORT_BASE:-18000}"
DURATION="${DURATION:-15s}"
CONNECTIONS="${CONNECTIONS:-16}"
LATENCY_ORDERS="${LATENCY_ORDERS:-40}"
LATENCY_RATE="${LATENCY_RATE:-4}"
FAULT_ORDERS="${FAULT_ORDERS:-500}"
WORK="$(mktemp -d /tmp/certtrack-bench.XXXXXX)"

export CERTTRACK_HOME="${CERTTRACK_HOME:-$WORK/home}"
export CERTTRACK_ORDER_PORT=$((PORT_BASE + 81)) CERTTRACK_TRACKING_PORT=$((PORT_BASE + 82))
export CERTTRACK_CA_GATEWAY_PORT=$((PORT_BASE + 83)) CERTTRACK_NOTIFICATION_PORT=$((PORT_BASE + 84))
export CERTTRACK_EAB_PORT=$((PORT_BASE + 85)) CERTTRACK_CA_PORT=$((PORT_BASE + 90))
export CERTTRACK_KAFKA_PORT=$((PORT_BASE + 92)) CERTTRACK_KAFKA_CONTROLLER_PORT=$((PORT_BASE + 93))
export CERTTRACK_SMTP_PORT=$((PORT_BASE + 25)) CERTTRACK_IMAP_PORT=$((PORT_BASE + 43)) CERTTRACK_DB_PORT=$((PORT_BASE + 32))
export CERTTRACK_CA_URL="http://localhost:$CERTTRACK_CA_PORT" CERTTRACK_CA_PUBLIC_URL="http://localhost:$CERTTRACK_CA_PORT"
export CERTTRACK_BUILD="${CERTTRACK_BUILD:-never}"
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
    command -v "$tool" >/dev/null || { say "$tool is missing: apt-get install -y $tool"; exit 1; }
done

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

# ---- ACME vs Pebble ----------------------------------------------------------------------------------------------
if curl -fs -o /dev/null "$CA/acme/directory" && command -v lego >/dev/null && command -v pebble >/dev/null; then
    row "ACME issuances/s vs Pebble" "not measured: lego run not scripted yet" "-" "-"
else
    row "ACME issuances/s vs Pebble" "not measured: $(curl -fs -o /dev/null "$CA/acme/directory" && echo 'lego/pebble not installed' || echo 'no /acme/directory on the stand-in CA yet')" "-" "-"
fi

"$ROOT/infra/bin/certtrack" down >/dev/null 2>&1 || true

# ---- CA signing vs openssl ---------------------------------------------------------------------------------------
say "== CA signing: infra/bench/ca-signing.sh"
if bash "$BENCH/ca-signing.sh" 3 >"$WORK/signing.txt" 2>"$WORK/signing.err"; then
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
    row "CA signing vs openssl speed" "failed: $(tail -1 "$WORK/signing.err")" "-" "-"
fi

# ---- fault tolerance at scale ------------------------------------------------------------------------------------
if [[ $FAULT_ORDERS -gt 0 ]]; then
    say "== FaultToleranceIT with $FAULT_ORDERS orders (every service kill -9 + restart, broker stop + start)"
    (cd "$ROOT" && ./mvnw -B -o verify -pl infra/system-tests -Dit.test=FaultToleranceIT \
        -Dcerttrack.fault.orders="$FAULT_ORDERS" >"$WORK/fault.log" 2>&1) || true
    line=$(grep -h 'lost = ' "$ROOT"/infra/system-tests/target/failsafe-reports/*FaultToleranceIT*-output.txt "$WORK/fault.log" 2>/dev/null | head -1)
    placed=$(grep -ho 'FaultToleranceIT: [0-9]* orders placed in [0-9]* s ([0-9]* client-visible' "$WORK/fault.log" | head -1)
    row "fault test: $FAULT_ORDERS orders, 5 x kill -9 + broker restart${placed:+ ($placed failed attempts, retried)}" \
        "${line:-did not finish: see $WORK/fault.log}" "lost = 0, duplicates = 0" "-"
    [[ -n $line ]] || KEEP=1
fi

printf '\n| figure | value | baseline | ratio |\n|---|---|---|---|\n'
printf '%s\n' "${ROWS[@]}"
bash "$BENCH/lifecycle.sh" || say "lifecycle benchmarks (infra/bench/lifecycle.sh) failed"
