#!/usr/bin/env bash
# Lead search at 1,000,000 leads (issue 27): for SQLite and then PostgreSQL, starts a Release hub on a fresh database
# (its migrations create the search indexes), creates LEADSEARCH_SUB_ACCOUNTS sub-accounts through the API, stops
# it, seeds LEADSEARCH_LEADS leads straight into its database (bench/LeadSearch: one INSERT ... SELECT, so the
# triggers and indexes do the same work as for any write), starts it again and runs the query mix through HTTP, as a
# tenant (one sub-account of many) and as an admin (all). Prints one JSON line per query kind; p50/p95/p99 are over
# LEADSEARCH_REQUESTS sequential requests per kind (after 3 warm-ups), pageSize=50, each with its total.
# With LEADSEARCH_BASELINE (a commit; default: where this branch left main, `git merge-base HEAD main`; "none" to skip),
# each provider's seeded database is first measured by a hub built from that commit, then by this tree's hub, which
# migrates the same database first (the seconds that takes are reported): before and after on the same data and run.
# Then, unless LEADSEARCH_WRITE_COST=0, measures what the search index costs the webhook → lead hot path:
# the same burst of signed ContactCreate deliveries into a hub built from the commit before the search
# (LEADSEARCH_BEFORE) and into this tree, leads/s from the burst's start until the last lead.
# Settings: LEADSEARCH_LEADS (1000000), LEADSEARCH_SUB_ACCOUNTS (10), LEADSEARCH_REQUESTS (60),
# LEADSEARCH_PROVIDERS ("sqlite postgresql"; empty: only the write cost), LEADSEARCH_POSTGRES (a role that may create databases),
# LEADSEARCH_BASELINE_REQUESTS (requests per kind for the baseline; default LEADSEARCH_REQUESTS: its slow kinds take
# seconds each), LEADSEARCH_OUT (results, JSON lines; default bench/lead-search-results.jsonl).
# Every result line carries the 1-minute load average when its kind finished (loadAvg1m): the machine may be shared.
# PostgreSQL lines carry the server's shared_buffers: at its default (128MB) the 1,000,000-lead table (~480 MB with its
# indexes) does not stay in PostgreSQL's own cache; docs/benchmarks.md says which setting its figures were taken with.
set -euo pipefail
cd "$(dirname "$0")/.."
LEADS=${LEADSEARCH_LEADS:-1000000}
SUBS=${LEADSEARCH_SUB_ACCOUNTS:-10}
REQUESTS=${LEADSEARCH_REQUESTS:-60}
PROVIDERS=${LEADSEARCH_PROVIDERS-sqlite postgresql}
PG=${LEADSEARCH_POSTGRES:-Host=localhost;Port=5432;Username=integrationhub_dev;Password=devpass}
OUT=${LEADSEARCH_OUT:-bench/lead-search-results.jsonl}
PORT=${LEADSEARCH_PORT:-5097}
URL="http://127.0.0.1:$PORT"
TOKEN="bench-admin-token-$(date +%s)-0123456789"

for project in src/Web bench/LeadSearch; do dotnet build "$project" -c Release -v q -nologo >/dev/null; done
TOOL="dotnet bench/LeadSearch/bin/Release/net10.0/leadsearch.dll"
WORK=$(mktemp -d)
BASELINE=${LEADSEARCH_BASELINE:-$(git merge-base HEAD main)}
BASELINE_REQUESTS=${LEADSEARCH_BASELINE_REQUESTS:-$REQUESTS}
if [ "$BASELINE" != none ] && [ -n "$PROVIDERS" ]; then
  mkdir -p "$WORK/baseline" && git archive "$BASELINE" | tar -x -C "$WORK/baseline"
  dotnet build "$WORK/baseline/src/Web" -c Release -v q -nologo >/dev/null
fi
SERVER=
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
: > "$OUT.tmp"

start_hub() { # <provider> <connection string or ""> <web folder>
  local settings=()
  [ "$1" = postgresql ] && settings=(IntegrationHub__Database__Provider=PostgreSql "ConnectionStrings__IntegrationHub=$2")
  env "${settings[@]}" ASPNETCORE_ENVIRONMENT=Production IntegrationHub__DataDirectory="$WORK/data-$1" \
    IntegrationHub__Auth__BootstrapAdminToken="$TOKEN" IntegrationHub__Encryption__ActiveKeyId=bench \
    IntegrationHub__Encryption__Keys__bench="$KEY" Logging__LogLevel__Default=Warning \
    dotnet "$3/bin/Release/net10.0/IntegrationHub.Web.dll" --contentRoot "$3/bin/Release/net10.0" --urls "$URL" \
    >> "$WORK/server-$1.log" 2>&1 &
  SERVER=$!
  # Up to 10 minutes: this tree's hub migrates a seeded database of 1,000,000 leads before it answers.
  for _ in $(seq 1 1200); do curl -sf "$URL/health/ready" >/dev/null && return 0; sleep 0.5; done
  echo "the hub did not start; see its log:" >&2; tail -20 "$WORK/server-$1.log" >&2; exit 1
}
# A shared machine: before each measurement, wait (up to LEADSEARCH_QUIET_WAIT seconds, default 900) until the 1-minute
# load average is under LEADSEARCH_QUIET_LOAD (default 3); then measure anyway, the load is in every result line.
wait_for_quiet() {
  for _ in $(seq 1 $(( ${LEADSEARCH_QUIET_WAIT:-900} / 30 ))); do
    awk -v max="${LEADSEARCH_QUIET_LOAD:-3}" '{ exit !($1 < max) }' /proc/loadavg && return 0
    echo "load average $(cut -d' ' -f1 /proc/loadavg): waiting for a quieter machine" >&2; sleep 30
  done
}
stop_hub() { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=; }
api() { curl -sf -X "$1" "$URL$2" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' ${3:+-d "$3"}; }
json() { python3 -c "import sys,json; print(json.load(sys.stdin)$1)"; }
KEY=$(head -c 32 /dev/urandom | base64)

for provider in $PROVIDERS; do
  connection=""
  if [ "$provider" = postgresql ]; then
    pg_lsclusters --no-header | grep -q online || pg_ctlcluster 15 main start
    database="ih_bench_search"
    runuser -u postgres -- psql -qc "DROP DATABASE IF EXISTS $database" >/dev/null
    connection="$PG;Database=$database"
    PGPASSWORD=$(sed -n 's/.*Password=\([^;]*\).*/\1/p' <<<"$PG") createdb -h localhost -U "$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$PG")" "$database"
  fi
  shared_buffers=$( [ "$provider" = postgresql ] && runuser -u postgres -- psql -tAc 'SHOW shared_buffers' || true)
  schema_web=src/Web; [ "$BASELINE" != none ] && schema_web="$WORK/baseline/src/Web"
  start_hub "$provider" "$connection" "$schema_web"
  ids=()
  for i in $(seq 1 "$SUBS"); do ids+=("$(api POST /api/admin/sub-accounts "{\"name\":\"Bench $i\"}" | json "['id']")"); done
  tenant_token=$(api POST "/api/admin/sub-accounts/${ids[0]}/users" '{"email":"search@bench.test","name":"Search"}' | json "['token']")
  stop_hub
  [ "$provider" = sqlite ] && connection="Data Source=$WORK/data-sqlite/integrationhub.db"
  echo "seeding $LEADS leads ($provider)" >&2
  seed_start=$(date +%s.%N)
  $TOOL seed "$provider" "$connection" "$LEADS" "$(IFS=,; echo "${ids[*]}")"
  seed_seconds=$(python3 -c "import time; print(round(time.time() - $seed_start, 1))")
  trees=(after); [ "$BASELINE" != none ] && trees=(before after)
  for tree in "${trees[@]}"; do
    web=src/Web; requests=$REQUESTS; [ "$tree" = before ] && web="$WORK/baseline/src/Web" && requests=$BASELINE_REQUESTS
    start_seconds=$(date +%s.%N)
    start_hub "$provider" "$connection" "$web"
    start_seconds=$(python3 -c "import time; print(round(time.time() - $start_seconds, 1))")
    wait_for_quiet
    echo "measuring $tree ($provider; the hub started in $start_seconds s; load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    $TOOL measure "$URL" "$TOKEN" "$tenant_token" "${ids[0]}" "$requests" \
      | python3 -c "import sys,json
for line in sys.stdin:
    r=json.loads(line); r.update({'provider': '$provider', 'tree': '$tree', 'leads': $LEADS, 'subAccounts': $SUBS, 'seedSeconds': $seed_seconds, 'hubStartSeconds': $start_seconds, 'loadAvg1m': float(open('/proc/loadavg').read().split()[0])})
    if '$provider' == 'postgresql': r['sharedBuffers'] = '$shared_buffers'
    print(json.dumps(r))" \
      | tee -a "$OUT.tmp"
    stop_hub
  done
  [ "$provider" = postgresql ] && runuser -u postgres -- psql -qc "DROP DATABASE IF EXISTS $database" >/dev/null
done

if [ "${LEADSEARCH_WRITE_COST:-1}" != 0 ]; then
  before=${LEADSEARCH_BEFORE:-$(git log --format=%H --diff-filter=A -- 'src/Infrastructure/Persistence/Migrations/Sqlite/*_LeadSearch.cs' | tail -1)^}
  BENCH_TREE="$WORK/before" && mkdir -p "$BENCH_TREE" && git archive "$before" | tar -x -C "$BENCH_TREE"
  dotnet build "$BENCH_TREE/src/Web" -c Release -v q -nologo >/dev/null
  dotnet build bench/LoadGen -c Release -v q -nologo >/dev/null
  LOADGEN="dotnet bench/LoadGen/bin/Release/net10.0/loadgen.dll"
  export BENCH_KEYS="$WORK/keys" && $LOADGEN keys "$BENCH_KEYS" >/dev/null
  command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
  for round in 1 2; do
    for tree in before after; do
      web=src/Web; [ "$tree" = before ] && web="$BENCH_TREE/src/Web"
      rm -rf "$WORK/data-sqlite"
      wait_for_quiet
      start_hub sqlite "" "$web"
      sub=$(api POST /api/admin/sub-accounts '{"name":"Bench"}' | json "['id']")
      # A lead from GoHighLevel is assigned to one of the sub-account's users (by its strategy), as in bench/run.sh.
      user=$(api POST "/api/admin/sub-accounts/$sub/users" '{"email":"bench@bench.test","name":"Bench"}' | json "['id']")
      api POST "/api/admin/users/$user/strategies" '{"name":"Default"}' >/dev/null
      template=$(api GET /api/integration-templates | python3 -c "import sys,json; print([t['id'] for t in json.load(sys.stdin) if t['name']=='gohighlevel'][0])")
      integration=$(api POST /api/admin/integrations "{\"subAccountId\":$sub,\"integrationTemplateId\":$template,\"name\":\"GHL\",\"config\":{\"apiKey\":\"k\",\"locationId\":\"loc-bench\"}}" | json "['id']")
      export BENCH_SECRET=$(api POST "/api/admin/integrations/$integration/setup-ghl-webhook" | json "['secret']") BENCH_LOCATION=loc-bench
      $LOADGEN presign "$WORK/burst.txt" 60000 hmac "burst-$tree-$round-$(date +%s)" >/dev/null
      start=$(date +%s.%N)
      wrk -t2 -c64 -d15s -s bench/wrk/replay.lua "$URL" -- "$WORK/burst.txt" /api/webhook 2 >/dev/null
      for _ in $(seq 1 1200); do
        left=$(api GET /api/admin/webhook-events/summary | python3 -c "import sys,json; s=json.load(sys.stdin)['byStatus']; print(s.get('received',0)+s.get('retryScheduled',0))")
        [ "$left" -eq 0 ] && break; sleep 0.5
      done
      leads=$(api GET "/api/leads?subAccountId=$sub&pageSize=1" | json "['total']")
      python3 -c "import time,json; s=round(time.time() - $start, 1); print(json.dumps({'mode': 'write-cost', 'tree': '$tree', 'commit': '$( [ "$tree" = before ] && echo "$before" || git rev-parse HEAD)', 'round': $round, 'leads': $leads, 'seconds': s, 'leadsPerSecond': round($leads / s, 1), 'loadAvg1m': float(open('/proc/loadavg').read().split()[0])}))" \
        | tee -a "$OUT.tmp"
      stop_hub
    done
  done
fi
mv "$OUT.tmp" "$OUT"
echo "results: $OUT" >&2
