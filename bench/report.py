"""Formats bench/run.sh results as docs/benchmarks.md (machine, commands, numbers, ratios, targets)."""
import json, platform, subprocess, sys, datetime

out, bare, hmac, steady = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3]), [json.loads(l) for l in sys.argv[4].splitlines() if l.strip()]
burst_leads, burst_drain = (sys.argv[5], sys.argv[6]) if len(sys.argv) > 6 else ("?", "?")

def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
    except Exception:
        return "?"

cpu = sh("lscpu | sed -n 's/^Model name: *//p'") or platform.processor()
mem = sh("free -g | awk '/Mem:/{print $2}'")
ratio = hmac["requestsPerSecond"] / bare["requestsPerSecond"] if bare["requestsPerSecond"] else 0
ok = lambda b: "met" if b else "**missed**"
lines = [
    "# Benchmarks",
    "",
    f"Measured {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC by `bench/run.sh` (one command; it builds Release, starts the service on a",
    "fresh embedded SQLite data folder, configures a GoHighLevel integration and runs `bench/LoadGen`).",
    "",
    f"Machine: {sh('nproc')} cores ({cpu}), {mem} GiB RAM, .NET {sh('dotnet --version')}, {platform.system()} {platform.release()}.",
    "The load generator runs on the same two cores as the service, so every number is a lower bound for a separate client.",
    "",
    "## Accept path (closed loop, 64 connections)",
    "",
    "| endpoint | requests/s | p50 ms | p90 ms | p99 ms | status codes |",
    "|---|---|---|---|---|---|",
]
for name, r in (("bare minimal API, returns 200 (baseline)", bare), ("POST /api/webhook, HMAC-signed ContactCreate", hmac)):
    lines.append(f"| {name} | {r['requestsPerSecond']:.0f} | {r['p50Ms']} | {r['p90Ms']} | {r['p99Ms']} | {json.dumps(r['statusCodes'])} |")
lines += [
    "",
    f"- Webhook accept throughput is **{ratio:.1%}** of the bare endpoint's (target ≥ 25%: {ok(ratio >= 0.25)}).",
    f"- p99 accept latency {hmac['p99Ms']} ms at 64 connections (target ≤ 20 ms: {ok(hmac['p99Ms'] <= 20)}); the bare endpoint's own p99 in the same run is {bare['p99Ms']} ms.",
    f"- Processing kept up with the burst: {burst_leads} leads existed {burst_drain} s after the burst ended (processing runs at lower priority than accepting, in batches).",
    "",
    f"## End to end: webhook → lead at a steady rate",
    "",
    "Latency = the lead's `createdAt` (set by processing) minus the moment the generator sent the webhook.",
    "",
    "| signature | target rate | achieved rate | sent | failures | accept p50/p99 ms | leads | e2e p50 ms | e2e p99 ms | e2e max ms | p99 1st half / 2nd half | backlog when sending stopped |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
]
for r in steady:
    lines.append(f"| {r['scheme']} | {r['targetRate']}/s | {r['achievedRate']}/s | {r['sent']} | {r['failures']} | {r['acceptP50Ms']} / {r['acceptP99Ms']} | {r['leadsFound']} | {r['e2eP50Ms']} | {r['e2eP99Ms']} | {r['e2eMaxMs']} | {r['e2eP99FirstHalfMs']} / {r['e2eP99SecondHalfMs']} | {r['backlogAtEnd']} |")
for r in steady:
    lines.append(f"- {r['scheme']}: p50 {r['e2eP50Ms']} ms (target ≤ 100: {ok(r['e2eP50Ms'] <= 100)}), p99 {r['e2eP99Ms']} ms (target ≤ 500: {ok(r['e2eP99Ms'] <= 500)}), "
                 f"backlog {r['backlogAtEnd']} and p99 not growing from the first to the second half: {ok(r['backlogAtEnd'] < 50 and r['e2eP99SecondHalfMs'] <= 2 * max(r['e2eP99FirstHalfMs'], 50))}.")
lines += [
    "",
    "How the numbers got here, step by step: docs/performance-notes.md.",
    "",
    "## Reproduce",
    "",
    "```bash",
    "bench/run.sh                                  # writes this file",
    "BENCH_STEADY_SECONDS=10 bench/run.sh          # a quicker run",
    "```",
    "",
    "Raw results (JSON lines from the generator):",
    "",
    "```",
    json.dumps(bare), json.dumps(hmac), *[json.dumps(r) for r in steady],
    "```",
]
open(out, "w").write("\n".join(lines) + "\n")
