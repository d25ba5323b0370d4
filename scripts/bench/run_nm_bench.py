#!/usr/bin/env python3
"""Runs ../shared/bench/bench_nm.py against fresh `dlg nm` (or `dlg dim` + NMs) and prints medians.

For each of --runs runs: start `scripts/dlg nm` on a free port (a fresh JVM, so peak RSS is
that run's), wait until it is idle (a JVM goes on compiling its start-up code for a moment after it
answers; a user's managers are idle when a graph arrives; --no-settle does not wait), drive one benchmark with bench_nm.py (--pid for the RSS), optionally measure
/status latency alongside (--status-latency), stop the NodeManager. Prints every run's JSON and
then the medians of the timings, one JSON line each.

  python3 scripts/bench/run_nm_bench.py --shape wide -n 10000 --runs 3
  python3 scripts/bench/run_nm_bench.py --shape wide -n 1000000 --runs 3 --status-latency
  python3 scripts/bench/run_nm_bench.py --shape chain -n 10000 --dim 2 -- --split alternate

--scrape scrapes each NodeManager's /metrics once before the run, so that what the metrics
record per app is measured too (a manager nobody scrapes records nothing).

--nm-args passes more options to every `dlg nm` (e.g. '--peer-timeout 0.1', to see what heartbeats
cost at fifty times their default rate).

With --dim K it starts K NodeManagers and a DataIslandManager over them, and drives the DIM
(bench_nm.py --nodes ... --trigger deploy); peak RSS is then the sum over the K+1 processes.

Each run also says how much CPU each manager used while bench_nm.py ran (cpu_s_each: the
NodeManagers, then the DIM), and how much of it in the kernel (sys_s_each). On our virtual
machines the kernel's share is mostly page faults, and their cost depends on the machine's past:
memory that no process has used for about half a minute is handed back to the host, and the
first touch of each of its pages then costs about 11 us instead of under 1.5 (page_touch.py).
Compare builds only in runs alternated in one sitting.
"""
import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KEYS = ["append_s", "deploy_s", "execute_s", "total_s", "drops_per_s", "peak_rss_mb"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(url, proc, timeout=60):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            sys.exit("dlg nm exited with status %s" % proc.returncode)
        try:
            urllib.request.urlopen(url + "/api/sessions", timeout=2).read()
            return
        except OSError:
            time.sleep(0.1)
    sys.exit("dlg nm did not answer within %d s" % timeout)


def ticks(pid):
    """(CPU time, of which in the kernel) used so far by a process, all threads, in clock ticks."""
    with open("/proc/%s/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    user, kernel = int(fields[11]), int(fields[12])  # fields 14 and 15 of stat(5)
    return user + kernel, kernel


def cpu_ticks(pids):
    """CPU time (utime + stime, in clock ticks) used so far by these processes, all threads."""
    return sum(ticks(pid)[0] for pid in pids)


def settle(pids, window=0.5, quiet=0.15, cap=60.0):
    """Waits until the processes use less than `quiet` of a core each, on average, over `window`
    seconds (a fresh JVM goes on compiling for seconds after it answers, longer when several start
    on few cores; an idle manager still uses a few percent of a core: its threads' timed waits), at
    most `cap` s; returns the time waited, or None if they never settled."""
    tick = os.sysconf("SC_CLK_TCK")
    t0 = time.monotonic()
    before = cpu_ticks(pids)
    while time.monotonic() - t0 < cap:
        time.sleep(window)
        now = cpu_ticks(pids)
        if (now - before) / tick < quiet * window * len(pids):
            return round(time.monotonic() - t0, 2)
        before = now
    return None


def start(args_list, root, name):
    return subprocess.Popen([os.path.join(ROOT, "scripts", "dlg")] + args_list + ["-q", "-l", os.path.join(root, "logs-" + name)],
                            env=dict(os.environ, DLG_ROOT=root), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def java_pid(proc):
    """The JVM under the launcher script (it execs java, so usually the same pid)."""
    kids = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
    return kids[-1] if kids else str(proc.pid)


def one_run(args, i):
    root = tempfile.mkdtemp(prefix="dlg-bench-")
    procs, pids, nodes = [], [], []
    try:
        for k in range(max(args.dim, 1)):
            port, events, rpc = free_port(), free_port(), free_port()
            nm = start(["nm", "-P", str(port), "--event_port", str(events), "--rpc_port", str(rpc)] + args.nm_args.split(),
                       root, "nm%d" % k)
            procs.append(nm)
            wait_up("http://127.0.0.1:%d" % port, nm)
            pids.append(java_pid(nm))
            nodes.append("127.0.0.1:%d:%d:%d" % (port, events, rpc))
        url = "http://127.0.0.1:%d" % int(nodes[0].split(":")[1])
        extra = list(args.extra)
        if args.dim:
            dport = free_port()
            dim = start(["dim", "-P", str(dport), "-N", ",".join(nodes)], root, "dim")
            procs.append(dim)
            url = "http://127.0.0.1:%d" % dport
            wait_up(url, dim)
            pids.append(java_pid(dim))
            extra += ["--nodes", ",".join(nodes), "--trigger", "deploy"]
        if args.scrape:  # the metrics' registry is made by the first scrape: measure with it made
            for n in nodes:
                urllib.request.urlopen("http://127.0.0.1:%s/metrics" % n.split(":")[1], timeout=10).read()
        settled_s = settle(pids) if args.settle else None
        session = "bench-%s-%d-run%d" % (args.shape, args.n, i)
        latency = None
        if args.status_latency:
            latency = subprocess.Popen([sys.executable, os.path.join(ROOT, "scripts", "bench", "status_latency.py"),
                                        "--url", url, "--session", session], stdout=subprocess.PIPE, text=True)
        command = [sys.executable, args.bench, "--url", url, "--shape", args.shape, "-n", str(args.n),
                   "--session", session]
        command += ["--pid", ",".join(pids)]
        before = [ticks(pid) for pid in pids]
        out = subprocess.run(command + extra, capture_output=True, text=True)
        tick = os.sysconf("SC_CLK_TCK")
        used = [[(now - then) / tick for now, then in zip(ticks(pid), b)] for pid, b in zip(pids, before)]
        if out.returncode != 0:
            sys.exit("bench_nm.py failed:\n" + out.stderr[-3000:])
        result = json.loads(out.stdout.strip().splitlines()[-1])
        result["settled_s"] = settled_s
        result["cpu_s_each"] = [round(u[0], 2) for u in used]  # per process: the NodeManagers, then the DIM
        result["sys_s_each"] = [round(u[1], 2) for u in used]  # of which in the kernel (page faults, sockets)
        if latency:
            result["status_latency"] = json.loads(latency.communicate(timeout=600)[0].strip().splitlines()[-1])
        return result
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=60)
            except subprocess.TimeoutExpired:
                p.kill()
        subprocess.run(["rm", "-rf", root])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shape", required=True, choices=["wide", "chain", "fan"])
    ap.add_argument("-n", type=int, required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--status-latency", action="store_true", help="also measure /status latency (G9)")
    ap.add_argument("--dim", type=int, default=0, metavar="K", help="a DataIslandManager over K NodeManagers")
    ap.add_argument("--no-settle", dest="settle", action="store_false",
                    help="start the session as soon as the managers answer, not once they are idle")
    ap.add_argument("--nm-args", default="", metavar="ARGS",
                    help="more dlg nm options, e.g. --nm-args='--peer-timeout 0.1' (heartbeats every 20 ms)")
    ap.add_argument("--scrape", action="store_true",
                    help="scrape every NodeManager's /metrics before the run (metrics are recorded from then on)")
    ap.add_argument("--bench", default=os.path.join(ROOT, "..", "shared", "bench", "bench_nm.py"))
    ap.add_argument("extra", nargs="*", help="more bench_nm.py options, after --")
    args = ap.parse_args()
    results = []
    for i in range(args.runs):
        r = one_run(args, i)
        print(json.dumps(r), flush=True)
        results.append(r)
    median = {k: round(statistics.median(r[k] for r in results), 3) for k in KEYS if all(k in r for r in results)}
    if args.status_latency:
        median["status_p99_ms"] = statistics.median(r["status_latency"]["p99_ms"] for r in results)
    median["json_mb"] = results[0].get("json_mb")
    median["append_mb_per_s"] = round(median["json_mb"] / median["append_s"], 1) if median.get("append_s") else None
    print(json.dumps({"shape": args.shape, "n": args.n, "runs": args.runs, "median": median}))


if __name__ == "__main__":
    main()
