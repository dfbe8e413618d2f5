#!/usr/bin/env bash
# Reliability bench (issue 15, parts 4-6): crash and restart, GoHighLevel faults under load, a 10-minute soak.
# One command, about 20 minutes: bench/reliability.sh [crash] [faults] [soak]   (all three when none is named)
# Publishes the service (Release), builds the load generator and the fake GoHighLevel, installs matplotlib for the
# soak plot when missing, then runs bench/reliability.py. Results: bench/reliability-results.json, docs/images/soak.png;
# bench/reliability-report.py writes them into docs/reliability.md.
set -euo pipefail
cd "$(dirname "$0")/.."
# Debian's python3-matplotlib goes with Debian's python3 (/usr/bin/python3), which may not be the first python3 on PATH.
PY=python3
$PY -c "import matplotlib" 2>/dev/null || PY=/usr/bin/python3
$PY -c "import matplotlib" 2>/dev/null || { apt-get update -qq && apt-get install -y -qq python3-matplotlib >/dev/null; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
dotnet publish src/Web -c Release -o "$WORK/publish" -v q -nologo >/dev/null
dotnet build bench/LoadGen -c Release -v q -nologo >/dev/null
dotnet build bench/FakeGhl -c Release -v q -nologo >/dev/null
RELIABILITY_PUBLISHED="$WORK/publish/IntegrationHub.Web.dll" $PY bench/reliability.py "$@"
$PY bench/reliability-report.py
