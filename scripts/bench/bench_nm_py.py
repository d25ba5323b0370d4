#!/usr/bin/env python3
"""../shared/bench/bench_nm.py with one more app for G16: `--app pyfunc`, every app a PyFuncApp
calling a trivial Python function (`def trivial(*args): return 1`, given as func_code).

  --warm-python   first run a 100-app PyFuncApp session on the same manager, so that the
                  measured session finds the Python workers started (G16's second figure)

Everything else is bench_nm.py's. Through run_nm_bench.py (a fresh `dlg nm` per run):

  python3 scripts/bench/run_nm_bench.py --shape wide -n 10000 --runs 3 \\
      --bench scripts/bench/bench_nm_py.py -- --app pyfunc [--warm-python]
"""
import argparse
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "..", "shared", "bench"))

import bench_nm  # noqa: E402  (the shared driver, unchanged)
import gen_graph  # noqa: E402

TRIVIAL = "def trivial(*args):\n    return 1\n"

gen_graph.APP_CLASSES["pyfunc"] = "dlg.apps.pyfunc.PyFuncApp"
_plain_app = gen_graph._app


def _app(oid, app):
    spec = _plain_app(oid, app)
    if app == "pyfunc":
        spec.update(func_name="trivial", func_code=TRIVIAL)
    return spec


gen_graph._app = _app

# bench_nm.py lists its apps in its parser: add ours there.
_add_argument = argparse.ArgumentParser.add_argument


def _add_with_pyfunc(self, *names, **kwargs):
    if names == ("--app",):
        kwargs["choices"] = list(kwargs["choices"]) + ["pyfunc"]
    return _add_argument(self, *names, **kwargs)


argparse.ArgumentParser.add_argument = _add_with_pyfunc


def main(argv):
    if "--warm-python" in argv:
        argv = [a for a in argv if a != "--warm-python"]
        url = argv[argv.index("--url") + 1] if "--url" in argv else "http://127.0.0.1:8000"
        warm = ["--url", url, "--shape", "wide", "-n", "100", "--app", "pyfunc", "--session", "warm-python"]
        if bench_nm.main(warm):
            return "the warm-up session did not finish"
    return bench_nm.main(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
