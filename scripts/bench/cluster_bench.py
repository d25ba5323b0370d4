#!/usr/bin/env python3
"""Times `dlg cluster`: from the command to every manager answering, and a graph run through it.

  scripts/bench/cluster_bench.py start [-n 4] [--runs 5] [--no-auth]
      fresh `dlg cluster -n N` processes: seconds from the command until the DataIslandManager
      and each NodeManager answer GET /api/sessions (with the cluster's printed secret), then SIGTERM
  scripts/bench/cluster_bench.py graph [-n 4] [--runs 3] [--no-auth] [--shape wide --size 100000]
      fresh `dlg cluster -n N GRAPH` processes: wall seconds end to end (JVM start to exit),
      and the session's own time as `dlg cluster` reports it
Medians are printed with every run's figure.
"""
import argparse, os, re, signal, statistics, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DLG = os.path.join(ROOT, "scripts", "dlg")
GEN = os.path.join(ROOT, "..", "shared", "bench", "gen_graph.py")


def answers(port, token):
    req = urllib.request.Request(f"http://127.0.0.1:{port}/api/sessions")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=2) as r:
            return r.status == 200
    except Exception:
        return False


def start_once(n, no_auth):
    with tempfile.TemporaryDirectory() as work:
        args = [DLG, "cluster", "-n", str(n), "--workdir", work] + (["--no-auth"] if no_auth else [])
        t0 = time.monotonic()
        p = subprocess.Popen(args, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        text = ""
        try:
            while True:
                line = p.stderr.readline()
                if not line:
                    raise RuntimeError("dlg cluster ended: " + text)
                text += line
                if "dlg cluster: nodes " in line:
                    break
            ui = re.search(r"UI http://127\.0\.0\.1:(\d+)/(\?token=(\S+))?", text)
            dim, token = int(ui.group(1)), ui.group(3)
            nodes = [int(s.split(":")[1]) for s in re.search(r"dlg cluster: nodes (\S+)", text).group(1).split(",")]
            while not all(answers(port, token) for port in [dim] + nodes):
                time.sleep(0.005)
            return time.monotonic() - t0
        finally:
            p.send_signal(signal.SIGTERM)
            p.wait(30)


def graph_once(n, no_auth, graph):
    with tempfile.TemporaryDirectory() as work:
        args = [DLG, "cluster", "-n", str(n), "--workdir", work, graph] + (["--no-auth"] if no_auth else [])
        t0 = time.monotonic()
        r = subprocess.run(args, capture_output=True, text=True)
        wall = time.monotonic() - t0
        if r.returncode != 0:
            raise RuntimeError(r.stderr)
        m = re.search(r"FINISHED.* in ([0-9.]+) s", r.stderr)
        return wall, float(m.group(1)) if m else float("nan"), r.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=["start", "graph"])
    ap.add_argument("-n", type=int, default=4)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-auth", action="store_true")
    ap.add_argument("--shape", default="wide")
    ap.add_argument("--size", type=int, default=100000)
    a = ap.parse_args()
    if a.what == "start":
        times = [start_once(a.n, a.no_auth) for _ in range(a.runs)]
        print(f"dlg cluster -n {a.n}{' --no-auth' if a.no_auth else ''}: answering after "
              f"{statistics.median(times):.2f} s median ({', '.join(f'{t:.2f}' for t in times)})")
    else:
        with tempfile.TemporaryDirectory() as d:
            graph = os.path.join(d, f"{a.shape}{a.size}.json")
            subprocess.run([sys.executable, GEN, a.shape, str(a.size), "-o", graph], check=True,
                           stdout=subprocess.DEVNULL)
            runs = [graph_once(a.n, a.no_auth, graph) for _ in range(a.runs)]
        walls = [w for w, _, _ in runs]
        sessions = [s for _, s, _ in runs]
        print(runs[-1][2].strip().splitlines()[-1])
        print(f"dlg cluster -n {a.n} {a.shape} {a.size}{' --no-auth' if a.no_auth else ''}: end to end "
              f"{statistics.median(walls):.2f} s median ({', '.join(f'{t:.2f}' for t in walls)}), session "
              f"{statistics.median(sessions):.2f} s ({', '.join(f'{t:.2f}' for t in sessions)})")


if __name__ == "__main__":
    main()
