#!/usr/bin/env python3
"""What watching peers costs an idle pair of NodeManagers: CPU used while nothing runs.

Starts two `dlg nm` (with --nm-args, e.g. '--peer-timeout 0.1' for heartbeats every 20 ms), runs one
small session across both so that each subscribes to the other's events (and so watches it), then
measures the CPU time both processes use over --seconds of idleness. Prints one JSON line.

  python3 scripts/bench/heartbeat_cost.py --seconds 30
  python3 scripts/bench/heartbeat_cost.py --seconds 30 --nm-args='--peer-timeout 0.1'
  python3 scripts/bench/heartbeat_cost.py --dlg /other/checkout/scripts/dlg   # another build, as a baseline
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run_nm_bench import cpu_ticks, free_port, java_pid, wait_up  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def call(port, path, body, ctype="application/json"):
    req = urllib.request.Request("http://127.0.0.1:%d%s" % (port, path), data=body.encode(), method="POST",
                                 headers={"Content-Type": ctype})
    urllib.request.urlopen(req, timeout=30).read()


def status(port, sid):
    return int(urllib.request.urlopen("http://127.0.0.1:%d/api/sessions/%s/status" % (port, sid), timeout=10).read())


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--nm-args", default="")
    ap.add_argument("--dlg", default=os.path.join(ROOT, "scripts", "dlg"))
    args = ap.parse_args()
    root = tempfile.mkdtemp(prefix="dlg-hb-")
    procs, nodes = [], []
    try:
        for k in range(2):
            port, events, rpc = free_port(), free_port(), free_port()
            env = dict(os.environ, DLG_ROOT=os.path.join(root, "nm%d" % k))
            p = subprocess.Popen([args.dlg, "nm", "-P", str(port), "--event_port", str(events), "--rpc_port", str(rpc),
                                  "-q", "-l", os.path.join(root, "logs%d" % k)] + args.nm_args.split(),
                                 env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            procs.append(p)
            wait_up("http://127.0.0.1:%d" % port, p)
            nodes.append((port, "127.0.0.1:%d:%d:%d" % (port, events, rpc)))
        (pa, a), (pb, b) = nodes
        call(pa, "/api/sessions", '{"sessionId": "s"}')
        call(pb, "/api/sessions", '{"sessionId": "s"}')
        call(pa, "/api/sessions/s/graph/append", json.dumps([
            {"oid": "p", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp", "sleep_time": 0,
             "outputs": ["d"]},
            {"oid": "d", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP", "producers": ["p"]}]))
        call(pb, "/api/sessions/s/graph/append", json.dumps([
            {"oid": "c", "categoryType": "Application", "dropclass": "dlg.apps.simple.SleepApp", "sleep_time": 0,
             "outputs": ["e"]},
            {"oid": "e", "categoryType": "Data", "dropclass": "dlg.data.drops.memory.InMemoryDROP", "producers": ["c"]}]))
        call(pa, "/api/sessions/s/subscriptions", json.dumps({b: [["d", 5, "c"]]}))
        call(pb, "/api/sessions/s/subscriptions", json.dumps({a: [["c", 0, "d"]]}))
        call(pb, "/api/sessions/s/deploy", "completed=", "application/x-www-form-urlencoded")
        call(pa, "/api/sessions/s/deploy", "completed=p", "application/x-www-form-urlencoded")
        end = time.monotonic() + 30
        while not (status(pa, "s") == 4 and status(pb, "s") == 4):
            if time.monotonic() > end:
                sys.exit("the session did not finish")
            time.sleep(0.1)
        time.sleep(5)  # the JIT settles
        pids = [java_pid(p) for p in procs]
        before, t0 = cpu_ticks(pids), time.monotonic()
        time.sleep(args.seconds)
        ticks, elapsed = cpu_ticks(pids) - before, time.monotonic() - t0
        hz = os.sysconf("SC_CLK_TCK")
        print(json.dumps({"nm_args": args.nm_args, "dlg": args.dlg, "seconds": round(elapsed, 1),
                          "cpu_s_both": round(ticks / hz, 2), "cpu_percent_per_node": round(100 * ticks / hz / elapsed / 2, 2)}))
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
