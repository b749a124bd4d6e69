#!/usr/bin/env bash
# Load test of order-service, which must already be running (this script starts nothing).
#
#   infra/bench/orders.sh [ORDER_SERVICE_URL]      default http://localhost:8081
#
# Measures, at a fixed concurrency, with wrk and a Lua script that POSTs a two-line order (DV single + CaaS):
#   - orders/s accepted (HTTP 201) and latency p50/p99,
#   - the outbox-to-broker lag under that load: certtrack_outbox_lag_seconds sampled from /q/metrics every second
#     during the run, and how long the outbox takes to drain afterwards.
# Settings (environment): CONNECTIONS (default 16), THREADS (2), DURATION (30s), WARMUP (5s).
set -euo pipefail

URL="${1:-${ORDER_SERVICE_URL:-http://localhost:8081}}"
URL="${URL%/}"
CONNECTIONS="${CONNECTIONS:-16}"
THREADS="${THREADS:-2}"
DURATION="${DURATION:-30s}"
WARMUP="${WARMUP:-5s}"

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

metric() { # metric NAME: the sum of every series of a Prometheus metric, 0 when absent
    curl -fsS "$URL/q/metrics" | awk -v name="$1" '$1 == name || index($1, name "{") == 1 { sum += $NF } END { printf "%.3f\n", sum + 0 }'
}

ensure_wrk
curl -fsS "$URL/q/health/ready" >/dev/null || { echo "order-service at $URL is not ready (GET /q/health/ready)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'kill "$sampler" 2>/dev/null || true; rm -rf "$work"' EXIT

# Each request orders a different domain, so the service does its full work (validation, 3 rows, outbox row).
cat >"$work/order.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
    thread:set("thread_id", #threads + 1)
    table.insert(threads, thread)
end

function request()
    counter = counter + 1
    local domain = string.format("t%d-n%d-%d.bench.example.com", thread_id, counter, math.random(1, 1000000000))
    local body = '{"customer":{"name":"Bench Customer","email":"bench@example.com"},"lines":['
        .. '{"product":"DV_SINGLE","domains":["' .. domain .. '"],"dcvMethod":"DNS_TXT"},'
        .. '{"product":"CAAS","term":12}]}'
    return wrk.format(nil, "/api/orders", nil, body)
end

function done(summary, latency, requests)
    local seconds = summary.duration / 1000000
    local failed = summary.errors.status + summary.errors.connect + summary.errors.read
        + summary.errors.write + summary.errors.timeout
    io.write(string.format("RESULT requests=%d failed=%d seconds=%.2f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
        summary.requests, failed, seconds, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
        latency:percentile(99) / 1000, latency.max / 1000))
end
LUA

echo "warm-up: $WARMUP at $CONNECTIONS connections" >&2
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$work/order.lua" "$URL" >/dev/null

# Sample the outbox lag once a second while the load runs.
( while true; do metric certtrack_outbox_lag_seconds; sleep 1; done ) >"$work/lag" 2>/dev/null &
sampler=$!

placed_before="$(metric 'certtrack_orders_placed_total{product="DV_SINGLE"}')"
echo "measuring: $DURATION, $THREADS threads, $CONNECTIONS connections, POST $URL/api/orders" >&2
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s -s "$work/order.lua" "$URL" | tee "$work/wrk.out" >&2
kill "$sampler" 2>/dev/null || true

# After the load: how long until every event of the run has reached the broker.
drain_start=$(date +%s.%N)
drain="timeout"
for _ in $(seq 1 600); do
    if [ "$(metric certtrack_outbox_lag_seconds)" = "0.000" ]; then
        drain=$(awk -v s="$drain_start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
        break
    fi
    sleep 0.1
done

placed_after="$(metric 'certtrack_orders_placed_total{product="DV_SINGLE"}')"
result="$(grep '^RESULT' "$work/wrk.out")"
field() { echo "$result" | tr ' ' '\n' | awk -F= -v k="$1" '$1 == k { print $2 }'; }
seconds="$(field seconds)"
ok=$(( $(field requests) - $(field failed) ))
accepted="$(awk -v a="$placed_after" -v b="$placed_before" 'BEGIN { printf "%d", a - b }')"
lag_max="$(sort -g "$work/lag" | tail -1)"
lag_mean="$(awk '{ s += $1; n++ } END { printf "%.3f", n ? s / n : 0 }' "$work/lag")"
lag_p95="$(sort -g "$work/lag" | awk '{ v[NR] = $1 } END { i = int(NR * 0.95); if (i < 1) i = 1; print v[i] }')"

cat <<TABLE

| order-service at $URL ($CONNECTIONS connections, $THREADS threads, $DURATION) | value |
|---|---|
| requests sent | $(field requests) |
| failed (non-2xx, socket errors, timeouts) | $(field failed) |
| orders accepted (2xx answers counted by wrk) | $ok |
| orders/s accepted | $(awk -v a="$ok" -v s="$seconds" 'BEGIN { printf "%.1f", a / s }') |
| orders the service counted (certtrack_orders_placed_total, incl. requests in flight at the end) | $accepted |
| latency p50 / p90 / p99 / max (ms) | $(field p50_ms) / $(field p90_ms) / $(field p99_ms) / $(field max_ms) |
| outbox lag during load: mean / p95 / max (s, $(wc -l <"$work/lag") samples) | $lag_mean / $lag_p95 / $lag_max |
| outbox drained after load (s) | $drain |
TABLE
