"""Stand-ins for the few modules that DALiuGE's source checkout lacks, installed in every Python
process started with this directory on PYTHONPATH (Python imports sitecustomize at start): the
pytest process, and the workers of the `dlg nm` that DALiuGE's dask tests start, which import
DALiuGE's own package to unpickle the tests' functions.
"""
import sys
import types


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
