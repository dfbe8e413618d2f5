#!/usr/bin/env bash
# Outbound benchmark (issue 25), one command: builds Release, then bench/outbound.py starts bench/FakeGhl (every upsert
# answered after FAKE_GHL_DELAY_MS, 50) and a fresh hub per budget, and measures contact.create operations delivered per
# second for OUTBOUND_SCENARIOS ("1x270 10x180": locations x leads, GoHighLevel's default budget) and OUTBOUND_LIFTED
# ("10x100": the budget raised out of the way, to see the dispatcher's own ceiling). JSON lines on stderr, a Markdown
# table on stdout (docs/benchmarks.md, "Outbound operations").
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/Web -c Release -v q -nologo >/dev/null
dotnet build bench/FakeGhl -c Release -v q -nologo >/dev/null
exec python3 bench/outbound.py
