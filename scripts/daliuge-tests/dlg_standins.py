"""A pytest plugin that lets DALiuGE's own manager tests run, unchanged, against dlg's managers.

DALiuGE's tests start DALiuGE's managers in threads (NodeManager + NMRestServer, ...). Here
those classes are replaced by stand-ins that start nothing: dlg's `dlg nm`, `dlg dim` and `dlg mm`
already listen on ports 8000 to 8002 (scripts/daliuge-tests/run starts them). Stopping a
stand-in server deletes every session on dlg's managers, as a fresh DALiuGE manager would have
none. Tests that start a manager process themselves (tool.start_process) get dlg's, from the
PATH. The few modules a source checkout lacks get stand-ins from site/sitecustomize.py.

Loaded with `python3 -m pytest -p dlg_standins`: it is imported before the tests are collected.
"""
import json
import urllib.request

import sitecustomize  # noqa: F401  (site/, on PYTHONPATH: the stand-in modules)

DLG_PORTS = (8002, 8001, 8000)  # MasterManager, DataIslandManager, NodeManager: top down


def _call(method, port, path):
    req = urllib.request.Request(f"http://127.0.0.1:{port}/api{path}", method=method)
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read() or b"null")


def reset_dlg_managers():
    """Deletes every session on dlg's managers, top down (a composite deletes its parts below)."""
    for port in DLG_PORTS:
        try:
            sessions = _call("GET", port, "/sessions")
        except OSError:
            continue
        for s in sessions:
            try:
                _call("DELETE", port, "/sessions/" + urllib.request.quote(s["sessionId"], safe=""))
            except OSError:
                pass  # already deleted from above


class StandInManager:
    """Stands for a DALiuGE manager object: dlg's process does its work."""

    def __init__(self, *args, **kwargs):
        pass

    def shutdown(self):
        pass


class StandInRestServer:
    """Stands for a DALiuGE REST server: dlg's manager already listens on the port."""

    def __init__(self, manager, *args, **kwargs):
        pass

    def start(self, host, port, *args, **kwargs):
        pass

    def stop(self, *args, **kwargs):
        reset_dlg_managers()


import dlg.manager.composite_manager as _cm  # noqa: E402  (after the stand-in modules)
import dlg.manager.node_manager as _nm  # noqa: E402
import dlg.manager.rest as _rest  # noqa: E402
import dlg.testutils as _testutils  # noqa: E402

for _mod in (_nm, _cm, _rest, _testutils):
    for _name in ("NodeManager", "DataIslandManager", "MasterManager"):
        if hasattr(_mod, _name):
            setattr(_mod, _name, StandInManager)
    for _name in ("NMRestServer", "CompositeManagerRestServer", "MasterManagerRestServer"):
        if hasattr(_mod, _name):
            setattr(_mod, _name, StandInRestServer)

reset_dlg_managers()

# DALiuGE's commands come from its installed package's entry points; a source checkout has none.
# Its tests start managers with tool.start_process("nm", ...), which runs `dlg nm` from the PATH:
# dlg's launcher, once scripts/daliuge-tests/run has put it there.
import dlg.common.tool as _tool  # noqa: E402

_engine = _tool.CommandGroup("engine", "dlg's managers, run as `dlg` from the PATH")
for _cmd in ("nm", "dim", "mm", "daemon"):
    _tool.cmdwrap(_cmd, _engine, "dlg " + _cmd, lambda parser, args: None)
