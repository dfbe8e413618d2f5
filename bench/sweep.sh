#!/usr/bin/env bash
# Health-sweep benchmark: N GoHighLevel integrations (distinct locations) checked by one sweep against a fake
# GoHighLevel (bench/FakeGhl) that answers in FAKE_GHL_DELAY_MS (50). For each N in SWEEP_SIZES ("1000 10000 100000"):
# a fresh service (Release, SQLite, default MaxConcurrency) is started, the integrations are seeded straight into its
# database (copies of one created through the API, so their secrets decrypt), a sweep is started with
# POST /api/admin/health-checks/run, and the script records how long until every integration was checked, the
# service's peak resident memory (VmHWM), and the most calls any location got in a 10 s window.
# Output: a markdown table on stdout (paste into docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SWEEP_SIZES:-"1000 10000 100000"}
PORT=${BENCH_PORT:-5098}
GHL_PORT=${FAKE_GHL_PORT:-5097}
URL="http://127.0.0.1:$PORT"
export FAKE_GHL_DELAY_MS=${FAKE_GHL_DELAY_MS:-50}

dotnet build src/Web -c Release -v q -nologo >/dev/null
dotnet build bench/FakeGhl -c Release -v q -nologo >/dev/null
WORK=$(mktemp -d)
SERVER=""; GHL=""
trap 'kill $SERVER $GHL 2>/dev/null || true; rm -rf "$WORK"' EXIT
dotnet bench/FakeGhl/bin/Release/net10.0/fakeghl.dll --urls "http://127.0.0.1:$GHL_PORT" >"$WORK/ghl.log" 2>&1 &
GHL=$!
TOKEN="bench-admin-token-$(date +%s)-0123456789"
api() { curl -sf -X "$1" "$URL$2" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' ${3:+-d "$3"}; }
json() { python3 -c "import sys,json; print(json.load(sys.stdin)$1)"; }

echo "| integrations | sweep time | checks/s | peak memory (VmHWM) | most calls to one location in 10 s |"
echo "|---|---|---|---|---|"
for N in $SIZES; do
  DATA="$WORK/data-$N"
  ASPNETCORE_ENVIRONMENT=Production \
  IntegrationHub__DataDirectory="$DATA" \
  IntegrationHub__Auth__BootstrapAdminToken="$TOKEN" \
  IntegrationHub__Encryption__Keys__bench="$(head -c 32 /dev/urandom | base64)" \
  IntegrationHub__HealthChecks__Cron="0 0 1 1 *" \
  Logging__LogLevel__Default=Warning \
    dotnet src/Web/bin/Release/net10.0/IntegrationHub.Web.dll --contentRoot "$PWD/src/Web/bin/Release/net10.0" --urls "$URL" \
    > "$WORK/server-$N.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 120); do curl -sf "$URL/health/ready" >/dev/null && break; sleep 0.5; done

  SUB=$(api POST /api/admin/sub-accounts '{"name":"Sweep"}' | json "['id']")
  TEMPLATE=$(api GET /api/integration-templates | python3 -c "import sys,json; print([t['id'] for t in json.load(sys.stdin) if t['name']=='gohighlevel'][0])")
  SEED=$(api POST /api/admin/integrations "{\"subAccountId\":$SUB,\"integrationTemplateId\":$TEMPLATE,\"name\":\"Seed\",\"config\":{\"apiKey\":\"pit-bench\",\"locationId\":\"loc-seed\",\"baseUrl\":\"http://127.0.0.1:$GHL_PORT\",\"syncIntervalMinutes\":0}}" | json "['id']")
  api POST "/api/admin/integrations/$SEED/status" '{"status":"active"}' >/dev/null
  # N-1 copies with their own location; the same tenant and secret scope, so the encrypted token decrypts.
  COLUMNS=$(sqlite3 "$DATA/integrationhub.db" "SELECT group_concat(name, ',') FROM pragma_table_info('Integrations') WHERE name NOT IN ('Id','ExternalAccountId','ConfigJson','Name')")
  sqlite3 "$DATA/integrationhub.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N - 1)
    INSERT INTO Integrations ($COLUMNS, ExternalAccountId, ConfigJson, Name)
    SELECT $COLUMNS, 'loc-' || i, replace(ConfigJson, 'loc-seed', 'loc-' || i), 'Bench ' || i FROM n, (SELECT * FROM Integrations WHERE Id = $SEED);"

  START=$(date +%s.%N)
  api POST /api/admin/health-checks/run >/dev/null
  while [ "$(sqlite3 "$DATA/integrationhub.db" 'SELECT COUNT(*) FROM Integrations WHERE LastCheckedAt IS NULL')" != "0" ]; do sleep 0.5; done
  END=$(date +%s.%N)
  HWM=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER/status")
  STATS=$(curl -sf "http://127.0.0.1:$GHL_PORT/stats")
  MAXLOC=$(echo "$STATS" | json "['maxPerLocationPer10s']")
  python3 - "$N" "$START" "$END" "$HWM" "$MAXLOC" <<'PY'
import sys
n, start, end, hwm, maxloc = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
secs = end - start
print(f"| {n:,} | {secs:.1f} s | {n / secs:,.0f} | {hwm / 1024:,.0f} MB | {maxloc} |")
PY
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
done
