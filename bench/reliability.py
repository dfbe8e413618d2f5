#!/usr/bin/env python3
"""Reliability bench (issue 15, parts 4-6), run by bench/reliability.sh:

  crash   the published service under a webhook stream is killed with SIGKILL at random moments five times (a contact
          sync and a health sweep running at some of them) and restarted; afterwards every acknowledged (202/200)
          event must be exactly one lead, and no sync run may be left "running".
  faults  webhooks at 500/s while the fake GoHighLevel answers with 429 storms (Retry-After), 5xx bursts, 10 s
          stalls, malformed JSON and connection resets under health sweeps, connection tests and a sync; accept p99
          against the calm figure, /health/live latency (a starved thread pool shows there first), memory, statuses
          once GoHighLevel is calm again.
  soak    SOAK_SECONDS (600) at SOAK_RATE (300/s) with health checks every minute and syncs every minute: accepted/s,
          accept p99, memory and database size every 10 s, plotted with matplotlib into docs/images/soak.png.

Results: bench/reliability-results.json, and the generated section of docs/reliability.md.
"""
import json, os, random, signal, sqlite3, subprocess, sys, tempfile, threading, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = tempfile.mkdtemp(prefix="ih-reliability-")
PORT, GHL_PORT = 5096, 5095
URL, GHL_URL = f"http://127.0.0.1:{PORT}", f"http://127.0.0.1:{GHL_PORT}"
TOKEN = f"reliability-admin-token-{int(time.time())}-0123456789"
KEY = subprocess.run(["bash", "-c", "head -c 32 /dev/urandom | base64"], capture_output=True, text=True).stdout.strip()
LOADGEN = ["dotnet", os.path.join(ROOT, "bench/LoadGen/bin/Release/net10.0/loadgen.dll")]
PUBLISHED = os.environ.get("RELIABILITY_PUBLISHED") or os.path.join(WORK, "publish", "IntegrationHub.Web.dll")
PHASES = sys.argv[1:] or ["crash", "faults", "soak"]
results = {"machine": {}, "commands": ["bench/reliability.sh " + " ".join(sys.argv[1:])]}


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def request(method, path, body=None, timeout=60, base=URL, token=TOKEN):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=timeout) as response:
        text = response.read().decode()
        return json.loads(text) if text else None


def start_service(data, extra=None):
    env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Production", IntegrationHub__DataDirectory=data,
               IntegrationHub__Auth__BootstrapAdminToken=TOKEN, IntegrationHub__Encryption__Keys__bench=KEY,
               IntegrationHub__Encryption__ActiveKeyId="bench", Logging__LogLevel__Default="Warning", **(extra or {}))
    out = open(os.path.join(data + ".log"), "a")
    process = subprocess.Popen(["dotnet", PUBLISHED, "--urls", URL], env=env, stdout=out, stderr=subprocess.STDOUT,
                               cwd=os.path.dirname(PUBLISHED))
    started = time.time()
    while True:
        try:
            urllib.request.urlopen(URL + "/health/ready", timeout=2)
            return process, time.time() - started
        except Exception:
            if process.poll() is not None:
                raise SystemExit(f"the service exited with {process.returncode}; see {data}.log")
            time.sleep(0.1)


def stop(process, sig=signal.SIGTERM):
    process.send_signal(sig)
    process.wait(timeout=60)


def rss_mb(pid, field="VmRSS"):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith(field + ":"):
                return round(int(line.split()[1]) / 1024, 1)
    except FileNotFoundError:
        pass
    return 0.0


def db_mb(data):
    return round(sum(os.path.getsize(os.path.join(data, f)) for f in os.listdir(data) if ".db" in f) / 1048576, 1)


def fake_ghl(contacts=5000, page_delay_ms=100):
    env = dict(os.environ, FAKE_GHL_DELAY_MS="20", FAKE_GHL_CONTACTS=str(contacts), FAKE_GHL_PAGE_DELAY_MS=str(page_delay_ms))
    process = subprocess.Popen(["dotnet", os.path.join(ROOT, "bench/FakeGhl/bin/Release/net10.0/fakeghl.dll"), "--urls", GHL_URL],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            urllib.request.urlopen(GHL_URL + "/stats", timeout=1)
            return process
        except Exception:
            time.sleep(0.1)
    raise SystemExit("the fake GoHighLevel did not start")


def fault(mode):
    request("POST", f"/fault/{mode}", base=GHL_URL, token=None)


def setup(integrations=1, sync_interval=0):
    """A sub-account, GoHighLevel integrations against the fake, and the webhook secret of the first."""
    sub = request("POST", "/api/admin/sub-accounts", {"name": "Reliability", "timezone": "America/Chicago"})["id"]
    user = request("POST", f"/api/admin/sub-accounts/{sub}/users", {"email": "bench@reliability.test", "name": "Bench"})["id"]
    request("POST", f"/api/admin/users/{user}/strategies", {"name": "Default"})  # leads are assigned to a user's strategy
    template = next(t for t in request("GET", "/api/integration-templates") if t["name"] == "gohighlevel")["id"]
    ids = []
    for i in range(integrations):
        config = {"apiKey": "pit-bench", "locationId": f"loc-rel-{i}", "baseUrl": GHL_URL, "syncIntervalMinutes": sync_interval}
        ids.append(request("POST", "/api/admin/integrations", {"subAccountId": sub, "integrationTemplateId": template,
                                                                "name": f"GHL {i}", "config": config})["id"])
    secret = request("POST", f"/api/admin/integrations/{ids[0]}/setup-ghl-webhook")["secret"]
    return sub, ids, secret


def loadgen_ack(rate, seconds, ack_file, secret, location="loc-rel-0"):
    env = dict(os.environ, BENCH_SECRET=secret, BENCH_LOCATION=location, BENCH_ADMIN_TOKEN=TOKEN)
    return subprocess.Popen(LOADGEN + ["ack", URL, "hmac", str(rate), str(seconds), ack_file], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)


def windows_of(process):
    """The loadgen's 10 s windows, read as they come."""
    lines = []
    for line in process.stdout:
        if line.startswith("{"):
            lines.append(json.loads(line))
    process.wait()
    return lines


def drain(timeout=600):
    deadline = time.time() + timeout
    while time.time() < deadline:
        by_status = request("GET", "/api/admin/webhook-events/summary")["byStatus"]
        if by_status.get("received", 0) + by_status.get("retry_scheduled", 0) == 0:
            return by_status
        time.sleep(1)
    raise SystemExit("the backlog did not drain")


def percentile(values, p):
    values = sorted(values)
    return round(values[min(len(values) - 1, int(len(values) * p / 100))], 1) if values else 0.0


def crash_phase():
    log("crash: five SIGKILLs under a webhook stream")
    data = os.path.join(WORK, "crash")
    ghl = fake_ghl(contacts=20000, page_delay_ms=100)
    service, _ = start_service(data)
    sub, ids, secret = setup()
    ack_file = os.path.join(WORK, "acks.txt")
    load = loadgen_ack(300, 90, ack_file, secret)
    reader = threading.Thread(target=windows_of, args=(load,))
    reader.start()
    kills = []
    for n in range(5):
        time.sleep(random.uniform(5, 11))
        cut = n % 2 == 0
        if cut:  # a sync and a sweep in flight when the kill lands
            request("POST", f"/api/admin/integrations/{ids[0]}/sync")
            request("POST", "/api/admin/health-checks/run")
            time.sleep(random.uniform(1.0, 3.0))
        stop(service, signal.SIGKILL)
        service, restart = start_service(data)
        kills.append({"kill": n + 1, "syncRunning": cut, "restartSeconds": round(restart, 2)})
        log(f"crash: kill {n + 1}, back in {restart:.1f} s")
    reader.join()
    by_status = drain()
    runs = request("GET", f"/api/admin/integrations/{ids[0]}/sync-runs")
    time.sleep(2)
    stop(service)
    ghl.terminate()

    acked = [line.strip() for line in open(ack_file) if line.strip()]
    with sqlite3.connect(os.path.join(data, "integrationhub.db")) as db:
        leads = dict(db.execute("SELECT ExternalContactId, COUNT(*) FROM Leads WHERE ExternalContactId LIKE 'ack-%' GROUP BY ExternalContactId"))
        stuck = db.execute("SELECT COUNT(*) FROM SyncRuns WHERE Status = 'Running'").fetchone()[0]
    missing = [a for a in set(acked) if a not in leads]
    duplicated = [c for c, count in leads.items() if count > 1]
    results["crash"] = {
        "kills": kills, "acknowledged": len(set(acked)), "leads": len(leads), "missing": len(missing), "duplicated": len(duplicated),
        "unacknowledgedButStored": len(set(leads) - set(acked)), "inbox": by_status,
        "syncRuns": [{"id": r["id"], "status": r["status"], "error": r.get("error")} for r in runs], "syncRunsStillRunning": stuck,
    }
    log(f"crash: {len(set(acked))} acknowledged, {len(missing)} missing, {len(duplicated)} duplicated, {stuck} runs stuck")


def faults_phase():
    log("faults: GoHighLevel misbehaves while webhooks flow at 500/s")
    data = os.path.join(WORK, "faults")
    ghl = fake_ghl()
    service, _ = start_service(data, {"IntegrationHub__HealthChecks__IntervalMinutes": "1", "IntegrationHub__GoHighLevel__MaxAttempts": "3"})
    sub, ids, secret = setup(integrations=50)
    for i in ids:
        request("POST", f"/api/admin/integrations/{i}/test")
    ack_file = os.path.join(WORK, "acks-faults.txt")

    def run(mode, seconds=30):
        fault(mode)
        live, stop_probe = [], threading.Event()

        def probe():
            while not stop_probe.is_set():
                started = time.time()
                try:
                    urllib.request.urlopen(URL + "/health/live", timeout=10)
                    live.append((time.time() - started) * 1000)
                except Exception:
                    live.append(10_000)
                time.sleep(0.2)

        def pressure():  # what calls GoHighLevel while the fault lasts
            deadline = time.time() + seconds - 5
            while time.time() < deadline:
                for call in (lambda: request("POST", "/api/admin/health-checks/run"),
                             lambda: request("POST", f"/api/admin/integrations/{random.choice(ids)}/test", timeout=40),
                             lambda: request("POST", f"/api/admin/integrations/{random.choice(ids)}/sync")):
                    try:
                        call()
                    except Exception:
                        pass
                time.sleep(2)

        threads = [threading.Thread(target=probe), threading.Thread(target=pressure)]
        for t in threads:
            t.start()
        windows = windows_of(loadgen_ack(500, seconds, ack_file, secret))
        stop_probe.set()
        for t in threads:
            t.join()
        accepted = sum(w["accepted"] for w in windows)
        entry = {"mode": mode, "acceptedPerSecond": round(accepted / max(1, 10 * len(windows)), 1), "refused": sum(w["refused"] for w in windows),
                 "errors": sum(w["errors"] for w in windows), "acceptP99Ms": max((w["acceptP99Ms"] for w in windows), default=0),
                 "liveP99Ms": percentile(live, 99), "rssMb": rss_mb(service.pid)}
        log(f"faults: {entry}")
        return entry

    run("calm", 20)  # warm-up (JIT, caches, the 50 connection tests just made): not measured
    runs = [run("calm")] + [run(mode) for mode in ("429", "5xx", "stall", "malformed", "reset")]
    fault("calm")
    request("POST", "/api/admin/health-checks/run")
    deadline = time.time() + 300
    while time.time() < deadline:
        statuses = [i["status"] for i in request("GET", f"/api/admin/integrations?subAccountId={sub}")]
        if all(s == "active" for s in statuses):
            break
        for i in ids:
            if statuses and request("GET", f"/api/admin/integrations/{i}")["status"] != "active":
                request("POST", f"/api/admin/integrations/{i}/test", timeout=40)
        time.sleep(2)
    drain()
    results["faults"] = {"runs": runs, "calmAcceptP99Ms": runs[0]["acceptP99Ms"],
                         "worstAcceptP99Ms": max(r["acceptP99Ms"] for r in runs[1:]),
                         "statusesAfter": {s: statuses.count(s) for s in set(statuses)}, "peakRssMb": rss_mb(service.pid, "VmHWM")}
    stop(service)
    ghl.terminate()


def soak_phase():
    seconds, rate = int(os.environ.get("SOAK_SECONDS", "600")), int(os.environ.get("SOAK_RATE", "300"))
    log(f"soak: {seconds} s at {rate}/s with health checks and syncs every minute")
    data = os.path.join(WORK, "soak")
    ghl = fake_ghl(contacts=2000, page_delay_ms=20)
    service, _ = start_service(data, {"IntegrationHub__HealthChecks__IntervalMinutes": "1"})
    sub, ids, secret = setup(integrations=20, sync_interval=1)
    samples, done = [], threading.Event()

    def sample():
        start = time.time()
        while not done.is_set():
            time.sleep(10)
            samples.append({"t": round(time.time() - start), "rssMb": rss_mb(service.pid), "dbMb": db_mb(data)})

    sampler = threading.Thread(target=sample)
    sampler.start()
    windows = windows_of(loadgen_ack(rate, seconds, os.path.join(WORK, "acks-soak.txt"), secret))
    done.set()
    sampler.join()
    by_status = drain()
    runs = sum(len(request("GET", f"/api/admin/integrations/{i}/sync-runs")) for i in ids)
    with sqlite3.connect(os.path.join(data, "integrationhub.db")) as db:
        checks = db.execute("SELECT COUNT(*) FROM Integrations WHERE LastCheckedAt IS NOT NULL").fetchone()[0]
    results["soak"] = {"seconds": seconds, "rate": rate, "windows": windows, "samples": samples, "inbox": by_status,
                       "syncRuns": runs, "integrationsChecked": checks, "peakRssMb": rss_mb(service.pid, "VmHWM")}
    stop(service)
    ghl.terminate()


def plot_soak(windows, samples):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(2, 2, figsize=(12, 7), sharex=True)
    t = [w["t"] for w in windows]
    axes[0][0].plot(t, [w["accepted"] / 10 for w in windows]); axes[0][0].set_title("webhooks accepted per second")
    axes[0][1].plot(t, [w["acceptP99Ms"] for w in windows], color="tab:red"); axes[0][1].set_title("accept p99 (ms), per 10 s")
    axes[1][0].plot([s["t"] for s in samples], [s["rssMb"] for s in samples], color="tab:green"); axes[1][0].set_title("service memory, RSS (MB)")
    axes[1][1].plot([s["t"] for s in samples], [s["dbMb"] for s in samples], color="tab:purple"); axes[1][1].set_title("database files (MB)")
    for row in axes:
        for ax in row:
            ax.grid(alpha=0.3)
            ax.set_ylim(bottom=0)
    for ax in axes[1]:
        ax.set_xlabel("seconds into the soak")
    fig.suptitle("IntegrationHub soak: webhooks with health checks and syncs running")
    fig.tight_layout()
    fig.savefig(os.path.join(ROOT, "docs/images/soak.png"), dpi=100)


def main():
    results["machine"] = {"cores": os.cpu_count(), "memoryGb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9, 1),
                          "dotnet": subprocess.run(["dotnet", "--version"], capture_output=True, text=True).stdout.strip(),
                          "commit": subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip(),
                          "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    path = os.path.join(ROOT, "bench/reliability-results.json")
    previous = json.load(open(path)) if os.path.exists(path) else {}
    for phase in PHASES:
        {"crash": crash_phase, "faults": faults_phase, "soak": soak_phase}[phase]()
        previous.update({k: v for k, v in results.items()})
        json.dump(previous, open(path, "w"), indent=1)
        if phase == "soak":  # after saving: a plotting problem must not cost the measurements
            plot_soak(previous["soak"]["windows"], previous["soak"]["samples"])
    print(json.dumps(previous, indent=1)[:4000])


if __name__ == "__main__":
    main()
