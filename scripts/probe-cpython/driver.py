"""Runs ONE recorded case inside the CPython under test (3.12 or 3.13) and writes what it observes.

    python -I driver.py <case.json> <results-file> <native-dir>

Called by probe.py, one fresh process per case and version, so that no state (sys.modules, the
import-check override, interned strings, channels) leaks from one case into the next.

The case's scenario is the simulator's own (see test/fixtures/cpython-observed/README.md). It runs
in a fixed order, the order the simulator's outcome does not depend on:
  1. every subinterpreter created with `createdBy: "interpreters"` is created, in listing order;
  2. the main interpreter's program runs, op by op;
  3. each subinterpreter's program runs in its interpreter, in listing order (`testcapi` and `c-api`
     subinterpreters are created at this point: their API creates, runs and ends in one call).
Each op runs in its own try/except, as in the simulator (an op that raises does not stop the
program). Every op's outcome, every creation's outcome and, at the end of each program, every ref
still bound, is appended to the results file as one Python literal per line (read back with
ast.literal_eval by probe.py). Nothing here imports more than the op needs, in any interpreter.
"""

import json
import os
import sys

VERSION = "%d.%d" % sys.version_info[:2]

# An exception as a record: its type, module, message and chain (`cause` for `raise ... from`, else
# `context`). Source text, so that every interpreter defines it (the driver too, below).
EXC_SOURCE = r'''
def _exc(e, depth=0):
    d = {"type": type(e).__qualname__, "module": type(e).__module__, "message": str(e)}
    if depth < 6:
        if e.__cause__ is not None:
            d["cause"] = _exc(e.__cause__, depth + 1)
        elif e.__context__ is not None and not e.__suppress_context__:
            d["context"] = _exc(e.__context__, depth + 1)
    return d
'''
_helpers = {}
exec(EXC_SOURCE, _helpers)
exc_record = _helpers["_exc"]

# Code every interpreter (main included) runs before its program: recording helpers only.
PRELUDE = EXC_SOURCE + r'''
import sys
_R = {}
def _emit(rec):
    with open(_OUT, "a") as f:
        f.write(repr(rec) + "\n")
def _op(interp, index, name, fn):
    try:
        fn()
    except BaseException as e:
        _emit({"k": "op", "interp": interp, "index": index, "op": name, "exception": _exc(e)})
    else:
        _emit({"k": "op", "interp": interp, "index": index, "op": name, "outcome": "ok"})
def _facts(interp):
    for name, obj in _R.items():
        _emit({"k": "ref", "interp": interp, "ref": name, "id": id(obj),
               "refcnt": sys.getrefcount(obj), "type": type(obj).__name__, "repr": repr(obj)})
'''

SINGLETONS = {
    "None": "None",
    "True": "True",
    "False": "False",
    "Ellipsis": "Ellipsis",
    "NotImplemented": "NotImplemented",
    "empty_tuple": "()",
    "empty_bytes": "b''",
    "empty_str": "''",
}

# `_imp._override_multi_interp_extensions_check` takes -1 ("never"), 1 ("always"), 0 (no override).
OVERRIDES = {"never": -1, "always": 1, "config": 0}


def alloc_expr(op):
    """A Python expression that creates the object an `alloc` op describes (a fresh object where
    CPython makes one; `value` picks the int, str or bytes; `code` names a frame's or generator's code)."""
    t = op["type"]
    value = op.get("value")
    code = op.get("code", "f")
    if t == "tuple":
        items = op.get("items", [])
        return "tuple([%s])" % ", ".join("_R[%r]" % i for i in items)
    if t == "int":
        # int(str) builds the int at run time: a small int comes from the cache, others are new.
        return "int(%r)" % str(value if value is not None else 0)
    if t == "str":
        # Built at run time from its characters, so not a code constant (never interned by the compiler).
        return "''.join(%r)" % list(value if value is not None else "")
    if t == "bytes":
        return "bytes(%r)" % list((value if value is not None else "").encode("latin-1"))
    simple = {
        "list": "[]",
        "dict": "{}",
        "float": "float('0.0')",
        "slice": "slice(None)",
        "set": "set()",
        "object": "object()",
        "bool": "False",
        "memoryview": "memoryview(b'')",
        "bytearray": "bytearray(b'')",
    }
    if t in simple:
        return simple[t]
    if t == "context":
        return "__import__('contextvars').copy_context()"
    if t == "frame":
        # Compiled from a one-line string: `<frame at 0x…, file '<string>', line 1, code NAME>`.
        return "_mk(%r, %r)" % ("def %s(): return sys._getframe()" % code, code)
    if t == "async_gen":
        return "_mk(%r, %r)" % ("async def %s(): yield" % code, code)
    raise ValueError("alloc type %r has no Python translation" % t)


MAKE_HELPER = '''
def _mk(src, name):
    ns = {"sys": sys}
    exec(compile(src, "<string>", "exec"), ns)
    return ns[name]()
'''


def op_statements(op, ctx):
    """The statements (a list of lines) that perform `op` in the interpreter `ctx['self']`."""
    kind = op["op"]
    bind = ("_R[%r] = " % op["as"]) if op.get("as") else ""
    if kind == "alloc":
        return [bind + alloc_expr(op)]
    if kind == "free":
        return ["del _R[%r]" % op["ref"]]
    if kind in ("incref", "decref", "use"):
        return ["_R[%r]" % op["ref"]]
    if kind == "singleton":
        return [bind + SINGLETONS[op["name"]]]
    if kind == "small_int":
        return [bind + "int(%r)" % str(op["value"])]
    if kind == "intern":
        return [bind + "sys.intern(''.join(%r))" % list(op["value"])]
    if kind == "char":
        return [bind + "chr(%d)" % ord(op["value"])]
    if kind == "import":
        restrict = op.get("restrictions")
        if restrict is None:
            return ["__import__(%r)" % op["module"]]
        # importlib.util's context manager around the import (it sets and resets the override).
        return [
            "import importlib.util",
            "with importlib.util._incompatible_extension_module_restrictions(disable_check=%r):"
            % (restrict == "disable-check"),
            "    __import__(%r)" % op["module"],
        ]
    if kind == "call":
        return ["_m = sys.modules[%r]" % op["module"], "getattr(_m, 'bump', lambda: None)()"]
    if kind == "override_import_check":
        return ["import _imp", "_imp._override_multi_interp_extensions_check(%d)" % OVERRIDES[op["check"]]]
    if kind == "signal_handler":
        return ["import signal", "signal.signal(signal.SIGUSR1, lambda *a: None)"]
    if kind == "thread":
        return ["import threading", "_t = threading.Thread(target=lambda: None)", "_t.start()", "_t.join()"]
    if kind == "daemon_thread":
        return [
            "import threading",
            "_t = threading.Thread(target=lambda: None, daemon=True)",
            "_t.start()",
            "_t.join()",
        ]
    if kind == "fork":
        return ["import os", "_pid = os.fork()", "if _pid == 0: os._exit(0)", "os.waitpid(_pid, 0)"]
    if kind == "exec":
        # Permitted exec gets as far as the system call, which fails on a path that does not exist:
        # FileNotFoundError means the interpreter let it through (the process is not replaced).
        return [
            "import os",
            "try: os.execv('/nonexistent/isoplan-probe', ['isoplan-probe'])",
            "except FileNotFoundError: pass",
        ]
    if kind == "subprocess":
        return ["import subprocess", "subprocess.run(['/bin/true'], check=True)"]
    if kind == "gc":
        return ["import gc", "gc.collect()"]
    if kind == "send":
        via = op.get("via", "channel")
        target = op["to"]
        if via == "channel":
            if VERSION == "3.12":
                return ["import _xxinterpchannels", "_xxinterpchannels.send(%d, _R[%r])" % (ctx["channels"][target], op["ref"])]
            return [
                "import _interpchannels",
                "_interpchannels.send(%d, _R[%r], blocking=False)" % (ctx["channels"][target], op["ref"]),
            ]
        if VERSION == "3.12":
            return ["import _interpqueues"]  # 3.12 has no queues: ModuleNotFoundError
        return [
            "from test.support.interpreters import queues",
            "queues.Queue(%d).put_nowait(_R[%r]%s)"
            % (ctx["queues"][target], op["ref"], ", syncobj=True" if op.get("syncobj") else ""),
        ]
    if kind == "recv":
        via = ctx["recv_via"].pop(0) if ctx["recv_via"] else "channel"
        me = ctx["self"]
        if via == "channel":
            if VERSION == "3.12":
                return ["import _xxinterpchannels", bind + "_xxinterpchannels.recv(%d)" % ctx["channels"][me]]
            # As the high-level module does: a received memoryview needs _interpreters' buffer type.
            return ["import _interpreters, _interpchannels", bind + "_interpchannels.recv(%d)[0]" % ctx["channels"][me]]
        if VERSION == "3.12":
            return ["import _interpqueues"]
        return ["from test.support.interpreters import queues", bind + "queues.Queue(%d).get_nowait()" % ctx["queues"][me]]
    if kind in ("destroy", "run"):
        target = ctx["ids"].get(op["interpreter"])
        mod = "_xxsubinterpreters" if VERSION == "3.12" else "_interpreters"
        if kind == "destroy":
            return ["import %s" % mod, "%s.destroy(%d)" % (mod, target)]
        call = "run_string" if VERSION == "3.12" else "exec"
        return ["import %s" % mod, "%s.%s(%d, 'pass')" % (mod, call, target)]
    raise ValueError("op %r has no Python translation" % kind)


def program_source(interp, ctx, out):
    """The whole source an interpreter runs: prelude, one function per op, the facts at the end."""
    lines = ["_OUT = %r" % out, PRELUDE, MAKE_HELPER]
    if ctx.get("path"):
        lines.append("sys.path.insert(0, %r)" % ctx["path"])
    for index, op in enumerate(interp["program"]):
        lines.append("def _op%d():" % index)
        lines.append("    global _m, _t, _pid")
        lines.extend("    " + s for s in op_statements(op, ctx))
        lines.append("_op(%r, %d, %r, _op%d)" % (interp["name"], index, op["op"], index))
    lines.append("_facts(%r)" % interp["name"])
    return "\n".join(lines) + "\n"


def resolved_config(config):
    """The seven PyInterpreterConfig fields: the preset, then the given fields (as the simulator does)."""
    config = config or {}
    isolated = dict(
        use_main_obmalloc=False, allow_fork=False, allow_exec=False, allow_threads=True,
        allow_daemon_threads=False, check_multi_interp_extensions=True, gil="own",
    )
    legacy = dict(
        use_main_obmalloc=True, allow_fork=True, allow_exec=True, allow_threads=True,
        allow_daemon_threads=True, check_multi_interp_extensions=False, gil="shared",
    )
    out = dict(legacy if config.get("preset") == "legacy" else isolated)
    names = {
        "useMainObmalloc": "use_main_obmalloc", "allowFork": "allow_fork", "allowExec": "allow_exec",
        "allowThreads": "allow_threads", "allowDaemonThreads": "allow_daemon_threads",
        "checkMultiInterpExtensions": "check_multi_interp_extensions", "gil": "gil",
    }
    for key, field in names.items():
        if key in config:
            out[field] = config[key]
    return out


# PyInterpreterConfig's int gil field: PyInterpreterConfig_DEFAULT_GIL 0, _SHARED_GIL 1, _OWN_GIL 2.
# Any other string becomes 3, a value Py_NewInterpreterFromConfig refuses.
GIL_INT = {"default": 0, "shared": 1, "own": 2}

KEEP_ALIVE = []


def emit(out, rec):
    with open(out, "a") as f:
        f.write(repr(rec) + "\n")


def create_persistent(interp, out):
    """`createdBy: "interpreters"`: 3.13's `_interpreters.create(config)`; 3.12's
    `_xxsubinterpreters.create(isolated=…)` (presets only). Returns the id or None."""
    config = interp.get("config") or {}
    try:
        if VERSION == "3.12":
            import _xxsubinterpreters

            fields = set(config) - {"preset"}
            if fields:
                raise AssertionError("3.12's _xxsubinterpreters.create takes a preset only, not %s" % sorted(fields))
            handle = _xxsubinterpreters.create(isolated=config.get("preset") != "legacy")
            # 3.12 destroys the interpreter when its last InterpreterID object goes: keep one.
            KEEP_ALIVE.append(handle)
            interp_id = int(handle)
        else:
            import _interpreters

            cfg = _interpreters.new_config(config.get("preset", "isolated"))
            for field, value in resolved_config(config).items():
                if field == "gil" and "gil" not in config:
                    continue
                setattr(cfg, field, value)
            interp_id = int(_interpreters.create(cfg))
    except AssertionError:
        raise
    except BaseException as e:
        emit(out, {"k": "create", "interp": interp["name"], "exception": exc_record(e)})
        return None
    emit(out, {"k": "create", "interp": interp["name"], "outcome": "ok"})
    return interp_id


def run_one_shot(interp, source, out, native):
    """`createdBy: "testcapi"` or `"c-api"`: create, run `source`, end, in one call."""
    created_by = interp["createdBy"]
    fields = resolved_config(interp.get("config"))
    try:
        if created_by == "testcapi" and VERSION == "3.12":
            import _testcapi

            kw = dict(fields)
            kw["gil"] = GIL_INT.get(fields["gil"], 3)
            _testcapi.run_in_subinterp_with_config(source, **kw)
        elif created_by == "testcapi":
            import _interpreters
            import _testinternalcapi

            cfg = _interpreters.new_config("isolated")
            for field, value in fields.items():
                setattr(cfg, field, value)
            _testinternalcapi.run_in_subinterp_with_config(source, cfg)
        else:
            sys.path.insert(0, native)
            import _isoplan_capi

            r = _isoplan_capi.new_interpreter(
                source,
                *(int(fields[f]) for f in (
                    "use_main_obmalloc", "allow_fork", "allow_exec", "allow_threads",
                    "allow_daemon_threads", "check_multi_interp_extensions")),
                GIL_INT.get(fields["gil"], 3),
            )
            if r[0] != "ok":
                emit(out, {"k": "create", "interp": interp["name"],
                           "status": {"type": r[0], "func": r[1], "message": r[2], "exitcode": r[3]}})
                return
    except BaseException as e:
        emit(out, {"k": "create", "interp": interp["name"], "exception": exc_record(e)})
        return
    emit(out, {"k": "create", "interp": interp["name"], "outcome": "ok"})


def main():
    case_file, out, native = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(case_file) as f:
        case = json.load(f)
    scenario = case["scenario"]
    interps = scenario["interpreters"]
    sys.path.insert(0, native)

    ids = {}
    if VERSION == "3.12":
        import _xxsubinterpreters

        ids[interps[0]["name"]] = int(_xxsubinterpreters.get_main())
    else:
        import _interpreters

        ids[interps[0]["name"]] = int(_interpreters.get_main()[0])
    for interp in interps[1:]:
        if interp["createdBy"] == "interpreters":
            interp_id = create_persistent(interp, out)
            if interp_id is not None:
                ids[interp["name"]] = interp_id

    # The k-th recv of an interpreter takes what the k-th send to it went through.
    recv_via = {i["name"]: [] for i in interps}
    for interp in interps:
        for op in interp["program"]:
            if op["op"] == "send":
                recv_via[op["to"]].append(op.get("via", "channel"))
    # One channel and one queue per interpreter, its inbox (created in main, used by id anywhere),
    # only in cases that send: the modules behind them stay out of the other cases' sys.modules.
    channels, queues_ = {}, {}
    if any(recv_via.values()):
        for interp in interps:
            if VERSION == "3.12":
                import _xxinterpchannels

                cid = _xxinterpchannels.create()
                KEEP_ALIVE.append(cid)  # 3.12 destroys a channel when its last ChannelID object goes
                channels[interp["name"]] = int(cid)
            else:
                from test.support.interpreters import channels as ch
                from test.support.interpreters import queues as qu

                recv, send = ch.create()
                q = qu.create()
                KEEP_ALIVE.extend([recv, send, q])
                channels[interp["name"]] = int(recv.id)
                queues_[interp["name"]] = q.id
    main_ns = {}
    for n, interp in enumerate(interps):
        ctx = {"self": interp["name"], "ids": ids, "channels": channels, "queues": queues_,
               "recv_via": recv_via[interp["name"]], "path": native}
        source = program_source(interp, ctx, out)
        if n == 0:
            exec(compile(source, "<string>", "exec"), main_ns)
        elif interp["createdBy"] == "interpreters":
            if interp["name"] not in ids or not interp["program"]:
                continue  # creation failed: nothing runs
            if VERSION == "3.12":
                import _xxsubinterpreters

                try:
                    _xxsubinterpreters.run_string(ids[interp["name"]], source)
                except BaseException as e:
                    emit(out, {"k": "run", "interp": interp["name"], "exception": exc_record(e)})
            else:
                import _interpreters

                try:
                    err = _interpreters.exec(ids[interp["name"]], source)
                except BaseException as e:
                    emit(out, {"k": "run", "interp": interp["name"], "exception": exc_record(e)})
                else:
                    if err is not None:
                        emit(out, {"k": "run", "interp": interp["name"],
                                   "exception": {"type": err.type.__name__, "message": err.msg}})
        else:
            run_one_shot(interp, source, out, native)
    emit(out, {"k": "done"})
    sys.stdout.flush()
    sys.stderr.flush()
    # Skip finalization: subinterpreters left alive by a case are not part of what it observes.
    os._exit(0)


if __name__ == "__main__":
    main()
