#!/usr/bin/env bash
# Leaf certificates signed per second by the stand-in CA's own code (infra/stand-in-ca LeafCertificateBuilder,
# ECDSA P-256 and RSA 2048 intermediates), beside `openssl speed` raw signatures per second in the same run.
# Usage: infra/bench/ca-signing.sh [seconds-per-case]   (default 3; needs java 17, openssl; Maven via ./mvnw)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-3}"
module=infra/stand-in-ca
cd "$root"

./mvnw -q test-compile -pl "$module"
./mvnw -q dependency:build-classpath -pl "$module" -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath >/dev/null
classpath="$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.classpath")"

echo "== CertTrack stand-in CA: complete leaf certificates (extensions + DER + signature) =="
java -cp "$classpath" com.certtrack.ca.bench.SigningBenchmark "$seconds"

echo
echo "== openssl speed -seconds $seconds ecdsap256 rsa2048: raw signatures =="
command -v openssl >/dev/null || { echo "openssl is missing: apt-get install -y openssl" >&2; exit 1; }
openssl version
openssl speed -seconds "$seconds" ecdsap256 rsa2048 2>/dev/null | awk '
    /^rsa *2048 bits/            { printf "%-44s %12s\n", "openssl rsa2048 sign/s", $6 }
    /ecdsa \(nistp256\)/         { printf "%-44s %12s\n", "openssl ecdsap256 sign/s", $7 }'
