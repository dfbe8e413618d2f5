#!/usr/bin/env python3
"""One sustained-rate run for bench/run.sh: wrk offers a fixed webhook rate (bench/wrk/paced.lua) for a while;
the backlog (received, not yet processed) is sampled every second through the admin API; afterwards each event's
lead latency (received -> processed, committed with its lead in one transaction) is read from the SQLite file.

usage: sustain.py <url> <admin token> <database file> <presigned file> <rate> <seconds> [connections]
Prints one JSON line. "keptUp" means: the backlog did not grow over the last two thirds of the run (its slope is under
2% of the offered rate) and lead latency p99 <= 500 ms.
"""
import json, sqlite3, subprocess, sys, time, urllib.request
from datetime import datetime

url, token, db_file, presigned = sys.argv[1:5]
rate, seconds = int(sys.argv[5]), int(sys.argv[6])
connections = int(sys.argv[7]) if len(sys.argv) > 7 else 64


def backlog():
    request = urllib.request.Request(url + "/api/admin/webhook-events/summary", headers={"Authorization": "Bearer " + token})
    by_status = json.load(urllib.request.urlopen(request, timeout=10))["byStatus"]
    return by_status.get("received", 0) + by_status.get("retryScheduled", 0)


def database():
    return sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)


def parse(text):
    return datetime.fromisoformat(text[:26])


def percentile(sorted_values, p):
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * p / 100))] if sorted_values else None


def slope(points):
    """Least-squares slope of (t, backlog) in events per second."""
    n = len(points)
    if n < 2:
        return 0.0
    mt = sum(t for t, _ in points) / n
    mb = sum(b for _, b in points) / n
    var = sum((t - mt) ** 2 for t, _ in points)
    return sum((t - mt) * (b - mb) for t, b in points) / var if var else 0.0


with database() as db:
    first_id = db.execute("SELECT COALESCE(MAX(Id), 0) FROM WebhookEvents").fetchone()[0]

wrk = subprocess.Popen(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", "bench/wrk/paced.lua", url, "--",
                        presigned, "/api/webhook", "2", str(rate), str(connections)], stdout=subprocess.PIPE, text=True)
start = time.monotonic()
samples = []
while wrk.poll() is None:
    time.sleep(1)
    samples.append((round(time.monotonic() - start, 1), backlog()))
generator = json.loads(wrk.stdout.read().strip().splitlines()[-1])

drain_start = time.monotonic()
while backlog() > 0 and time.monotonic() - drain_start < 300:
    time.sleep(0.5)
drained_after = round(time.monotonic() - drain_start, 1)

with database() as db:
    rows = db.execute("SELECT ReceivedAt, ProcessedAt FROM WebhookEvents WHERE Id > ? AND ProcessedAt IS NOT NULL", (first_id,)).fetchall()
lags = sorted((parse(p) - parse(r)).total_seconds() * 1000 for r, p in rows)
steady = [s for s in samples if s[0] >= seconds / 3]
growth = slope(steady)
p99 = percentile(lags, 99)
print(json.dumps({
    "mode": "sustain", "targetRate": rate, "seconds": seconds, "connections": connections,
    "achievedRate": generator["requestsPerSecond"], "requests": generator["requests"], "non2xx": generator["non2xx"],
    "acceptP50Ms": generator["p50Ms"], "acceptP99Ms": generator["p99Ms"],
    "processed": len(lags), "leadP50Ms": round(percentile(lags, 50) or 0, 1), "leadP99Ms": round(p99 or 0, 1),
    "leadMaxMs": round(lags[-1] if lags else 0, 1),
    "backlogMax": max((b for _, b in samples), default=0), "backlogAtEnd": samples[-1][1] if samples else 0,
    "backlogSlopePerSecond": round(growth, 1), "drainedAfterSeconds": drained_after,
    "keptUp": growth < 0.02 * rate and p99 is not None and p99 <= 500,
    "backlogSamples": samples,
}))
