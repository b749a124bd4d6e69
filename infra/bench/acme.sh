#!/usr/bin/env bash
# ACME issuances per second with the same client (lego) against the stand-in CA's ACME server and against Pebble
# (Let's Encrypt's test ACME server), in one run on this machine, both with External Account Binding required and
# real http-01 validation (lego's own standalone server, names resolved to 127.0.0.1 by pebble-challtestsrv's DNS).
#
#   infra/bench/acme.sh [ISSUANCES]        default 20 per server, after 3 warm-up issuances each
#
# Each issuance is one `lego run` for a new name (new order, authorization, http-01 challenge, finalize, download)
# with the account kept in lego's --path. Needs java 17, curl, openssl, lego, pebble (installed with apt-get when
# missing and root). Prints both rates and their ratio (stand-in CA / Pebble).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
count="${1:-20}"
warmup="${WARMUP:-3}"
module=infra/stand-in-ca
cd "$root"

need() { # need COMMAND PACKAGE
    command -v "$1" >/dev/null 2>&1 && return
    if [ "$(id -u)" -eq 0 ]; then
        echo "$1 is missing: apt-get install -y $2" >&2
        apt-get install -y -q "$2" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "$2" >/dev/null; }
    else
        echo "$1 is missing; install it with: sudo apt-get install -y $2" >&2
        exit 1
    fi
}
need lego lego; need pebble pebble; need pebble-challtestsrv pebble; need openssl openssl; need curl curl

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { # wait_for URL SECONDS [CURL OPTIONS...]
    local url="$1" seconds="$2"; shift 2
    for _ in $(seq 1 $((seconds * 5))); do curl -fsS -o /dev/null "$@" "$url" 2>/dev/null && return 0; sleep 0.2; done
    echo "$url did not answer within ${seconds}s" >&2; return 1
}

work="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

echo "building the stand-in CA ..." >&2
./mvnw -q package -pl "$module" -DskipTests
./mvnw -q dependency:build-classpath -pl "$module" -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath >/dev/null
./mvnw -q test-compile -pl "$module"
classpath="$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.classpath")"

dns_port="$(free_port)"; http_port="$(free_port)"; pg_port="$(free_port)"; ca_port="$(free_port)"
pebble_port="$(free_port)"; pebble_mgmt="$(free_port)"; chall_mgmt="$(free_port)"; tls_port="$(free_port)"

# DNS for both CAs: every A query answers 127.0.0.1, where lego's http-01 server listens.
pebble-challtestsrv -dns01 "127.0.0.1:$dns_port" -http01 "" -https01 "" -tlsalpn01 "" \
    -management "127.0.0.1:$chall_mgmt" -defaultIPv4 127.0.0.1 -defaultIPv6 "" >"$work/challtestsrv.log" 2>&1 &
pids+=($!)

# PostgreSQL for the stand-in CA (fed from a pipe: it stops when this script exits).
mkfifo "$work/pg.in"
java -cp "$classpath" com.certtrack.ca.bench.BenchDatabase "$pg_port" <"$work/pg.in" >"$work/pg.log" 2>&1 &
pids+=($!)
exec 3>"$work/pg.in"
for _ in $(seq 1 150); do grep -q '^READY' "$work/pg.log" && break; sleep 0.2; done
jdbc="$(awk '/^READY/ {print $2}' "$work/pg.log")"
[ -n "$jdbc" ] || { echo "PostgreSQL did not start:" >&2; cat "$work/pg.log" >&2; exit 1; }

api_key="bench-$(openssl rand -hex 8)"
CERTTRACK_HTTP_PORT="$ca_port" CERTTRACK_DB_URL="$jdbc" CERTTRACK_DB_USER=postgres CERTTRACK_DB_PASSWORD=postgres \
CERTTRACK_CA_KEY_ENCRYPTION_KEY="$(openssl rand -base64 32)" CERTTRACK_CA_OPERATOR_KEY="$(openssl rand -hex 16)" \
CERTTRACK_CA_API_KEY="$api_key" CERTTRACK_CA_PUBLIC_URL="http://localhost:$ca_port" \
CERTTRACK_CA_DCV_DNS_SERVER="127.0.0.1:$dns_port" CERTTRACK_CA_DCV_HTTP_PORT="$http_port" \
CERTTRACK_CA_FETCH_ALLOW_PRIVATE_TARGETS=true CERTTRACK_CA_LIMITS_NEW_ACCOUNTS_PER_IP_CAPACITY=100000 \
CERTTRACK_CA_LIMITS_NEW_ORDERS_PER_ACCOUNT_CAPACITY=100000 \
    java ${CA_JAVA_OPTS:-} -jar "$module/target/quarkus-app/quarkus-run.jar" >"$work/ca.log" 2>&1 &
ca_pid=$!
pids+=($ca_pid)
wait_for "http://localhost:$ca_port/q/health/ready" 120 || { tail -40 "$work/ca.log" >&2; exit 1; }
eab="$(curl -fsS -H "X-Api-Key: $api_key" -H 'Content-Type: application/json' \
    -d '{"clientOrderId":"bench-caas","termMonths":12}' "http://localhost:$ca_port/api/v1/acme-accounts")"
ca_kid="$(sed -E 's/.*"eabKeyId":"([^"]+)".*/\1/' <<<"$eab")"
ca_hmac="$(sed -E 's/.*"eabHmacKey":"([^"]+)".*/\1/' <<<"$eab")"

# Pebble serves ACME over HTTPS only: a throw-away CA and a localhost certificate, trusted by lego alone.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=bench-tls-ca \
    -keyout "$work/tls-ca.key" -out "$work/tls-ca.pem" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=localhost \
    -keyout "$work/pebble.key" -out "$work/pebble.csr" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >"$work/san.ext"
openssl x509 -req -in "$work/pebble.csr" -CA "$work/tls-ca.pem" -CAkey "$work/tls-ca.key" -CAcreateserial \
    -days 2 -extfile "$work/san.ext" -out "$work/pebble.pem" 2>/dev/null
pebble_kid="kid-bench"
pebble_hmac="$(openssl rand 32 | basenc --base64url | tr -d '=\n')"
cat >"$work/pebble.json" <<JSON
{ "pebble": {
    "listenAddress": "127.0.0.1:$pebble_port", "managementListenAddress": "127.0.0.1:$pebble_mgmt",
    "certificate": "$work/pebble.pem", "privateKey": "$work/pebble.key",
    "httpPort": $http_port, "tlsPort": $tls_port, "ocspResponderURL": "",
    "externalAccountBindingRequired": true,
    "externalAccountMACKeys": { "$pebble_kid": "$pebble_hmac" } } }
JSON
# Full speed: no artificial validation sleeps, no deliberately rejected nonces, no authorization reuse.
PEBBLE_VA_NOSLEEP=1 PEBBLE_WFE_NONCEREJECT=0 PEBBLE_AUTHZREUSE=0 \
    pebble -config "$work/pebble.json" -dnsserver "127.0.0.1:$dns_port" >"$work/pebble.log" 2>&1 &
pebble_pid=$!
pids+=($pebble_pid)
wait_for "https://localhost:$pebble_port/dir" 30 --cacert "$work/tls-ca.pem" || { cat "$work/pebble.log" >&2; exit 1; }

issue() { # issue NAME DIRECTORY KID HMAC INDEX
    LEGO_CA_CERTIFICATES="$work/tls-ca.pem" lego --path "$work/lego-$1" --server "$2" --accept-tos \
        --email bench@example.com --eab --kid="$3" --hmac="$4" --domains "bench-$5-$RANDOM.example.com" \
        --http --http.port "127.0.0.1:$http_port" run >>"$work/lego-$1.log" 2>&1 \
        || { echo "lego failed against $1:" >&2; tail -20 "$work/lego-$1.log" >&2; exit 1; }
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # user + system time of a process, in clock ticks

run() { # run NAME SERVER_PID DIRECTORY KID HMAC -> "issuances/s ms/issuance server-CPU-ms/issuance" in result-NAME
    local name="$1" pid="$2" start end cpu_start cpu_end
    shift 2
    for i in $(seq 1 "$warmup"); do issue "$name" "$@" "w$i"; done
    cpu_start="$(cpu_ticks "$pid")"
    start="$(date +%s.%N)"
    for i in $(seq 1 "$count"); do issue "$name" "$@" "$i"; done
    end="$(date +%s.%N)"
    cpu_end="$(cpu_ticks "$pid")"
    awk -v n="$count" -v s="$start" -v e="$end" -v c="$((cpu_end - cpu_start))" -v hz="$(getconf CLK_TCK)" \
        'BEGIN { printf "%.3f %.1f %.1f\n", n / (e - s), 1000 * (e - s) / n, 1000 * c / hz / n }' >"$work/result-$name"
}

echo "issuing $count certificates with lego against each server (after $warmup warm-up issuances) ..." >&2
run standin "$ca_pid" "http://localhost:$ca_port/acme/directory" "$ca_kid" "$ca_hmac"
if [ -n "${STANDIN_ONLY:-}" ]; then cat "$work/result-standin"; exit 0; fi # profiling aid
run pebble "$pebble_pid" "https://localhost:$pebble_port/dir" "$pebble_kid" "$pebble_hmac"
read -r ours ours_ms ours_cpu <"$work/result-standin"
read -r theirs theirs_ms theirs_cpu <"$work/result-pebble"

lego --version | head -1
pebble -version 2>/dev/null | head -1 || true
printf '%-36s %12s %12s %18s\n' "ACME server (client: lego, http-01)" "issuances/s" "ms/issuance" \
    "server CPU ms/iss."
printf '%-36s %12s %12s %18s\n' "CertTrack stand-in CA" "$ours" "$ours_ms" "$ours_cpu"
printf '%-36s %12s %12s %18s\n' "Pebble (EAB, VA_NOSLEEP)" "$theirs" "$theirs_ms" "$theirs_cpu"
awk -v a="$ours" -v b="$theirs" -v ca="$ours_cpu" -v cb="$theirs_cpu" 'BEGIN {
    printf "%-36s %12.2f %12s %18.2f\n", "ratio stand-in / Pebble", a / b, "", (cb > 0 ? ca / cb : 0) }'
echo "(issuances/s: higher is better; server CPU per issuance: lower is better. lego waits for a challenge"
echo " answered 'pending' before polling again (Retry-After, else 5 s); the stand-in CA validates within the"
echo " challenge POST and answers 'valid', so lego does not wait.)"
