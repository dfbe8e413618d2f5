#!/usr/bin/env python3
"""Summarises a dotnet-trace profile converted to speedscope (dotnet-trace convert --format speedscope).

usage: top.py <file.speedscope.json> [--under PATTERN] [--inclusive PATTERN ...] [--top N]

--under keeps only samples with a frame matching PATTERN (e.g. "ProcessRequests" for request handling).

Prints, over all threads, the frames with the most exclusive samples (where time is spent) and the most inclusive
samples (what it is spent under). Samples whose leaf is a wait (blocked threads: the thread-time profile samples
them too) are counted apart, so the tables approximate CPU work.
"""
import json, re, sys
from collections import Counter

# dotnet-trace's sampled thread time samples every thread, blocked or not, and ends each stack with a pseudo frame:
# CPU_TIME (running managed code) or UNMANAGED_CODE_TIME (in native code: SQLite, crypto, syscalls, or waiting).
# Samples in native code under one of these frames are waits, not work; the rest approximates CPU time.
WAIT = re.compile(r"WaitForSignal|WaitOneNoCheck|Monitor\.Wait|Thread\.Sleep|SocketAsyncEngine\.EventLoop|"
                  r"FileSystemWatcher|ConsoleLoggerProcessor|Heartbeat\.TimerLoop|WaitHandle\.Wait|Interop\+Sys\.Read\(|"
                  r"SpinThenBlockingWait|LowLevelLifoSemaphore|Task\.InternalWait|ThreadNative|SleepInternal")
PSEUDO = {"CPU_TIME", "UNMANAGED_CODE_TIME"}

def main():
    args = sys.argv[1:]
    path = args.pop(0)
    top = 30
    patterns = []
    under = None
    while args:
        a = args.pop(0)
        if a == "--top": top = int(args.pop(0))
        elif a == "--inclusive": patterns.append(args.pop(0))
        elif a == "--under": under = re.compile(args.pop(0))
    data = json.load(open(path))
    frames = [f["name"] for f in data["shared"]["frames"]]
    exclusive, inclusive = Counter(), Counter()
    totals = Counter()

    def count(names, w):
        kind = names.pop() if names and names[-1] in PSEUDO else "CPU_TIME"
        if not names or (under and not any(under.search(n) for n in names)): return
        totals["all"] += w
        if kind == "UNMANAGED_CODE_TIME" and any(WAIT.search(n) for n in names[-6:]):
            totals["waiting"] += w
            return
        exclusive[names[-1] + (" [native]" if kind == "UNMANAGED_CODE_TIME" else "")] += w
        for name in set(names): inclusive[name] += w

    for profile in data["profiles"]:
        if profile.get("type") == "evented":
            stack, last = [], None
            for ev in profile["events"]:
                if last is not None and stack and ev["at"] > last:
                    count([frames[i] for i in stack], ev["at"] - last)
                last = ev["at"]
                if ev["type"] == "O": stack.append(ev["frame"])
                else: stack.pop()
        else:
            for stack, w in zip(profile["samples"], profile["weights"]):
                count([frames[i] for i in stack], w)
    total, waits = totals["all"], totals["waiting"]
    busy = total - waits
    print(f"samples: {total:.0f} ms of thread time, {busy:.0f} ms busy ({busy / max(total, 1):.0%}), rest waiting")
    print(f"\n== top {top} exclusive (share of busy time)")
    for name, w in exclusive.most_common(top):
        print(f"{w / busy:6.1%}  {name[:160]}")
    print(f"\n== top {top} inclusive")
    for name, w in inclusive.most_common(top):
        print(f"{w / busy:6.1%}  {name[:160]}")
    for p in patterns:
        print(f"\n== inclusive matching {p!r}")
        for name, w in sorted(((n, w) for n, w in inclusive.items() if re.search(p, n)), key=lambda x: -x[1])[:top]:
            print(f"{w / busy:6.1%}  {name[:160]}")

main()
