"""A pytest plugin that lets DALiuGE's own manager tests run, unchanged, against dlg's managers.

DALiuGE's tests start DALiuGE's managers in threads (NodeManager + NMRestServer, ...). Here
those classes are replaced by stand-ins that start nothing: dlg's `dlg nm`, `dlg dim` and `dlg mm`
already listen on ports 8000 to 8002 (scripts/daliuge-tests/run starts them). Stopping a
stand-in server deletes every session on dlg's managers, as a fresh DALiuGE manager would have
none. A few third-party modules that the tests import but never use get stand-ins too.

Loaded with `python3 -m pytest -p dlg_standins`: it is imported before the tests are collected.
"""
import json
import sys
import types
import urllib.request


def _module(name, **attrs):
    m = types.ModuleType(name)
    m.__dict__.update(attrs)
    sys.modules[name] = m


class _Unused:
    def __init__(self, *args, **kwargs):
        raise NotImplementedError("a stand-in: the tests should not use this")


# Written by DALiuGE's setup.py at install time; absent from a source checkout.
_module("dlg.common.version", full_version="6.7.0", version="6.7.0", git_version="")
# Imported by DALiuGE's engine modules, used only by code these tests do not run in-process.
_module("merklelib", MerkleTree=_Unused, export=lambda *a, **k: None)
_module("overrides", overrides=lambda f: f, override=lambda f: f)
_module("GPUtil", getGPUs=lambda: [])
_module("benedict", benedict=dict)
_module("zerorpc", Client=_Unused, Server=_Unused)

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
