#!/usr/bin/env bash
# Webhook benchmarks, reproducible with this one script: builds Release, starts the service on a fresh SQLite
# data folder, and measures with the same load generator (bench/LoadGen) in the same run:
#   1. the baseline: a bare minimal-API endpoint of the same server that returns 200;
#   2. accept throughput of HMAC-signed ContactCreate webhooks (64 connections, as fast as they go);
#   3. accept latency at a fixed rate shared by 64 connections (RATE and twice RATE), the bare endpoint as baseline;
#   4. end-to-end webhook -> lead latency at a steady rate, for HMAC, Ed25519 and RSA signatures.
# Writes the results to docs/benchmarks.md. Settings: BENCH_SECONDS (closed runs, 10), BENCH_PACED_SECONDS (20),
# BENCH_STEADY_SECONDS (60), BENCH_RATE (500), BENCH_CONNECTIONS (64), BENCH_ONLY_ACCEPT (skip the end-to-end runs),
# BENCH_OUT (docs/benchmarks.md), BENCH_SERVER_LOG (keep the service's log there).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_CLOSED=${BENCH_SECONDS:-10}
SECONDS_PACED=${BENCH_PACED_SECONDS:-20}
SECONDS_STEADY=${BENCH_STEADY_SECONDS:-60}
RATE=${BENCH_RATE:-500}
CONNS=${BENCH_CONNECTIONS:-64}
PORT=${BENCH_PORT:-5099}
URL="http://127.0.0.1:$PORT"
OUT=${BENCH_OUT:-docs/benchmarks.md}

dotnet build src/Web -c Release -v q -nologo >/dev/null
dotnet build bench/LoadGen -c Release -v q -nologo >/dev/null
LOADGEN="dotnet bench/LoadGen/bin/Release/net10.0/loadgen.dll"

WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
export BENCH_KEYS="$WORK/keys"
$LOADGEN keys "$BENCH_KEYS"
export BENCH_ADMIN_TOKEN="bench-admin-token-$(date +%s)-0123456789"

ASPNETCORE_ENVIRONMENT=Production \
IntegrationHub__DataDirectory="$WORK/data" \
IntegrationHub__Auth__BootstrapAdminToken="$BENCH_ADMIN_TOKEN" \
IntegrationHub__Encryption__ActiveKeyId=bench \
IntegrationHub__Encryption__Keys__bench="$(head -c 32 /dev/urandom | base64)" \
IntegrationHub__Webhooks__GhlEd25519PublicKey="$(cat "$BENCH_KEYS/ed25519.pub.pem")" \
IntegrationHub__Webhooks__GhlRsaPublicKey="$(cat "$BENCH_KEYS/rsa.pub.pem")" \
IntegrationHub__Benchmark__BareEndpoint=true \
Logging__LogLevel__Default=Warning \
  dotnet src/Web/bin/Release/net10.0/IntegrationHub.Web.dll --contentRoot "$PWD/src/Web/bin/Release/net10.0" --urls "$URL" \
  > "${BENCH_SERVER_LOG:-$WORK/server.log}" 2>&1 &
SERVER=$!
for _ in $(seq 1 120); do curl -sf "$URL/health/ready" >/dev/null && break; sleep 0.5; done

api() { curl -sf -X "$1" "$URL$2" -H "Authorization: Bearer $BENCH_ADMIN_TOKEN" -H 'Content-Type: application/json' ${3:+-d "$3"}; }
json() { python3 -c "import sys,json; print(json.load(sys.stdin)$1)"; }
SUB=$(api POST /api/admin/sub-accounts '{"name":"Bench","timezone":"America/Chicago"}' | json "['id']")
USER_ID=$(api POST "/api/admin/sub-accounts/$SUB/users" '{"email":"bench@bench.test","name":"Bench"}' | json "['id']")
api POST "/api/admin/users/$USER_ID/strategies" '{"name":"Default"}' >/dev/null
TEMPLATE=$(api GET /api/integration-templates | python3 -c "import sys,json; print([t['id'] for t in json.load(sys.stdin) if t['name']=='gohighlevel'][0])")
INTEGRATION=$(api POST /api/admin/integrations "{\"subAccountId\":$SUB,\"integrationTemplateId\":$TEMPLATE,\"name\":\"GHL\",\"config\":{\"apiKey\":\"k\",\"locationId\":\"loc-bench\"}}" | json "['id']")
export BENCH_SECRET=$(api POST "/api/admin/integrations/$INTEGRATION/setup-ghl-webhook" | json "['secret']")
export BENCH_LOCATION=loc-bench BENCH_SUB_ACCOUNT=$SUB

RESULTS="$WORK/results.jsonl"
run() { echo "$*" >&2; R=$($LOADGEN "$@"); echo "$R" >&2; echo "$R" >> "$RESULTS"; }

# 1. Throughput: the bare endpoint (baseline), then HMAC-signed webhooks, each as fast as 64 connections go.
run closed "$URL" /bench/bare bare "$CONNS" "$SECONDS_CLOSED"
run closed "$URL" /api/webhook hmac "$CONNS" "$SECONDS_CLOSED"
# Processing throughput: how fast the burst above drains into leads (and the next runs start from an empty queue).
ACCEPTED=$(echo "$R" | json "['statusCodes'].get('202',0)")
START=$(date +%s.%N)
for _ in $(seq 1 600); do
  LEADS=$(api GET "/api/leads?subAccountId=$SUB&pageSize=1" | json "['total']")
  [ "$LEADS" -ge "$ACCEPTED" ] && break
  sleep 0.5
done
DRAIN=$(python3 -c "import time; print(round(time.time() - $START, 1))")
echo "processed $LEADS of $ACCEPTED burst events, drained in ${DRAIN}s" >&2

# 2. Latency: 64 connections sharing a fixed request rate (the bare endpoint first, as the baseline).
run paced "$URL" /bench/bare bare "$CONNS" "$RATE" "$SECONDS_PACED"
run paced "$URL" /api/webhook hmac "$CONNS" "$RATE" "$SECONDS_PACED"
run paced "$URL" /api/webhook hmac "$CONNS" $((RATE * 2)) "$SECONDS_PACED"
sleep 3

# 3. End to end, webhook -> lead, at a steady rate, for each signature scheme.
if [ -z "${BENCH_ONLY_ACCEPT:-}" ]; then
  for scheme in hmac ed25519 rsa; do
    run steady "$URL" "$scheme" "$RATE" "$SECONDS_STEADY"
    sleep 3
  done
fi

python3 bench/report.py "$OUT" "$RESULTS" "$LEADS" "$DRAIN"
echo "wrote $OUT" >&2
