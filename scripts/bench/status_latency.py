#!/usr/bin/env python3
"""Measures GET /api/sessions/<sid>/status latency while a session runs (goal G9: p99 <= 20 ms).

Polls the status route back to back (a new connection per request, as DALiuGE's client does)
from the moment the session exists until it reaches a final state (4, 5 or 6), or --timeout,
then prints the count, p50, p99 and max in milliseconds as one JSON line.

Run it next to ../shared/bench/bench_nm.py with the same --session, e.g.:
  python3 scripts/bench/status_latency.py --url http://127.0.0.1:8000 --session s1 &
  python3 ../shared/bench/bench_nm.py --url http://127.0.0.1:8000 --shape wide -n 1000000 --session s1
"""
import argparse
import http.client
import json
import time
import urllib.parse


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", default="http://127.0.0.1:8000")
    ap.add_argument("--session", required=True)
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds to give up after")
    args = ap.parse_args()
    u = urllib.parse.urlparse(args.url)
    path = "/api/sessions/%s/status" % urllib.parse.quote(args.session)
    latencies = []
    states = {}
    end = time.monotonic() + args.timeout
    while time.monotonic() < end:
        t0 = time.perf_counter()
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
        conn.request("GET", path)
        resp = conn.getresponse()
        body = resp.read()
        conn.close()
        dt = (time.perf_counter() - t0) * 1000
        if resp.status == 404:  # not created yet
            time.sleep(0.005)
            continue
        latencies.append(dt)
        status = json.loads(body)
        states[status] = states.get(status, 0) + 1
        if status in (4, 5, 6):
            break
    latencies.sort()

    def pct(p):
        return round(latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))], 2) if latencies else None

    print(json.dumps({"session": args.session, "requests": len(latencies), "p50_ms": pct(50), "p99_ms": pct(99),
                      "max_ms": round(latencies[-1], 2) if latencies else None,
                      "statuses_seen": {str(k): v for k, v in sorted(states.items())}}))


if __name__ == "__main__":
    main()
