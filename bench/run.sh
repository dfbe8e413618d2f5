#!/usr/bin/env bash
# Webhook benchmarks, reproducible with this one command. Builds Release, starts the service on a fresh embedded
# SQLite data folder (processing runs in the same process throughout, as in production) and measures, in one run:
#   1. throughput: wrk replays the same stream of unique pre-signed ContactCreate deliveries (2 threads,
#      64 connections) against a bare Kestrel app answering 200 on the same route (bench/Bare, the baseline),
#      then against the service; then how fast the burst's backlog drains into leads, and peak memory;
#   2. accept latency at a fixed rate shared by 64 connections (bench/LoadGen paced: latency from each request's due
#      time), the service's bare endpoint as baseline;
#   3. intake while a backlog of about 50,000 events drains: accept latency at RATE against its idle value from 2.;
#   4. sustained webhook -> lead: for each offered rate, whether the backlog stays flat and lead latency p99 stays
#      within 500 ms for BENCH_SUSTAIN_SECONDS (bench/sustain.py; wrk with bench/wrk/paced.lua);
#   5. memory: resident set after each drained backlog (it must not grow);
#   6. end-to-end latency per signature scheme at RATE (bench/LoadGen steady).
# Writes the results to docs/benchmarks.md (between its generated-section markers). Settings: BENCH_SECONDS (wrk
# throughput runs, 20), BENCH_PACED_SECONDS (20), BENCH_SUSTAIN_RATES ("1000 2000 3000"), BENCH_SUSTAIN_SECONDS (60),
# BENCH_STEADY_SECONDS (60; 0 skips 6.), BENCH_RATE (500), BENCH_OUT (docs/benchmarks.md), BENCH_SERVER_LOG.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_WRK=${BENCH_SECONDS:-20}
SECONDS_PACED=${BENCH_PACED_SECONDS:-20}
SUSTAIN_RATES=${BENCH_SUSTAIN_RATES:-1000 2000 3000}
SECONDS_SUSTAIN=${BENCH_SUSTAIN_SECONDS:-60}
SECONDS_STEADY=${BENCH_STEADY_SECONDS:-60}
RATE=${BENCH_RATE:-500}
BACKLOG=${BENCH_BACKLOG:-50000}
PORT=${BENCH_PORT:-5099}
BARE_PORT=$((PORT + 1))
URL="http://127.0.0.1:$PORT"
OUT=${BENCH_OUT:-docs/benchmarks.md}

if ! command -v wrk >/dev/null; then
  echo "installing wrk" >&2
  SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk >/dev/null
fi

for project in src/Web bench/LoadGen bench/Bare; do dotnet build "$project" -c Release -v q -nologo >/dev/null; done
LOADGEN="dotnet bench/LoadGen/bin/Release/net10.0/loadgen.dll"

WORK=$(mktemp -d)
SERVER=
BARE=
trap 'kill $SERVER $BARE 2>/dev/null || true; rm -rf "$WORK"' EXIT
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
record() { echo "$1" >&2; echo "$1" >> "$RESULTS"; }
run() { echo "loadgen $*" >&2; record "$($LOADGEN "$@")"; }
backlog() { api GET /api/admin/webhook-events/summary | python3 -c "import sys,json; s=json.load(sys.stdin)['byStatus']; print(s.get('received',0)+s.get('retryScheduled',0))"; }
rss_mb() { awk -v k="$1:" '$1==k {print int($2/1024)}' "/proc/$SERVER/status"; }
# Waits until every received event is processed; prints the seconds it took.
drain() {
  local start; start=$(date +%s.%N)
  for _ in $(seq 1 1200); do [ "$(backlog)" -eq 0 ] && break; sleep 0.5; done
  python3 -c "import time; print(round(time.time() - $start, 1))"
}
memory() { record "{\"mode\": \"memory\", \"after\": \"$1\", \"rssMb\": $(rss_mb VmRSS), \"peakRssMb\": $(rss_mb VmHWM)}"; }
# wrk: <json fields to add> <wrk args...>; the replay script prints one JSON line.
wrk_run() {
  local fields=$1; shift
  echo "wrk $*" >&2
  record "$(wrk "$@" | tail -1 | python3 -c "import sys,json; r=json.loads(sys.stdin.read()); r.update($fields); print(json.dumps(r))")"
}

presign() { $LOADGEN presign "$WORK/$1.txt" "$2" "${3:-hmac}" "$1-$(date +%s)"; }
echo "signing deliveries" >&2
presign warm 40000
presign burst 600000
presign backlog $((BACKLOG * 3 / 2))

# 1. Throughput: the bare app first (the baseline), then the service (warmed up: tiered JIT takes ~10 s), same stream.
ASPNETCORE_ENVIRONMENT=Production dotnet bench/Bare/bin/Release/net10.0/bare.dll --urls "http://127.0.0.1:$BARE_PORT" >/dev/null 2>&1 &
BARE=$!
for _ in $(seq 1 60); do curl -s -o /dev/null -X POST "http://127.0.0.1:$BARE_PORT/api/webhook" && break; sleep 0.5; done
wrk_run '{"mode": "wrk", "target": "bare"}' -t2 -c64 -d"${SECONDS_WRK}s" -s bench/wrk/replay.lua "http://127.0.0.1:$BARE_PORT" -- "$WORK/burst.txt" /api/webhook 2
kill $BARE; wait $BARE 2>/dev/null || true; BARE=
wrk -t2 -c64 -d10s -s bench/wrk/replay.lua "$URL" -- "$WORK/warm.txt" /api/webhook 2 >/dev/null
drain >/dev/null
sleep 2
LEADS_BEFORE=$(api GET "/api/leads?subAccountId=$SUB&pageSize=1" | json "['total']")
BURST_START=$(date +%s.%N)
wrk_run '{"mode": "wrk", "target": "service"}' -t2 -c64 -d"${SECONDS_WRK}s" -s bench/wrk/replay.lua "$URL" -- "$WORK/burst.txt" /api/webhook 2
BACKLOG_AFTER_BURST=$(backlog)
DRAINED=$(drain)
LEADS=$(( $(api GET "/api/leads?subAccountId=$SUB&pageSize=1" | json "['total']") - LEADS_BEFORE ))
record "{\"mode\": \"drain\", \"leads\": $LEADS, \"backlogAfterBurst\": $BACKLOG_AFTER_BURST, \"drainedAfterSeconds\": $DRAINED, \"totalSeconds\": $(python3 -c "import time; print(round(time.time() - $BURST_START, 1))")}"
memory "burst drained"

# 2. Accept latency at a fixed rate (the bare endpoint of the same server first, as the baseline).
run paced "$URL" /bench/bare bare 64 "$RATE" "$SECONDS_PACED"
run paced "$URL" /api/webhook hmac 64 "$RATE" "$SECONDS_PACED"
run paced "$URL" /api/webhook hmac 64 $((RATE * 2)) "$SECONDS_PACED"
drain >/dev/null

# 3. Intake while a backlog drains: wrk builds the backlog, then the same fixed-rate measurement as the idle one in 2.
wrk -t2 -c64 -d60s -s bench/wrk/replay.lua "$URL" -- "$WORK/backlog.txt" /api/webhook 2 >/dev/null &
WRK=$!
for _ in $(seq 1 240); do [ "$(backlog)" -ge "$BACKLOG" ] && break; sleep 0.25; done
kill $WRK 2>/dev/null || true; wait $WRK 2>/dev/null || true
STARVE_START=$(backlog)
R=$($LOADGEN paced "$URL" /api/webhook hmac 64 "$RATE" "$SECONDS_PACED")
record "$(echo "$R" | python3 -c "import sys,json; r=json.load(sys.stdin); r.update({'mode': 'starve', 'backlogAtStart': $STARVE_START, 'backlogAtEnd': $(backlog)}); print(json.dumps(r))")"
drain >/dev/null
memory "backlog drained"

# 4. Sustained rates.
for rate in $SUSTAIN_RATES; do
  presign "sustain$rate" $((rate * SECONDS_SUSTAIN * 11 / 10))
  echo "sustain $rate/s for ${SECONDS_SUSTAIN}s" >&2
  record "$(python3 bench/sustain.py "$URL" "$BENCH_ADMIN_TOKEN" "$WORK/data/integrationhub.db" "$WORK/sustain$rate.txt" "$rate" "$SECONDS_SUSTAIN")"
  rm -f "$WORK/sustain$rate.txt"
  memory "sustained $rate/s drained"
done

# 4b. What the service allocates per webhook, request to lead: a separate run at the highest sustained rate (an EventPipe
# session costs the service CPU, so it is not part of the runs judged above), dotnet-counters sampling the GC's
# allocation rate over its middle 20 s, divided by the offered rate.
dotnet tool restore >/dev/null
ALLOC_RATE=${SUSTAIN_RATES##* }
presign alloc $((ALLOC_RATE * 33))
(sleep 5; dotnet dotnet-counters collect -p "$SERVER" --counters System.Runtime --format csv -o "$WORK/counters.csv" --duration 00:00:00:20 \
  >/dev/null 2>&1) &
COUNTERS=$!
python3 bench/sustain.py "$URL" "$BENCH_ADMIN_TOKEN" "$WORK/data/integrationhub.db" "$WORK/alloc.txt" "$ALLOC_RATE" 30 >/dev/null
wait $COUNTERS || true
record "$(python3 - "$WORK/counters.csv" "$ALLOC_RATE" <<'PY'
import csv, json, sys
rates = [float(r["Mean/Increment"]) for r in csv.DictReader(open(sys.argv[1])) if r["Counter Name"].startswith("dotnet.gc.heap.total_allocated")]
rates = rates[1:]  # the first sample covers the time before collection began
mean = sum(rates) / len(rates) if rates else 0
print(json.dumps({"mode": "alloc", "rate": int(sys.argv[2]), "samples": len(rates), "bytesPerSecond": round(mean),
                  "bytesPerWebhook": round(mean / int(sys.argv[2]))}))
PY
)"
rm -f "$WORK/alloc.txt"

# 6. End to end per signature scheme at RATE.
if [ "$SECONDS_STEADY" -gt 0 ]; then
  for scheme in hmac ed25519 rsa; do
    run steady "$URL" "$scheme" "$RATE" "$SECONDS_STEADY"
    sleep 3
  done
fi
memory "end"

python3 bench/report.py "$OUT" "$RESULTS"
echo "wrote $OUT" >&2
