#!/usr/bin/env python3
"""Runs ../shared/bench/bench_nm.py against fresh `dlg nm` processes and prints medians.

For each of --runs runs: start `scripts/dlg nm` on a free port (a fresh JVM, so peak RSS is
that run's), drive one benchmark with bench_nm.py (--pid for the RSS), optionally measure
/status latency alongside (--status-latency), stop the NodeManager. Prints every run's JSON and
then the medians of the timings, one JSON line each.

  python3 scripts/bench/run_nm_bench.py --shape wide -n 10000 --runs 3
  python3 scripts/bench/run_nm_bench.py --shape wide -n 1000000 --runs 3 --status-latency
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


def one_run(args, i):
    port, events, rpc = free_port(), free_port(), free_port()
    url = "http://127.0.0.1:%d" % port
    root = tempfile.mkdtemp(prefix="dlg-bench-")
    env = dict(os.environ, DLG_ROOT=root)
    nm = subprocess.Popen([os.path.join(ROOT, "scripts", "dlg"), "nm", "-P", str(port), "--event_port", str(events),
                           "--rpc_port", str(rpc),
                           "-q", "-l", os.path.join(root, "logs")], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_up(url, nm)
        pid = subprocess.run(["pgrep", "-P", str(nm.pid)], capture_output=True, text=True).stdout.split() or [str(nm.pid)]
        session = "bench-%s-%d-run%d" % (args.shape, args.n, i)
        latency = None
        if args.status_latency:
            latency = subprocess.Popen([sys.executable, os.path.join(ROOT, "scripts", "bench", "status_latency.py"),
                                        "--url", url, "--session", session], stdout=subprocess.PIPE, text=True)
        out = subprocess.run([sys.executable, args.bench, "--url", url, "--shape", args.shape, "-n", str(args.n),
                              "--pid", pid[-1], "--session", session] + args.extra,
                             capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit("bench_nm.py failed:\n" + out.stderr[-3000:])
        result = json.loads(out.stdout.strip().splitlines()[-1])
        if latency:
            result["status_latency"] = json.loads(latency.communicate(timeout=600)[0].strip().splitlines()[-1])
        return result
    finally:
        nm.terminate()
        try:
            nm.wait(timeout=60)
        except subprocess.TimeoutExpired:
            nm.kill()
        subprocess.run(["rm", "-rf", root])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shape", required=True, choices=["wide", "chain", "fan"])
    ap.add_argument("-n", type=int, required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--status-latency", action="store_true", help="also measure /status latency (G9)")
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
