"""dlg's Python worker: runs DALiuGE PyFuncApp calls for the Java engine, one at a time.

Protocol over stdin/stdout: frames of an 8-byte big-endian length then that many bytes. A call is
a header frame (a pickle of a dict, see PyFuncApp.java) followed by one frame per input that has
data; the reply is a header frame ({'ok': ..., 'out': captured output, 'writes': [...],
'frames': n}) followed by n frames: one per output that is to be written (a Branch: see
branch_decision). Values travel as their raw bytes. Large ones (over the call's 'large_value')
do not cross the pipes: an input the engine holds in a file is given by its path ('file') and read
in place; an output is written to the file the engine names ('spill', in shared memory) and its
'writes' entry is that path.
"""
import ast
import base64
import builtins
import contextlib
import importlib
import inspect
import io
import json
import linecache
import mmap
import os
import pickle
import struct
import sys
import threading
import time
import traceback
import types

try:
    import dill
except ImportError:  # dill is optional: pickle reads what dill writes for plain values
    dill = None

HERE = os.path.dirname(os.path.abspath(__file__))
# arguments DALiuGE uses to define the function, never passed to it
DEFINING = {"func_code", "func_name", "func_arg_mapping", "input_parser", "output_parser",
            "func_defaults", "pickle"}
_functions = {}
_paths = set()


def read_frame(stream):
    head = stream.read(8)
    if len(head) < 8:
        raise EOFError("the engine closed the pipe")
    (n,) = struct.unpack(">Q", head)
    data = stream.read(n)  # a buffered reader: one copy, whatever the size
    if len(data) < n:
        raise EOFError("the engine closed the pipe in the middle of a frame")
    return data


def write_frame(stream, data):
    stream.write(struct.pack(">Q", len(data)))
    stream.write(data)


def watch_parent():
    """Exit when the engine is gone, even in the middle of a long call."""
    parent = os.getppid()
    while True:
        time.sleep(1)
        if os.getppid() != parent:
            os._exit(3)


# ---- finding the function ----

def fallback_simple_functions():
    import dlg_simple_functions  # shipped next to this file
    return dlg_simple_functions


def install_daliuge_fallbacks():
    """Where DALiuGE's package is not installed, the few of its modules that graphs and clients
    name get ours: its simple functions, and dask_emulation's getitem (which dill pickles by
    reference in the code DALiuGE's delayed() sends)."""
    try:
        import dlg  # noqa: F401  (the real one wins)
        return
    except ImportError:
        pass
    dlg_pkg = types.ModuleType("dlg")
    dlg_pkg.__path__ = []
    apps = types.ModuleType("dlg.apps")
    apps.__path__ = []
    apps.simple_functions = fallback_simple_functions()
    dask = types.ModuleType("dlg.dask_emulation")

    def getitem(x, i):
        """Item i of a delayed result, or the result itself when it has no items."""
        try:
            return x[i]
        except TypeError:
            return x

    getitem.__module__ = dask.__name__
    getitem.__qualname__ = "getitem"
    dask.getitem = getitem
    dlg_pkg.apps = apps
    dlg_pkg.dask_emulation = dask
    sys.modules.update({"dlg": dlg_pkg, "dlg.apps": apps, "dlg.apps.simple_functions": apps.simple_functions,
                        "dlg.dask_emulation": dask})


def import_module(name):
    try:
        return importlib.import_module(name)
    except ImportError:
        if name == "dlg.apps.simple_functions":
            return fallback_simple_functions()
        raise


def import_name(fname):
    parts = fname.strip().split(".")
    if len(parts) == 1:
        if hasattr(builtins, fname):
            return getattr(builtins, fname)
        raise ImportError("%s is not a builtin and does not name a module" % fname)
    if parts[-1] in ("__init__", "__class__"):
        parts = parts[:-1]
    if hasattr(builtins, parts[0]) and len(parts) == 2:
        return getattr(getattr(builtins, parts[0]), parts[1])
    error = None
    for i in range(len(parts) - 1, 0, -1):  # the longest prefix that is a module
        modname = ".".join(parts[:i])
        try:
            obj = import_module(modname)
        except ModuleNotFoundError as e:
            if e.name and modname.startswith(e.name):
                error = error or e
                continue  # that prefix is not a module: try a shorter one
            raise
        try:
            for attr in parts[i:]:
                obj = getattr(obj, attr)
        except AttributeError as e:
            raise ImportError("cannot find %s: %s" % (fname, e)) from e
        return obj
    raise ImportError("cannot import %s: %s" % (fname, error))


def load_function(name, code):
    key = (name, code)
    f = _functions.get(key)
    if f is None:
        f = _load_function(name, code)
        _functions[key] = f
    return f


def _load_function(name, code):
    if not code:
        if not name:
            raise ImportError("no function given: neither func_name nor func_code is set")
        return import_name(name)
    short = (name or "").split(".")[-1]
    if isinstance(code, str):
        try:
            namespace = {"__name__": "dlg_func_code"}
            filename = "<func_code %s>" % short
            source = code.strip() + "\n"
            exec(compile(source, filename, "exec"), namespace)
            # so that a traceback shows the source lines
            linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
            if not short:
                raise ImportError("func_code is given but func_name does not name its function")
            if short not in namespace:
                raise ImportError("func_code does not define a function named '%s'" % short)
            return namespace[short]
        except (SyntaxError, NameError) as e:
            try:
                code = base64.b64decode(code, validate=True)
            except ValueError:
                raise ImportError("func_code is neither Python source (%s: %s) nor base64 of a dill-serialised"
                                  " function" % (type(e).__name__, e)) from None
    if dill is None:
        raise ImportError("func_code is serialised with dill, which is not installed for %s" % sys.executable)
    f = dill.loads(code)
    if short and getattr(f, "__name__", short) != short:
        raise ImportError("func_code holds a function named '%s', not '%s'" % (f.__name__, short))
    return f


# ---- encodings ----

def norm(enc, default="dill"):
    if enc is None or str(enc).strip() == "":
        enc = default
    return str(enc).strip().lower().replace("-", "").replace("_", "")


def decode(enc, data, path, url):
    enc = norm(enc)
    if enc == "path":
        return path if path is not None else data.decode("utf-8")
    if enc == "dataurl":
        return url
    if enc in ("pickle", "dill"):
        if not data:
            return None
        if data[:1] != b"\x80":  # not a pickle: DALiuGE falls back to the raw value
            return data.decode("utf-8", "replace")
        if enc == "dill" and dill is not None:
            return dill.loads(data)
        return pickle.loads(data)
    if enc in ("utf8", "string", "str"):
        return data.decode("utf-8")
    if enc == "json":
        return json.loads(data) if data else None
    if enc == "eval":
        text = data.decode("utf-8")
        try:
            return ast.literal_eval(text) if text else None
        except (ValueError, SyntaxError):
            return text
    if enc == "npy":
        import numpy
        return numpy.load(io.BytesIO(data), allow_pickle=True)
    if enc == "base64":
        return base64.b64decode(data)
    if enc in ("binary", "raw", "bytes"):
        return data
    raise ValueError("unknown encoding '%s'" % enc)


def encode(enc, value):
    enc = norm(enc)
    if enc == "pickle":
        return pickle.dumps(value)
    if enc == "dill":
        if dill is None or plain(value):
            return pickle.dumps(value)  # the same bytes for such values, ten times as fast
        return dill.dumps(value)
    if enc in ("utf8", "string", "str", "eval", "path", "dataurl"):
        return (value if isinstance(value, str) else repr(value)).encode("utf-8")
    if enc == "json":
        return json.dumps(value).encode("utf-8")
    if enc == "npy":
        import numpy
        buf = io.BytesIO()
        numpy.save(buf, numpy.asarray(value), allow_pickle=True)
        return buf.getvalue()
    if enc == "base64":
        return base64.b64encode(as_bytes(value))
    if enc in ("binary", "raw", "bytes"):
        return as_bytes(value)
    raise ValueError("unknown encoding '%s'" % enc)


_PLAIN = (type(None), bool, int, float, str, bytes)  # not complex: dill writes it its own way


def plain(value, depth=0):
    """A value that pickle and dill write alike: builtin scalars, and small containers of them.
    Anything else (functions, classes, user objects) goes to dill, which may pickle by value."""
    t = type(value)
    if t in _PLAIN:
        return True
    if depth > 0 or t not in (list, tuple, dict) or len(value) > 64:
        return False
    items = value.items() if t is dict else ((None, v) for v in value)
    return all(plain(k, 1) and plain(v, 1) for k, v in items)


def as_bytes(value):
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    if isinstance(value, str):
        return value.encode("utf-8")
    return pickle.dumps(value)


# ---- arguments, as DALiuGE's PyFuncApp maps them ----

def literal(arg):
    value = arg.get("value")
    if arg.get("type") in ("Json", "Complex") and isinstance(value, str):
        try:
            return ast.literal_eval(value)
        except (ValueError, SyntaxError):
            return value
    return value


def func_defaults(call):
    d = call.get("func_defaults")
    if isinstance(d, str):
        d = ast.literal_eval(d) if d.strip() else {}
    if not d:
        return {}
    if isinstance(d, dict) and isinstance(d.get("kwargs"), dict):
        d = d["kwargs"]
    if not isinstance(d, dict):
        raise ValueError("func_defaults must be a dict: %r" % (d,))
    out = {}
    for k, v in d.items():  # DALiuGE's dask emulation sends base64 pickles
        if isinstance(v, str) and dill is not None:
            try:
                v = dill.loads(base64.b64decode(v, validate=True))
            except Exception:  # pylint: disable=broad-except
                pass
        out[k] = v
    return out


_shapes = {}


def parameters_of(func):
    """The function's parameters by kind and its own defaults (None where it has none), or None
    when Python cannot tell (some builtins); cached, as a worker calls the same functions often."""
    try:
        return _shapes[func]
    except KeyError:
        pass
    except TypeError:  # an unhashable callable: not cached
        return _parameters_of(func)
    shape = _shapes[func] = _parameters_of(func)
    return shape


def _parameters_of(func):
    try:
        sig = inspect.signature(func)
    except (ValueError, TypeError):
        return None
    posonly, poskw, kwonly = [], [], []
    varargs = varkw = False
    defaults = {}
    for name, p in sig.parameters.items():
        if p.kind == p.VAR_POSITIONAL:
            varargs = True
            continue
        if p.kind == p.VAR_KEYWORD:
            varkw = True
            continue
        {p.POSITIONAL_ONLY: posonly, p.POSITIONAL_OR_KEYWORD: poskw, p.KEYWORD_ONLY: kwonly}[p.kind].append(name)
        defaults[name] = None if p.default is p.empty else p.default
    return posonly, poskw, kwonly, varargs, varkw, defaults


def build_arguments(func, call, inputs):
    """Positional and keyword arguments: input ports, then applicationArgs and the drop's
    parameters, then func_defaults, then the function's own defaults."""
    app_args = call["app_args"]
    params = call["params"]
    shape = parameters_of(func)
    sig = shape  # None: Python cannot tell the parameters
    posonly, poskw, kwonly, varargs, varkw, own_defaults = shape or ([], [], [], False, False, {})
    values = dict(own_defaults)
    for k, v in func_defaults(call).items():
        if k in values:
            values[k] = v
    for name in values:
        if params.get(name):
            values[name] = params[name]
    extra_pos, extra_kw = [], {}
    for arg in app_args:
        name = arg["name"]
        if name in DEFINING:
            continue
        value = literal(arg)
        if name in values:
            values[name] = value or values[name]
        elif arg.get("positional") or sig is None:
            extra_pos.append(value)
        else:
            extra_kw[name] = value
    unnamed = []
    mapped = arg_mapping(call)  # input uid -> the parameter it names
    for inp, value in inputs:
        port = mapped.get(inp.get("uid")) or inp.get("port")
        if port in values:
            values[port] = value
        elif port and varkw:
            extra_kw[port] = value
        else:
            unnamed.append(value)
    written = [False] * len(call["outputs"])
    for j, out in enumerate(call["outputs"]):
        port = out.get("port")
        if port in values and norm(out.get("arg_encoding"), "") == "path" and out.get("path"):
            values[port] = out["path"]  # the function writes that output's file itself
            written[j] = True
    if sig is None:
        return extra_pos + unnamed, {}, written
    if unnamed:
        # inputs without a port name (graphs older than named ports) fill, in order, the
        # positional parameters that nothing else gave a value, as DALiuGE did before v6
        by_port = {inp.get("port") for inp, _ in inputs}
        for name in posonly + poskw:
            if not unnamed:
                break
            if values[name] is None and name not in by_port:
                values[name] = unnamed.pop(0)
    pos = [values[n] for n in posonly]
    kw = {n: values[n] for n in kwonly}
    if varargs and (extra_pos or unnamed):
        pos += [values[n] for n in poskw] + extra_pos + unnamed
    else:
        kw.update({n: values[n] for n in poskw})
    if varkw:
        kw.update(extra_kw)
    return pos, kw, written


def arg_mapping(call):
    """DALiuGE's func_arg_mapping, {parameter: input uid}, turned around: which parameter each
    input gives a value to, ahead of the input's port name (DALiuGE v6.7.0 reads it but leaves
    it unused; older versions mapped inputs by it)."""
    m = call.get("func_arg_mapping")
    if isinstance(m, str):
        m = ast.literal_eval(m) if m.strip() else {}
    if not m:
        return {}
    if not isinstance(m, dict):
        raise ValueError("func_arg_mapping must be a dict of parameter names to input uids: %r" % (m,))
    return {str(uid): name for name, uid in m.items()}


def legacy_parser(call):
    """DALiuGE's old {'pickle': true/false} argument: inputs as pickles, else as Python literals."""
    for arg in call["app_args"]:
        if arg["name"] == "pickle" and arg.get("value") is not None and arg.get("value") != "":
            return "pickle" if arg["value"] in (True, "True", "true", 1) else "eval"
    return None


# ---- one call ----

def enter(session_dir):
    """Runs the call in its session's directory, and stays there: the next call is most likely of
    the same session (a directory removed since is no longer the current one)."""
    if not session_dir:
        return
    try:
        if os.getcwd() == session_dir:
            return
    except OSError:
        pass
    try:
        os.chdir(session_dir)
    except OSError:
        pass


def run_call(call, frames):
    code_dir = call.get("code_dir")
    if code_dir and code_dir not in _paths:
        _paths.add(code_dir)
        sys.path.append(code_dir)
    func = load_function(call.get("func_name"), call.get("func_code"))
    if call.get("check_only"):
        return {"writes": []}, []
    default_in = call.get("input_parser") or legacy_parser(call) or "dill"
    inputs = []
    it = iter(frames)
    for inp in call["inputs"]:
        enc = inp.get("encoding") or default_in
        if inp.get("file"):
            inputs.append((inp, decode_in_place(enc, inp["file"], inp.get("url"))))
            continue
        data = next(it) if inp.get("has_data") else None
        inputs.append((inp, decode(enc, data, inp.get("path"), inp.get("url"))))
    pos, kw, written = build_arguments(func, call, inputs)
    os.environ["DLG_UID"] = call.get("uid") or ""
    os.environ["DLG_SESSION_ID"] = call.get("session_id") or ""
    enter(call.get("session_dir"))
    result = func(*pos, **kw)
    if call.get("branch"):
        return branch_decision(call, result)
    writes, data = [], []
    for j, out in enumerate(call["outputs"]):
        if written[j]:
            writes.append(False)
            continue
        blob = encode(out.get("encoding") or "dill", result)
        if len(blob) > call.get("large_value", float("inf")) and spill(blob, out.get("spill")):
            writes.append(out["spill"])  # the engine takes the file as the drop's content
            continue
        writes.append(True)
        data.append(blob)
    return {"writes": writes}, data


def decode_in_place(enc, file, url):
    """A large input that the engine left in a file on this node (shared memory, the drop's own
    file): pickles are read from the mapped pages, the rest from one read of the file."""
    n = norm(enc)
    if n == "npy":
        import numpy
        return numpy.load(file, allow_pickle=True)
    with open(file, "rb") as f:
        if n not in ("pickle", "dill"):
            return decode(enc, f.read(), None, url)
        with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as pages:
            if pages[:1] != b"\x80":
                return decode(enc, pages[:], None, url)
            return pickle.loads(pages)  # what dill writes too (dill is imported by its pickles)


def spill(blob, file):
    """Writes a large output to the file the engine named, instead of the pipe; False (and the
    pipe) when that is not possible, e.g. shared memory is full."""
    if not file:
        return False
    try:
        with open(file, "wb") as f:
            f.write(blob)
        return True
    except OSError as e:
        print("cannot write %d bytes to %s (%s): sending them through the pipe" % (len(blob), file, e),
              file=sys.stderr)
        with contextlib.suppress(OSError):
            os.remove(file)
        return False


def branch_decision(call, result):
    """A Branch's condition decides instead of being written: a bool (numpy's too) is the
    decision, anything else leaves it to the drop's 'result' parameter as DALiuGE does. Without
    inputs, DALiuGE sends its parameter x, pickled, down the branch taken."""
    numpy_bool = type(result).__module__ == "numpy" and type(result).__name__ in ("bool", "bool_")
    if isinstance(result, bool) or numpy_bool:
        fields = {"writes": [], "condition": bool(result)}
    else:
        fields = {"writes": [], "condition": None, "result_type": type(result).__name__}
    data = []
    if "branch_x" in call:
        fields["x_frame"] = True
        data.append(pickle.dumps(call["branch_x"]))
    return fields, data


def user_traceback(e):
    """The traceback without this worker's own frames: the user's code is what matters."""
    frames = [f for f in traceback.extract_tb(e.__traceback__) if f.filename != __file__]
    return "Traceback (most recent call last):\n" + "".join(traceback.format_list(frames)) \
        + "".join(traceback.format_exception_only(type(e), e))


def main():
    proto_in = os.fdopen(os.dup(0), "rb", buffering=1 << 16)
    proto_out = os.fdopen(os.dup(1), "wb")
    # what user code prints outside Python's sys.stdout (C code, subprocesses) goes to stderr,
    # never into the protocol
    os.dup2(2, 1)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    sys.stdout = sys.stderr
    sys.path.insert(0, HERE)
    install_daliuge_fallbacks()
    threading.Thread(target=watch_parent, daemon=True).start()
    while True:
        try:
            call = pickle.loads(read_frame(proto_in))
        except EOFError:
            return
        frames = [read_frame(proto_in) for _ in range(call.get("frames", 0))]
        captured = io.StringIO()
        try:
            with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
                fields, data = run_call(call, frames)
            reply = {"ok": True, "out": captured.getvalue()}
            reply.update(fields)
        except BaseException as e:  # pylint: disable=broad-except
            if isinstance(e, (KeyboardInterrupt,)):
                raise
            data = []
            reply = {"ok": False, "out": captured.getvalue(), "type": type(e).__name__,
                     "message": str(e), "traceback": user_traceback(e)}
        reply["frames"] = len(data)
        write_frame(proto_out, pickle.dumps(reply, protocol=2))
        for d in data:
            write_frame(proto_out, d)
        proto_out.flush()


if __name__ == "__main__":
    main()
