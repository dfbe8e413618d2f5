#!/usr/bin/env bash
# Lead export (issue 29): time and peak memory of GET /api/leads/export at LEADEXPORT_SIZES leads (100,000 and 1,000,000),
# so that "memory does not grow with the count" is a measurement. For each provider and size: a Release hub on a fresh
# database creates LEADEXPORT_SUB_ACCOUNTS sub-accounts through the API and stops; bench/LeadSearch seeds the leads
# straight into its database (the same seeding as bench/lead-search.sh); the hub starts again, exports the leads changed
# in the last day once to warm up (1% of them), then is measured:
#   - all: the admin's export of every lead; tenant: one sub-account's (one of ten) as its tenant user.
# Each export is one curl to a file. Its peak resident memory is the hub's VmHWM over the export alone (the peak is reset
# through /proc/<pid>/clear_refs just before), beside VmRSS before it; a 100 ms VmRSS sampler is a cross-check.
# Prints one JSON line per export (LEADEXPORT_OUT, default bench/lead-export-results.jsonl), each with the 1-minute load
# average when it ended (the machine is shared). Settings: LEADEXPORT_SIZES ("100000 1000000"), LEADEXPORT_PROVIDERS
# ("sqlite postgresql"), LEADEXPORT_SUB_ACCOUNTS (10), LEADEXPORT_POSTGRES (a role that may create databases).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${LEADEXPORT_SIZES:-100000 1000000}
PROVIDERS=${LEADEXPORT_PROVIDERS-sqlite postgresql}
SUBS=${LEADEXPORT_SUB_ACCOUNTS:-10}
PG=${LEADEXPORT_POSTGRES:-Host=localhost;Port=5432;Username=integrationhub_dev;Password=devpass}
OUT=${LEADEXPORT_OUT:-bench/lead-export-results.jsonl}
PORT=${LEADEXPORT_PORT:-5098}
URL="http://127.0.0.1:$PORT"
TOKEN="bench-admin-token-$(date +%s)-0123456789"
KEY=$(head -c 32 /dev/urandom | base64)

for project in src/Web bench/LeadSearch; do dotnet build "$project" -c Release -v q -nologo >/dev/null; done
TOOL="dotnet bench/LeadSearch/bin/Release/net10.0/leadsearch.dll"
WORK=$(mktemp -d)
SERVER=
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
: > "$OUT.tmp"

start_hub() { # <provider> <connection string or "">
  local settings=()
  [ "$1" = postgresql ] && settings=(IntegrationHub__Database__Provider=PostgreSql "ConnectionStrings__IntegrationHub=$2")
  env "${settings[@]}" ASPNETCORE_ENVIRONMENT=Production IntegrationHub__DataDirectory="$WORK/data-$1" \
    IntegrationHub__Auth__BootstrapAdminToken="$TOKEN" IntegrationHub__Encryption__ActiveKeyId=bench \
    IntegrationHub__Encryption__Keys__bench="$KEY" Logging__LogLevel__Default=Warning \
    dotnet src/Web/bin/Release/net10.0/IntegrationHub.Web.dll --contentRoot src/Web/bin/Release/net10.0 --urls "$URL" \
    >> "$WORK/server-$1.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 600); do curl -sf "$URL/health/ready" >/dev/null && return 0; sleep 0.5; done
  echo "the hub did not start; see its log:" >&2; tail -20 "$WORK/server-$1.log" >&2; exit 1
}
stop_hub() { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=; }
api() { curl -sf -X "$1" "$URL$2" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' ${3:+-d "$3"}; }
json() { python3 -c "import sys,json; print(json.load(sys.stdin)$1)"; }
status_kb() { awk -v key="$1:" '$1 == key { print $2 }' "/proc/$SERVER/status"; }

export_once() { # <scope name> <token> <query>
  local rss_before samples sampler timing
  rss_before=$(status_kb VmRSS)
  echo 5 > "/proc/$SERVER/clear_refs" # resets VmHWM to the current RSS: the peak below is the export's own
  samples="$WORK/rss-samples"
  ( while kill -0 "$SERVER" 2>/dev/null; do status_kb VmRSS; sleep 0.1; done ) > "$samples" 2>/dev/null &
  sampler=$!
  timing=$(curl -sf -o "$WORK/export.csv" -w '%{time_starttransfer} %{time_total} %{size_download}' \
    -H "Authorization: Bearer $2" "$URL/api/leads/export?$3")
  local peak
  peak=$(status_kb VmHWM)
  kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
  local rows
  rows=$(python3 -c "import csv,sys; print(sum(1 for _ in csv.reader(open('$WORK/export.csv', newline='', encoding='utf-8'))) - 1)")
  python3 -c "import json
first, total, downloaded = '$timing'.split()
samples = [int(x) for x in open('$samples').read().split() if x.isdigit()]
print(json.dumps({'provider': '$provider', 'leads': $size, 'scope': '$1', 'rows': $rows, 'seconds': round(float(total), 1),
  'firstByteSeconds': round(float(first), 3), 'rowsPerSecond': round($rows / float(total)), 'megabytes': round(int(float(downloaded)) / 1e6, 1),
  'rssBeforeMB': round($rss_before / 1024), 'peakRssMB': round($peak / 1024), 'sampledMaxRssMB': round(max(samples or [0]) / 1024),
  'loadAvg1m': float(open('/proc/loadavg').read().split()[0])}))" | tee -a "$OUT.tmp"
}

for provider in $PROVIDERS; do
  for size in $SIZES; do
    connection=""
    rm -rf "$WORK/data-$provider"
    if [ "$provider" = postgresql ]; then
      pg_lsclusters --no-header | grep -q online || pg_ctlcluster 15 main start
      database="ih_bench_export"
      runuser -u postgres -- psql -qc "DROP DATABASE IF EXISTS $database" >/dev/null
      connection="$PG;Database=$database"
      PGPASSWORD=$(sed -n 's/.*Password=\([^;]*\).*/\1/p' <<<"$PG") createdb -h localhost -U "$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$PG")" "$database"
    fi
    start_hub "$provider" "$connection"
    ids=()
    for i in $(seq 1 "$SUBS"); do ids+=("$(api POST /api/admin/sub-accounts "{\"name\":\"Bench $i\"}" | json "['id']")"); done
    tenant_token=$(api POST "/api/admin/sub-accounts/${ids[0]}/users" '{"email":"export@bench.test","name":"Export"}' | json "['token']")
    stop_hub
    [ "$provider" = sqlite ] && connection="Data Source=$WORK/data-sqlite/integrationhub.db"
    echo "seeding $size leads ($provider)" >&2
    $TOOL seed "$provider" "$connection" "$size" "$(IFS=,; echo "${ids[*]}")"
    start_hub "$provider" "$connection"
    since=$(date -u -d '-1 day' +%Y-%m-%dT%H:%M:%SZ)
    curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "$URL/api/leads/export?updatedSince=$since" # warm-up
    echo "measuring $size leads ($provider; load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    export_once all "$TOKEN" ""
    export_once tenant "$tenant_token" ""
    stop_hub
    [ "$provider" = postgresql ] && runuser -u postgres -- psql -qc "DROP DATABASE IF EXISTS $database" >/dev/null
  done
done
mv "$OUT.tmp" "$OUT"
echo "results: $OUT" >&2
