#!/usr/bin/env python3
"""Times a fresh `dlg nm` from its start: until it answers, and until it has run a small graph.

G15 asks for a manager that answers and has run a 3,000-drop graph within 1 s of being started.
For each run: start `scripts/dlg nm` on free ports, poll GET /api/sessions until it answers, then
at once create a session, append `wide 1000` (3,000 drops, made beforehand by ../shared/bench's
generator), deploy it, trigger its roots, and poll its status until FINISHED. Prints both times
of every run, then their medians.

  python3 scripts/bench/start_to_finish.py --runs 5
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "..", "shared", "bench"))
from run_nm_bench import free_port  # noqa: E402 (this folder is on the path when run as a script)
FINISHED = 4


def call(url, body=None, content_type=None):
    request = urllib.request.Request(url, data=body, method="GET" if body is None else "POST")
    if content_type:
        request.add_header("Content-Type", content_type)
    with urllib.request.urlopen(request, timeout=30) as answer:
        return answer.read()


def one_run(launcher, graph, roots, timeout):
    port = free_port()
    root = tempfile.mkdtemp(prefix="dlg-start-")
    t0 = time.monotonic()
    nm = subprocess.Popen([launcher, "nm", "-P", str(port), "--event_port",
                           str(free_port()), "--rpc_port", str(free_port()), "-q", "-l", os.path.join(root, "logs")],
                          env=dict(os.environ, DLG_ROOT=root), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = "http://127.0.0.1:%d/api/sessions" % port
        while True:
            if nm.poll() is not None or time.monotonic() - t0 > timeout:
                sys.exit("dlg nm did not answer (exit status %s)" % nm.poll())
            try:
                call(base)
                break
            except OSError:
                time.sleep(0.005)
        answered = time.monotonic() - t0
        call(base, json.dumps({"sessionId": "s"}).encode(), "application/json")
        call(base + "/s/graph/append", graph, "application/json")
        call(base + "/s/deploy", b"", "application/x-www-form-urlencoded")
        call(base + "/s/trigger", roots, "application/json")
        while json.loads(call(base + "/s/status")) != FINISHED:
            if time.monotonic() - t0 > timeout:
                sys.exit("the session did not finish within %d s" % timeout)
            time.sleep(0.002)
        return answered, time.monotonic() - t0
    finally:
        nm.terminate()
        nm.wait(timeout=60)
        subprocess.run(["rm", "-rf", root])


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--timeout", type=float, default=60)
    p.add_argument("--launcher", default=os.path.join(ROOT, "scripts", "dlg"),
                   help="another checkout's scripts/dlg, to compare builds")
    a = p.parse_args()
    import gen_graph  # ../shared/bench
    specs, roots = gen_graph.build("wide", 1000, "sleep", None, "block")
    graph, roots_json = json.dumps(specs).encode(), json.dumps(roots).encode()
    runs = []
    for _ in range(a.runs):
        answered, finished = one_run(a.launcher, graph, roots_json, a.timeout)
        runs.append((answered, finished))
        print(json.dumps({"answered_s": round(answered, 3), "finished_s": round(finished, 3)}), flush=True)
        time.sleep(1)  # the previous process's exit is over
    print(json.dumps({"runs": a.runs, "median": {"answered_s": round(statistics.median(r[0] for r in runs), 3),
                                                  "finished_s": round(statistics.median(r[1] for r in runs), 3)}}))


if __name__ == "__main__":
    main()
