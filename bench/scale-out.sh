#!/usr/bin/env bash
# Scale-out benchmark, one command: webhook accept and webhook -> lead throughput on the same machine, in the same run,
# for (1) one instance on SQLite, (2) one instance on PostgreSQL, (3) two instances sharing one PostgreSQL database.
# Each configuration: a burst of HMAC-signed ContactCreate webhooks from bench/LoadGen (64 connections in all, split
# over the instances) for BENCH_SECONDS, then the time until every accepted webhook is a lead; the PostgreSQL runs
# also report the bytes each event leaves in the database. Needs the local PostgreSQL cluster and root (as .ci/run
# has); writes JSON lines to BENCH_OUT (default bench/scale-out-results.jsonl) and a Markdown table to stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_BURST=${BENCH_SECONDS:-15}
CONNS=${BENCH_CONNECTIONS:-64}
OUT=${BENCH_OUT:-bench/scale-out-results.jsonl}

dotnet build src/Web -c Release -v q -nologo >/dev/null
dotnet build bench/LoadGen -c Release -v q -nologo >/dev/null
LOADGEN="dotnet bench/LoadGen/bin/Release/net10.0/loadgen.dll"

WORK=$(mktemp -d)
PIDS=()
stop_all() { for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done; PIDS=(); sleep 1; }
trap 'stop_all; rm -rf "$WORK"' EXIT
export BENCH_KEYS="$WORK/keys"
$LOADGEN keys "$BENCH_KEYS" >/dev/null
export BENCH_ADMIN_TOKEN="bench-admin-token-$(date +%s)-0123456789"
KEY="$(head -c 32 /dev/urandom | base64)"

# A throwaway database in the local cluster, for a role of the benchmark's own.
pg_ctlcluster 15 main start 2>/dev/null || true
PG_PASSWORD="bench-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
pg() { runuser -u postgres -- psql -qtA "$@"; }
pg -c "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='integrationhub_bench') THEN CREATE ROLE integrationhub_bench; END IF; END\$\$;" >/dev/null
pg -c "ALTER ROLE integrationhub_bench LOGIN CREATEDB PASSWORD '$PG_PASSWORD'" >/dev/null
fresh_database() {
  pg -c "DROP DATABASE IF EXISTS integrationhub_bench WITH (FORCE)" >/dev/null
  pg -c "CREATE DATABASE integrationhub_bench OWNER integrationhub_bench" >/dev/null
}
PG_CONNECTION="Host=localhost;Database=integrationhub_bench;Username=integrationhub_bench;Password=$PG_PASSWORD"

# start_instance PORT PROVIDER: one service process, Production settings, the shared key ring.
start_instance() {
  local port=$1 provider=$2
  ASPNETCORE_ENVIRONMENT=Production \
  IntegrationHub__DataDirectory="$WORK/data-$port" \
  IntegrationHub__Database__Provider="$provider" \
  ConnectionStrings__IntegrationHub="$([ "$provider" = PostgreSql ] && echo "$PG_CONNECTION")" \
  IntegrationHub__Auth__BootstrapAdminToken="$BENCH_ADMIN_TOKEN" \
  IntegrationHub__Encryption__ActiveKeyId=bench IntegrationHub__Encryption__Keys__bench="$KEY" \
  Logging__LogLevel__Default=Warning \
    dotnet src/Web/bin/Release/net10.0/IntegrationHub.Web.dll --contentRoot "$PWD/src/Web/bin/Release/net10.0" \
      --urls "http://127.0.0.1:$port" > "$WORK/server-$port.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && return; sleep 0.5; done
  echo "instance on $port did not start:" >&2; tail -20 "$WORK/server-$port.log" >&2; exit 1
}

api() { curl -sf -X "$1" "$URL$2" -H "Authorization: Bearer $BENCH_ADMIN_TOKEN" -H 'Content-Type: application/json' ${3:+-d "$3"}; }
json() { python3 -c "import sys,json; print(json.load(sys.stdin)$1)"; }
set_up_location() {
  SUB=$(api POST /api/admin/sub-accounts '{"name":"Bench","timezone":"America/Chicago"}' | json "['id']")
  local user template integration
  user=$(api POST "/api/admin/sub-accounts/$SUB/users" '{"email":"bench@bench.test","name":"Bench"}' | json "['id']")
  api POST "/api/admin/users/$user/strategies" '{"name":"Default"}' >/dev/null
  template=$(api GET /api/integration-templates | python3 -c "import sys,json; print([t['id'] for t in json.load(sys.stdin) if t['name']=='gohighlevel'][0])")
  integration=$(api POST /api/admin/integrations "{\"subAccountId\":$SUB,\"integrationTemplateId\":$template,\"name\":\"GHL\",\"config\":{\"apiKey\":\"k\",\"locationId\":\"loc-bench\"}}" | json "['id']")
  export BENCH_SECRET=$(api POST "/api/admin/integrations/$integration/setup-ghl-webhook" | json "['secret']")
  export BENCH_LOCATION=loc-bench
}

# measure NAME PORT...: the burst split over the given instances, then the drain, as one JSON line.
measure() {
  local name=$1; shift
  local ports=("$@") per=$((CONNS / $#)) start generators=()
  start=$(date +%s.%N)
  for port in "${ports[@]}"; do
    $LOADGEN closed "http://127.0.0.1:$port" /api/webhook hmac "$per" "$SECONDS_BURST" > "$WORK/burst-$port.json" &
    generators+=($!)
  done
  wait "${generators[@]}"
  # Processing alone: from the burst's end (no more intake) to the last lead.
  local drain_start leads_at_burst_end
  drain_start=$(date +%s.%N)
  leads_at_burst_end=$(api GET "/api/leads?subAccountId=$SUB&pageSize=1" | json "['total']")
  local accepted=0 rate=0 p99=0
  for port in "${ports[@]}"; do
    accepted=$((accepted + $(json "['statusCodes'].get('202',0)" < "$WORK/burst-$port.json")))
    rate=$(python3 -c "print($rate + $(json "['requestsPerSecond']" < "$WORK/burst-$port.json"))")
    p99=$(python3 -c "print(max($p99, $(json "['p99Ms']" < "$WORK/burst-$port.json")))")
  done
  local leads=0
  for _ in $(seq 1 1200); do
    leads=$(api GET "/api/leads?subAccountId=$SUB&pageSize=1" | json "['total']")
    [ "$leads" -ge "$accepted" ] && break
    sleep 0.25
  done
  local total rss bytes=None drain_rate
  total=$(python3 -c "import time; print(round(time.time() - $start, 1))")
  # None when processing kept up with the burst (no backlog left to drain; warm-up events count as leads too).
  drain_rate=$(python3 -c "import time; print(round(($leads - $leads_at_burst_end) / max(time.time() - $drain_start, 0.001)) if $accepted > $leads_at_burst_end else None)")
  rss=$(for pid in "${PIDS[@]}"; do awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null; done | sort -n | tail -1)
  if [ "$name" != sqlite ]; then
    bytes=$(pg -d integrationhub_bench -c "SELECT (pg_total_relation_size('\"WebhookEvents\"') + pg_total_relation_size('\"WebhookAttempt\"') + pg_total_relation_size('\"Leads\"')) / GREATEST(COUNT(*), 1) FROM \"WebhookEvents\"")
  fi
  # The warm-up (2 s per LoadGen) is not in the burst figures but its events are in the drain.
  local line
  line=$(python3 -c "import json; print(json.dumps({'config': '$name', 'instances': ${#ports[@]}, 'acceptedPerSecond': round($rate), 'acceptP99Ms': $p99, 'accepted': $accepted, 'leads': $leads, 'secondsUntilAllLeads': $total, 'leadsPerSecond': round($leads / $total), 'backlogAtBurstEnd': max(0, $accepted - $leads_at_burst_end), 'drainLeadsPerSecond': $drain_rate, 'peakRssKb': ${rss:-0}, 'bytesPerEvent': $bytes}))")
  echo "$line" | tee -a "$OUT" >&2
}

: > "$OUT"
URL=http://127.0.0.1:5201; start_instance 5201 Sqlite; set_up_location; measure sqlite 5201; stop_all
fresh_database; URL=http://127.0.0.1:5202; start_instance 5202 PostgreSql; set_up_location; measure postgresql-1 5202; stop_all
fresh_database; URL=http://127.0.0.1:5203; start_instance 5203 PostgreSql; start_instance 5204 PostgreSql; set_up_location
measure postgresql-2 5203 5204; stop_all
pg -c "DROP DATABASE IF EXISTS integrationhub_bench WITH (FORCE)" >/dev/null

python3 - "$OUT" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
base = rows[0]['acceptedPerSecond'] or 1
print("| configuration | instances | accepted/s | vs SQLite | accept p99 ms | leads/s (burst start to last lead) | backlog at burst end | leads/s draining it (vs SQLite) | peak RSS MB | bytes/event |")
print("|---|---|---|---|---|---|---|---|---|---|")
drain_base = rows[0]['drainLeadsPerSecond'] or 1
for r in rows:
    drain = "kept up" if r['drainLeadsPerSecond'] is None else f"{r['drainLeadsPerSecond']} ({r['drainLeadsPerSecond'] / drain_base:.2f}x)"
    print(f"| {r['config']} | {r['instances']} | {r['acceptedPerSecond']} | {r['acceptedPerSecond'] / base:.2f}x | {r['acceptP99Ms']} | "
          f"{r['leadsPerSecond']} | {r['backlogAtBurstEnd']} | {drain} | {r['peakRssKb'] // 1024} | "
          f"{r['bytesPerEvent'] if r['bytesPerEvent'] is not None else '-'} |")
EOF
