#!/usr/bin/env python3
"""Measures what the first touch of memory costs on this machine, per GB and per 4 KB page.

Maps GB after GB and writes one byte in each page of it, timing each GB; then does the same in a
second process started right after the first exits, which gets the pages the first gave back.
Python's loop itself takes about 1 us a page.

On our virtual machines a page touched for the first time costs about 1.5 us or about 11 us,
by where it comes from (2026-12-07: 0.39 s against 3.0 s a GB). The guest kernel reports memory
that nobody has used for a while to the host (free page reporting, see
`page_reporting.page_reporting_order` in /proc/cmdline), the host takes it back, and the next
first touch of each such page waits for the host to back it again. A manager's figures then
depend on what ran before it, and how long ago (see "How a graph is held" in the README).

  python3 scripts/bench/page_touch.py            # 2 GB, then 2 GB again at once
  python3 scripts/bench/page_touch.py --gb 4 --wait 30
"""
import argparse
import mmap
import subprocess
import sys
import time

PAGE = 4096


def touch(gb):
    kept, times = [], []
    for _ in range(gb):
        t = time.perf_counter()
        block = mmap.mmap(-1, 1 << 30)  # anonymous memory: no page touched yet
        for offset in range(0, 1 << 30, PAGE):
            block[offset] = 1
        times.append(time.perf_counter() - t)
        kept.append(block)
    return times


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--gb", type=int, default=2)
    p.add_argument("--wait", type=float, default=0, help="seconds between the two processes")
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.child:
        print(" ".join("%.3f" % t for t in touch(a.gb)))
        return
    for label in ("first", "again"):
        if label == "again" and a.wait:
            time.sleep(a.wait)
        out = subprocess.run([sys.executable, __file__, "--child", "--gb", str(a.gb)],
                             capture_output=True, text=True, check=True).stdout.split()
        times = [float(x) for x in out]
        pages = (1 << 30) // PAGE
        print("%s: s per GB %s; %.1f to %.1f us per page" % (label, " ".join(out), min(times) / pages * 1e6,
                                                              max(times) / pages * 1e6))


if __name__ == "__main__":
    main()
