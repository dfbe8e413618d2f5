#!/usr/bin/env python3
"""Outbound benchmark (issue 25): contact.create operations delivered per second by the hub's outbox dispatcher
against bench/FakeGhl answering every upsert after FAKE_GHL_DELAY_MS (50), with GoHighLevel's per-location budget.

Run through bench/outbound.sh (it builds Release). For each scenario "LxK" (L locations, K leads each) on a fresh hub:
L sub-accounts get a GoHighLevel integration left `pending`, so the K leads created for each through POST /api/leads
stage `waiting` contact.create operations; then every integration is switched to active at once and the clock runs
until the last operation is `succeeded` (read from the SQLite file). The fake's log of upsert arrivals gives the
calls per location in any sliding 10 s window (the budget check) and the dispatcher's concurrency (calls in flight,
each answered after the fixed delay). Prints one JSON line per scenario and a Markdown table.
"""
import bisect
import concurrent.futures
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DELAY_MS = int(os.environ.get("FAKE_GHL_DELAY_MS", "50"))
GHL_PORT = int(os.environ.get("FAKE_GHL_PORT", "5097"))
PORT = int(os.environ.get("BENCH_PORT", "5096"))
TOKEN = f"bench-admin-token-{int(time.time())}-0123456789"
BUDGET, WINDOW_S = 90, 10.0  # the hub's default: IntegrationHub:GoHighLevel:RequestsPerWindow / Window
DISPATCHER_CONCURRENCY = 16  # OutboundDispatcher.MaxConcurrent


def call(method, path, body=None, token=TOKEN, port=PORT):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        text = response.read()
        return json.loads(text) if text else None


def wait_ready(port):
    for _ in range(240):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health/ready", timeout=2)
            return
        except Exception:
            time.sleep(0.5)
    sys.exit(f"the service on {port} did not become ready")


def start_hub(work, name, settings):
    data = os.path.join(work, name)
    env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Production", IntegrationHub__DataDirectory=data,
               IntegrationHub__Auth__BootstrapAdminToken=TOKEN, IntegrationHub__Encryption__ActiveKeyId="bench",
               IntegrationHub__Encryption__Keys__bench="AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=",
               IntegrationHub__HealthChecks__Cron="0 0 1 1 *", Logging__LogLevel__Default="Warning", **settings)
    web = os.path.join(ROOT, "src/Web/bin/Release/net10.0")
    hub = subprocess.Popen(["dotnet", os.path.join(web, "IntegrationHub.Web.dll"), "--contentRoot", web, "--urls", f"http://127.0.0.1:{PORT}"],
                           env=env, stdout=open(os.path.join(work, name + ".log"), "w"), stderr=subprocess.STDOUT)
    wait_ready(PORT)
    return hub, os.path.join(data, "integrationhub.db")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def most_in_window(times, window):
    most, start = 0, 0
    for end in range(len(times)):
        while times[end] - times[start] >= window:
            start += 1
        most = max(most, end - start + 1)
    return most


def scenario(hub, db_path, tag, locations, per_location):
    template = [t["id"] for t in call("GET", "/api/integration-templates") if t["name"] == "gohighlevel"][0]
    tenants = []
    for i in range(locations):
        sub = call("POST", "/api/admin/sub-accounts", {"name": f"{tag} {i}"})["id"]
        user = call("POST", f"/api/admin/sub-accounts/{sub}/users", {"email": f"{tag}-{i}@bench.test", "name": "Bench"})
        call("POST", f"/api/admin/users/{user['id']}/strategies", {"name": "Default"})
        integration = call("POST", "/api/admin/integrations", {
            "subAccountId": sub, "integrationTemplateId": template, "name": f"GHL {tag} {i}",
            "config": {"apiKey": "pit-bench", "locationId": f"loc-{tag}-{i}", "baseUrl": f"http://127.0.0.1:{GHL_PORT}", "syncIntervalMinutes": 0}})["id"]
        tenants.append((user["token"], integration))

    def create(n):
        token, _ = tenants[n % locations]
        call("POST", "/api/leads", {"firstName": "Bench", "lastName": str(n), "email": f"{tag}-{n}@leads.test"}, token=token)

    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        list(pool.map(create, range(locations * per_location)))
    ids = ",".join(str(i) for _, i in tenants)
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    count = lambda status: db.execute(f"SELECT COUNT(*) FROM OutboundOperations WHERE IntegrationId IN ({ids}) AND Status = ?", (status,)).fetchone()[0]
    total = locations * per_location
    assert count("Waiting") == total, "every operation waits for its pending integration"

    cpu0, start = cpu_seconds(hub.pid), time.monotonic()
    for _, integration in tenants:
        call("POST", f"/api/admin/integrations/{integration}/status", {"status": "active"})
    while count("Succeeded") < total:
        time.sleep(0.05)
    elapsed, cpu = time.monotonic() - start, cpu_seconds(hub.pid) - cpu0
    failed = total - count("Succeeded")

    log = [u for u in json.loads(urllib.request.urlopen(f"http://127.0.0.1:{GHL_PORT}/upserts").read()) if u["location"].startswith(f"loc-{tag}-")]
    by_location = {}
    for u in log:
        by_location.setdefault(u["location"], []).append(u["at"] / 1000)
    most = max(most_in_window(sorted(t), WINDOW_S) for t in by_location.values())
    arrivals = sorted(u["at"] / 1000 for u in log)
    span = arrivals[-1] - arrivals[0] + DELAY_MS / 1000
    # Calls in flight at each arrival: the ones that arrived within the fixed answer delay before it.
    in_flight = [k + 1 - bisect.bisect_right(arrivals, a - DELAY_MS / 1000) for k, a in enumerate(arrivals)]
    # The budget's best: K calls to a location need floor((K-1)/BUDGET) full windows, then one answer.
    best = (per_location - 1) // BUDGET * WINDOW_S + DELAY_MS / 1000 if tag != "lifted" else total / (DISPATCHER_CONCURRENCY * 1000 / DELAY_MS)
    return {
        "scenario": f"{locations}x{per_location}", "tag": tag, "operations": total, "calls": len(log), "failed": failed,
        "seconds": round(elapsed, 2), "ops_per_s": round(total / elapsed, 1), "fake_span_s": round(span, 2),
        "fake_ops_per_s": round(len(log) / span, 1), "best_seconds": round(best, 2), "ratio": round(best / elapsed, 2),
        "most_per_location_10s": most, "in_flight_mean": round(sum(in_flight) / len(in_flight), 1), "in_flight_max": max(in_flight),
        "hub_cpu_s": round(cpu, 1), "hub_cpu_ms_per_op": round(cpu * 1000 / total, 2),
    }


def main():
    scenarios = os.environ.get("OUTBOUND_SCENARIOS", "1x270 10x180").split()
    lifted = os.environ.get("OUTBOUND_LIFTED", "10x100").split()
    work = tempfile.mkdtemp()
    fake = subprocess.Popen(["dotnet", os.path.join(ROOT, "bench/FakeGhl/bin/Release/net10.0/fakeghl.dll"), "--urls", f"http://127.0.0.1:{GHL_PORT}"],
                            env=dict(os.environ, FAKE_GHL_DELAY_MS=str(DELAY_MS)), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results = []
    try:
        for name, settings, runs in (("budget", {}, scenarios), ("lifted", {"IntegrationHub__GoHighLevel__RequestsPerWindow": "10000"}, lifted)):
            if not runs:
                continue
            hub, db = start_hub(work, name, settings)
            try:
                for n, run in enumerate(runs):
                    locations, per_location = (int(x) for x in run.split("x"))
                    result = scenario(hub, db, "lifted" if name == "lifted" else f"b{n}", locations, per_location)
                    print(json.dumps(result), file=sys.stderr)
                    results.append(result)
            finally:
                hub.terminate()
                hub.wait()
    finally:
        fake.terminate()
    print("| budget | locations × leads | operations | delivered in | ops/s | budget's best | ratio | most calls to one location in any 10 s | calls in flight mean / max | hub CPU per op |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        budget = "lifted (10,000 / 10 s)" if r["tag"] == "lifted" else "90 / 10 s (default)"
        print(f"| {budget} | {r['scenario']} | {r['operations']} | {r['seconds']} s | {r['ops_per_s']} | {r['best_seconds']} s | {r['ratio']} "
              f"| {r['most_per_location_10s']} | {r['in_flight_mean']} / {r['in_flight_max']} | {r['hub_cpu_ms_per_op']} ms |")


if __name__ == "__main__":
    main()
