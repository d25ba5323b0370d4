#!/usr/bin/env python3
"""The floor of G14's node crossing on this machine, without dlg: HopFloor.java in two JVMs.

Two processes pass a counter back and forth over JeroMQ PUB/SUB (the library and JDK dlg runs
on), and the time per hop is printed for each mode, alternated, with medians:

  direct  the thread that receives sends the next counter (JeroMQ alone)
  queue   it hands the counter to a publisher thread through a BlockingQueue (the mission's event
          design: one publisher thread per NodeManager, fed by a queue)
  worker  it hands it to a pool worker, which hands it to the publisher thread (a chain of apps
          crossing nodes: the consumer app runs on a worker, its output's event is published)

A chain 10000 --split alternate makes 10,000 such hops; G14 asks for 1 s in all, 100 us per hop.

  python3 scripts/bench/hop_floor.py --runs 3
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

from run_nm_bench import free_port  # this folder is on the path when run as a script

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODES = ("direct", "queue", "worker")


def jdk():
    """The JDK 25 that scripts/dlg runs (scripts/lib/jdk.sh finds it)."""
    out = subprocess.run(["bash", "-c", '. "$1/scripts/lib/jdk.sh" && dlg_find_jdk', "-", ROOT],
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("no JDK 25 found: " + out.stderr.strip())
    return os.path.join(out.stdout.strip(), "bin", "java")


def one(java, jar, mode, hops):
    a, b = free_port(), free_port()
    source = os.path.join(ROOT, "scripts", "bench", "HopFloor.java")
    base = [java, "-XX:+UseCompactObjectHeaders", "-cp", jar, source]
    second = subprocess.Popen(base + ["second", str(b), str(a), str(hops), mode], stdout=subprocess.DEVNULL)
    try:
        out = subprocess.run(base + ["first", str(a), str(b), str(hops), mode], capture_output=True, text=True,
                             timeout=300)
        if out.returncode != 0:
            sys.exit("HopFloor failed:\n" + out.stderr[-2000:])
        return json.loads(out.stdout.strip().splitlines()[-1])["us_per_hop"]
    finally:
        try:
            second.wait(timeout=30)
        except subprocess.TimeoutExpired:
            second.kill()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--hops", type=int, default=20000, help="hops to warm up, then as many timed")
    ap.add_argument("--modes", default=",".join(MODES))
    a = ap.parse_args()
    modes = a.modes.split(",")
    unknown = [m for m in modes if m not in MODES]
    if unknown:
        sys.exit("unknown mode(s) %s: choose among %s" % (", ".join(unknown), ", ".join(MODES)))
    jar = os.path.join(ROOT, "dlg-daemon", "target", "dlg.jar")
    subprocess.run([os.path.join(ROOT, "scripts", "dlg"), "--version"], check=True,
                   stdout=subprocess.DEVNULL)  # builds the jar if it is missing or old
    java = jdk()
    got = {m: [] for m in modes}
    for _ in range(a.runs):
        for m in modes:
            us = one(java, jar, m, a.hops)
            got[m].append(us)
            print(json.dumps({"mode": m, "us_per_hop": us}), flush=True)
    print(json.dumps({"median_us_per_hop": {m: statistics.median(v) for m, v in got.items()},
                      "runs": a.runs, "hops": a.hops}))


if __name__ == "__main__":
    main()
