"""The recorded cases: each is a simulator scenario (without `python`, which each version fills in)
that probe.py runs in real CPython 3.12 and 3.13. The format is documented in
test/fixtures/cpython-observed/README.md. A case lists the versions it is meaningful in; `deviation`
(set here, never in the generated JSON by hand) says where the simulator deliberately differs.
"""

from __future__ import annotations

import json
import os

DATA = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "data", "cpython")

BOTH = ["3.12", "3.13"]
ONLY_313 = ["3.13"]

# Where a deliberate simulator deviation applies: {case id: reason}. Filled as the simulator is
# compared against the observations; probe.py copies each into its case.
FRESH_TUPLE = (
    "an `alloc` of a tuple without `items` is a fresh tuple from the tuple free list (the workloads' "
    "allocation churn), where CPython's `tuple([])` is the one immortal empty tuple; `items: []` gives that one"
)
DEVIATIONS: dict[str, str] = {
    "identity/alloc.tuple.no-items/isolated": FRESH_TUPLE,
    "identity/alloc.tuple.no-items/legacy": FRESH_TUPLE,
}


def case(area, cid, title, interpreters, versions=BOTH, extensions=None):
    scenario = {"runs": 1, "interpreters": interpreters}
    if extensions:
        scenario["extensions"] = extensions
    out = {"id": f"{area}/{cid}", "area": area, "title": title, "versions": versions, "scenario": scenario}
    return out


def main_interp(*program):
    return {"name": "main", "program": list(program)}


def sub(name="sub", created_by="testcapi", config=None, program=()):
    spec = {"name": name, "createdBy": created_by}
    if config is not None:
        spec["config"] = config
    spec["program"] = list(program)
    return spec


ISOLATED = {"preset": "isolated"}
LEGACY = {"preset": "legacy"}

# ---------------------------------------------------------------------------------------------
# Interpreter config, through each creation API.

CREATION_APIS = ["c-api", "testcapi", "interpreters"]


def config_cases():
    out = []
    for api in CREATION_APIS:
        for preset in ("isolated", "legacy"):
            out.append(case("config", f"{api}/{preset}", f"the {preset} preset through {api}",
                            [main_interp(), sub(created_by=api, config={"preset": preset})]))
        for obmalloc in (False, True):
            for check in (False, True):
                for gil in ("default", "shared", "own", "bogus"):
                    config = {"preset": "isolated", "useMainObmalloc": obmalloc,
                              "checkMultiInterpExtensions": check, "gil": gil}
                    cid = f"{api}/obmalloc-{'main' if obmalloc else 'own'}.check-{'on' if check else 'off'}.gil-{gil}"
                    title = (f"use_main_obmalloc={int(obmalloc)}, check_multi_interp_extensions={int(check)}, "
                             f"gil={gil!r} through {api}")
                    # 3.12's _xxsubinterpreters.create takes a preset only.
                    versions = ONLY_313 if api == "interpreters" else BOTH
                    out.append(case("config", cid, title, [main_interp(), sub(created_by=api, config=config)],
                                    versions=versions))
        # Documented but not enforced: no threads yet daemon threads allowed.
        config = {"preset": "isolated", "allowThreads": False, "allowDaemonThreads": True}
        out.append(case("config", f"{api}/threads-off.daemon-threads-on",
                        "allow_threads=0 with allow_daemon_threads=1 creates fine",
                        [main_interp(), sub(created_by=api, config=config)],
                        versions=ONLY_313 if api == "interpreters" else BOTH))
    return out


# ---------------------------------------------------------------------------------------------
# Imports: our own modules with every slot value, and the stdlib by name.

OWN_MODULES = [
    {"name": "iso_single", "init": "single-phase", "multipleInterpreters": None},
    {"name": "iso_multi_noslot", "init": "multi-phase", "multipleInterpreters": None},
    {"name": "iso_multi_not_supported", "init": "multi-phase", "multipleInterpreters": "not-supported"},
    {"name": "iso_multi_supported", "init": "multi-phase", "multipleInterpreters": "supported"},
    {"name": "iso_multi_pergil", "init": "multi-phase", "multipleInterpreters": "per-interpreter-gil-supported"},
    {"name": "iso_multi_two_slots", "init": "multi-phase",
     "multipleInterpreters": ["supported", "per-interpreter-gil-supported"]},
    {"name": "iso_multi_two_same", "init": "multi-phase", "multipleInterpreters": ["supported", "supported"]},
]

IMPORT_HOSTS = {
    "legacy": {"preset": "legacy"},
    "shared-gil.check-on": {"preset": "legacy", "checkMultiInterpExtensions": True},
    "isolated": {"preset": "isolated"},
    "own-gil.check-off": {"preset": "isolated", "useMainObmalloc": True, "checkMultiInterpExtensions": False},
    "shared-gil.own-obmalloc": {"preset": "isolated", "gil": "shared"},
}


def import_cases():
    out = []
    for mod in OWN_MODULES:
        ext = [mod]
        imp = {"op": "import", "module": mod["name"]}
        out.append(case("imports", f"own/{mod['name']}/main", f"import {mod['name']} in the main interpreter",
                        [main_interp(imp)], extensions=ext))
        for host, config in IMPORT_HOSTS.items():
            out.append(case("imports", f"own/{mod['name']}/{host}", f"import {mod['name']} in a {host} subinterpreter",
                            [main_interp(), sub(config=config, program=[imp])], extensions=ext))
    # The same rule through the other creation APIs.
    for api in ("c-api", "interpreters"):
        for name in ("iso_single", "iso_multi_supported", "iso_multi_pergil"):
            mod = next(m for m in OWN_MODULES if m["name"] == name)
            out.append(case("imports", f"own/{name}/isolated.{api}", f"import {name} in an isolated subinterpreter made by {api}",
                            [main_interp(), sub(created_by=api, config=ISOLATED,
                                                program=[{"op": "import", "module": name}])],
                            extensions=[mod]))
    # The stdlib by name, in an isolated subinterpreter (the scans' setting) ...
    stdlib = [
        "math", "_datetime", "_decimal", "_ctypes", "pyexpat", "_elementtree", "_lsprof", "_zoneinfo",
        "_tracemalloc", "faulthandler", "readline", "_curses", "_testsinglephase", "_testmultiphase",
        "_testcapi", "_testinternalcapi", "_json", "_pickle", "_sqlite3", "_tkinter", "array", "select",
        "zlib", "unicodedata", "xxlimited", "xxlimited_35", "_posixsubprocess", "_socket", "_ssl",
        "audioop", "nis", "spwd", "_crypt", "_xxsubinterpreters", "_xxinterpchannels",
        "_interpreters", "_interpqueues", "_interpchannels", "_suggestions", "_sysconfig",
        "_testlimitedcapi", "_testclinic_limited",
    ]
    listed = set(stdlib)
    stdlib += [name for name in measured_stdlib_modules() if name not in listed]
    for name in stdlib:
        out.append(case("imports", f"stdlib/{name}/isolated", f"import {name} in an isolated subinterpreter",
                        [main_interp(), sub(config=ISOLATED, program=[{"op": "import", "module": name}])]))
    # ... in the main interpreter (modules missing in a version fail there too) ...
    for name in ("math", "_decimal", "_testsinglephase", "audioop", "_xxsubinterpreters", "_interpreters",
                 "_suggestions", "_tracemalloc"):
        out.append(case("imports", f"stdlib/{name}/main", f"import {name} in the main interpreter",
                        [main_interp({"op": "import", "module": name})]))
    # ... and in a legacy subinterpreter (no check).
    for name in ("_decimal", "_testsinglephase", "readline", "audioop", "_zoneinfo"):
        out.append(case("imports", f"stdlib/{name}/legacy", f"import {name} in a legacy subinterpreter",
                        [main_interp(), sub(config=LEGACY, program=[{"op": "import", "module": name}])]))
    # Every stdlib module that is single-phase in either version, where the check is off or absent.
    recorded = {c["id"] for c in out}
    for name in single_phase_stdlib_modules():
        for host, config in (("legacy", LEGACY), ("own-gil.check-off", IMPORT_HOSTS["own-gil.check-off"]), ("main", None)):
            cid = f"stdlib/{name}/{host}"
            if f"imports/{cid}" in recorded:
                continue
            imp = {"op": "import", "module": name}
            interps = [main_interp(imp)] if config is None else [main_interp(), sub(config=config, program=[imp])]
            out.append(case("imports", cid, f"import {name} in {'the main interpreter' if config is None else f'a {host} subinterpreter'}", interps))
    # The same import twice in one interpreter: a refused module stays refused.
    for name in ("iso_single", "iso_multi_not_supported"):
        mod = next(m for m in OWN_MODULES if m["name"] == name)
        imp = {"op": "import", "module": name}
        out.append(case("imports", f"own/{name}/isolated.twice", f"import {name} twice in an isolated subinterpreter",
                        [main_interp(), sub(config=ISOLATED, program=[imp, imp])], extensions=[mod]))
    # A module some interpreter already loaded: the check still applies where the module is imported
    # again (import.c's import_find_extension), and a single-phase module's m_copy is reused elsewhere.
    out.append(case("imports", "stdlib/_zoneinfo/isolated.after-main",
                    "import _zoneinfo in an isolated subinterpreter after main imported _datetime and _zoneinfo",
                    [main_interp({"op": "import", "module": "_datetime"}, {"op": "import", "module": "_zoneinfo"}),
                     sub(config=ISOLATED, program=[{"op": "import", "module": "_zoneinfo"}])]))
    for name in ("iso_single", "iso_multi_not_supported", "iso_multi_supported"):
        mod = next(m for m in OWN_MODULES if m["name"] == name)
        imp = {"op": "import", "module": name}
        for host in ("isolated", "legacy", "shared-gil.check-on"):
            out.append(case("imports", f"own/{name}/{host}.after-main",
                            f"import {name} in a {host} subinterpreter after main imported it",
                            [main_interp(imp), sub(config=IMPORT_HOSTS[host], program=[imp])], extensions=[mod]))
        out.append(case("imports", f"own/{name}/isolated.after-legacy",
                        f"import {name} in a legacy subinterpreter, then in an isolated one",
                        [main_interp(), sub(name="legacy", config=LEGACY, program=[imp]),
                         sub(config=ISOLATED, program=[imp])], extensions=[mod]))
    # The import-check override (_imp._override_multi_interp_extensions_check) and importlib.util's
    # context manager around it.
    single = [OWN_MODULES[0]]
    not_supported = [OWN_MODULES[2]]
    for check in ("never", "always", "config"):
        out.append(case("imports", f"override/main.{check}", f"override the import check ({check}) in the main interpreter",
                        [main_interp({"op": "override_import_check", "check": check})]))
    out.append(case("imports", "override/main.restrictions", "importlib.util._incompatible_extension_module_restrictions in the main interpreter",
                    [main_interp({"op": "import", "module": "iso_multi_supported", "restrictions": "disable-check"})],
                    extensions=[OWN_MODULES[3]]))
    for host in ("legacy", "shared-gil.check-on", "isolated"):
        config = IMPORT_HOSTS[host]
        for check in ("never", "always"):
            out.append(case("imports", f"override/{host}.{check}.single",
                            f"override the import check ({check}), then import a single-phase module, in a {host} subinterpreter",
                            [main_interp(), sub(config=config, program=[
                                {"op": "override_import_check", "check": check},
                                {"op": "import", "module": "iso_single"}])],
                            extensions=single))
        out.append(case("imports", f"override/{host}.never-then-config.single",
                        f"override the import check, reset it, then import a single-phase module, in a {host} subinterpreter",
                        [main_interp(), sub(config=config, program=[
                            {"op": "override_import_check", "check": "never"},
                            {"op": "override_import_check", "check": "config"},
                            {"op": "import", "module": "iso_single"}])],
                        extensions=single))
        out.append(case("imports", f"override/{host}.restrictions-disabled.not-supported",
                        f"import a NOT_SUPPORTED module under _incompatible_extension_module_restrictions(disable_check=True) in a {host} subinterpreter",
                        [main_interp(), sub(config=config, program=[
                            {"op": "import", "module": "iso_multi_not_supported", "restrictions": "disable-check"}])],
                        extensions=not_supported))
        out.append(case("imports", f"override/{host}.restrictions-enabled.not-supported",
                        f"import a NOT_SUPPORTED module under _incompatible_extension_module_restrictions(disable_check=False) in a {host} subinterpreter",
                        [main_interp(), sub(config=config, program=[
                            {"op": "import", "module": "iso_multi_not_supported", "restrictions": "enable-check"}])],
                        extensions=not_supported))
    return out


def single_phase_stdlib_modules():
    """The stdlib extension modules data/cpython measured as single-phase init in 3.12 or 3.13."""
    names = set()
    for version in ("3.12.1", "3.13.0"):
        with open(os.path.join(DATA, f"cpython-{version}-extension-modules.json")) as f:
            names.update(n for n, d in json.load(f)["modules"].items() if d.get("init") == "single-phase")
    return sorted(names)


def measured_stdlib_modules():
    """Every stdlib extension module data/cpython measured in 3.12 or 3.13 (extension_defs.py)."""
    names = set()
    for version in ("3.12.1", "3.13.0"):
        with open(os.path.join(DATA, f"cpython-{version}-extension-modules.json")) as f:
            names.update(json.load(f)["modules"])
    return sorted(names)


# ---------------------------------------------------------------------------------------------
# Operations a config forbids.

GUARDED = ["thread", "daemon_thread", "fork", "exec", "subprocess", "signal_handler"]


def forbidden_cases():
    out = []
    hosts = {
        "isolated": ("testcapi", ISOLATED, BOTH),
        "legacy": ("testcapi", LEGACY, BOTH),
        "isolated.interpreters": ("interpreters", ISOLATED, BOTH),
        "legacy.interpreters": ("interpreters", LEGACY, BOTH),
        "isolated.c-api": ("c-api", ISOLATED, BOTH),
        "legacy.c-api": ("c-api", LEGACY, BOTH),
    }
    for op in GUARDED:
        out.append(case("forbidden", f"{op}/main", f"{op} in the main interpreter", [main_interp({"op": op})]))
        for host, (api, config, versions) in hosts.items():
            out.append(case("forbidden", f"{op}/{host}", f"{op} in a {host} subinterpreter",
                            [main_interp(), sub(created_by=api, config=config, program=[{"op": op}])],
                            versions=versions))
    custom = {
        "threads-off": {"preset": "legacy", "allowThreads": False},
        "threads-off.daemon-on": {"preset": "isolated", "allowThreads": False, "allowDaemonThreads": True},
        "isolated.fork-on": {"preset": "isolated", "allowFork": True},
        "isolated.exec-on": {"preset": "isolated", "allowExec": True},
        "legacy.daemon-off": {"preset": "legacy", "allowDaemonThreads": False},
    }
    for host, config in custom.items():
        ops = ["thread", "daemon_thread"] if "thread" in host or "daemon" in host else ["fork", "exec"]
        for op in ops:
            out.append(case("forbidden", f"{op}/{host}", f"{op} in a subinterpreter with {config}",
                            [main_interp(), sub(config=config, program=[{"op": op}])]))
    return out


# ---------------------------------------------------------------------------------------------
# Cross-interpreter data.

def send_case(cid, title, alloc_ops, ref, via="channel", syncobj=False, recv=True, versions=BOTH):
    send = {"op": "send", "ref": ref, "to": "sub"}
    if via != "channel":
        send["via"] = via
    if syncobj:
        send["syncobj"] = True
    program = [{"op": "recv", "as": "got"}] if recv else []
    return case("xidata", cid, title,
                [main_interp(*alloc_ops, send), sub(created_by="interpreters", config=ISOLATED, program=program)],
                versions=versions)


def alloc(type_, as_="x", **extra):
    op = {"op": "alloc", "type": type_, "as": as_}
    op.update(extra)
    return op


BIG = 2**53 - 1

# Values that make CPython build a fresh object (no cached small int, empty-str or empty-bytes singleton).
FRESH_VALUES = {"int": 1000, "str": "isoplan", "bytes": "data"}


def fresh(t, as_="x"):
    """Ops that allocate a fresh object of type `t` bound to `as_` (a tuple gets one int item)."""
    if t == "tuple":
        return [alloc("int", "item", value=FRESH_VALUES["int"]), alloc("tuple", as_, items=["item"])]
    extra = {"code": "worker"} if t in ("frame", "async_gen") else {}
    if t in FRESH_VALUES:
        extra["value"] = FRESH_VALUES[t]
    return [alloc(t, as_, **extra)]


def int_value(v):
    """Integers the simulator's JSON can hold exactly stay numbers; others are decimal strings."""
    return v if -BIG <= v <= BIG else str(v)


def xidata_cases():
    out = []
    types = ["tuple", "list", "dict", "float", "slice", "set", "object", "str", "bytes", "int", "bool",
             "memoryview", "bytearray", "context"]
    for t in types:
        out.append(send_case(f"channel/{t}", f"send a {t} through a channel", fresh(t), "x"))
    out.append(send_case("channel/frame", "send a frame through a channel (its repr names its code)",
                         [alloc("frame", code="worker")], "x"))
    out.append(send_case("channel/async_gen", "send an async generator through a channel (its repr names its code)",
                         [alloc("async_gen", code="ticker")], "x"))
    for name in ("None", "True", "Ellipsis", "NotImplemented", "empty_tuple", "empty_bytes", "empty_str"):
        out.append(send_case(f"channel/singleton.{name}", f"send the {name} singleton through a channel",
                             [{"op": "singleton", "name": name, "as": "x"}], "x"))
    for label, v in [("2**53", 2**53), ("2**63-1", 2**63 - 1), ("2**63", 2**63), ("-2**63", -(2**63)),
                     ("-2**63-1", -(2**63) - 1), ("2**64", 2**64), ("2**100", 2**100), ("-2**100", -(2**100)),
                     ("1000", 1000)]:
        out.append(send_case(f"channel/int.{label}", f"send the int {label} through a channel",
                             [alloc("int", value=int_value(v))], "x"))
    out.append(send_case("channel/str.value", "send a non-ASCII str through a channel",
                         [alloc("str", value="h\u00e9llo \u2603")], "x"))
    out.append(send_case("channel/tuple.shareable", "send a tuple of shareable items",
                         [alloc("int", "a", value=1), alloc("str", "b", value="two"), alloc("tuple", "x", items=["a", "b"])], "x"))
    out.append(send_case("channel/tuple.list-item", "send a tuple holding a list",
                         [alloc("int", "a", value=1), alloc("list", "b"), alloc("tuple", "x", items=["a", "b"])], "x", recv=False))
    out.append(send_case("channel/tuple.nested", "send nested tuples of shareable items",
                         [alloc("int", "a", value=7), alloc("tuple", "t", items=["a"]), alloc("tuple", "x", items=["t", "a"])], "x"))
    out.append(send_case("channel/tuple.nested-bad", "send nested tuples with an object deep inside",
                         [alloc("object", "o"), alloc("tuple", "t", items=["o"]), alloc("tuple", "x", items=["t"])], "x", recv=False))
    out.append(send_case("channel/tuple.escaped-str", "send a tuple holding a str whose repr escapes",
                         [alloc("str", "a", value="zero\u200bwidth 'q'"), alloc("tuple", "x", items=["a"])], "x"))
    # What an interpreter received, sent on to a third one (it copies the copy).
    for label, ops, versions in (
            ("tuple", [alloc("int", "a", value=1000), alloc("str", "b", value="two"), alloc("tuple", "x", items=["a", "b"])], ONLY_313),
            ("str", [alloc("str", value="isoplan")], BOTH),
            ("int", [alloc("int", value=1000)], BOTH)):
        out.append(case("xidata", f"channel/forwarded.{label}", f"a subinterpreter sends on the {label} it received",
                        [main_interp(*ops, {"op": "send", "ref": "x", "to": "sub"}),
                         sub(created_by="interpreters", config=ISOLATED,
                             program=[{"op": "recv", "as": "got"}, {"op": "send", "ref": "got", "to": "other"}]),
                         sub(name="other", created_by="interpreters", config=ISOLATED,
                             program=[{"op": "recv", "as": "got"}])],
                        versions=versions))
    out.append(send_case("channel/tuple.big-int", "send a tuple holding an int beyond 64 bits",
                         [alloc("int", "a", value=str(2**64)), alloc("tuple", "x", items=["a"])], "x", recv=False))
    # 3.13's queues: by default every object is pickled (so unshareable but picklable objects pass);
    # syncobj=True allows shareable objects only, as a channel does. 3.12 has no queues.
    for t in ("int", "list", "dict", "object", "frame", "async_gen", "memoryview", "tuple", "str", "context"):
        out.append(send_case(f"queue/{t}", f"put a {t} on a queue (pickled)", fresh(t), "x", via="queue",
                             versions=ONLY_313))
    for t in ("int", "list", "object", "tuple"):
        out.append(send_case(f"queue-syncobj/{t}", f"put a {t} on a queue with syncobj=True", fresh(t), "x",
                             via="queue", syncobj=True, versions=ONLY_313))
    out.append(send_case("queue/int.2**64", "put an int beyond 64 bits on a queue (pickled)",
                         [alloc("int", value=str(2**64))], "x", via="queue", versions=ONLY_313))
    out.append(send_case("queue/none-in-3.12", "a queue in 3.12 (there is none)", fresh("int"), "x", via="queue",
                         recv=False, versions=["3.12"]))
    return out


# ---------------------------------------------------------------------------------------------
# Immortality and identity: the same value made in main and in a subinterpreter.

def identity_case(cid, title, op, host="isolated", created_by="testcapi"):
    config = ISOLATED if host == "isolated" else LEGACY
    return case("identity", f"{cid}/{host}", title + f" (main and a {host} subinterpreter)",
                [main_interp(op), sub(created_by=created_by, config=config, program=[op])])


# Texts whose repr escapes (unicode_repr: Py_UNICODE_ISPRINTABLE; bytes_repr: printable ASCII) or that
# CPython hands out from its caches ('' and latin-1 characters).
STR_VALUES = [
    ("", "empty"), ("a", "one-char"), ("\u0100", "U+0100"), ("it's", "single-quote"),
    ("it's \"so\"", "both-quotes"), ("tab\tnew\nline\\", "controls"), ("\x7f\x85\xa0\xad", "latin-1-unprintable"),
    ("zero\u200bwidth", "U+200B"), ("line\u2028sep", "U+2028"), ("private\ue000use", "U+E000"),
    ("smile \U0001F600", "astral"), ("tag\U000E0001", "astral-format"), ("\u0378", "unassigned"),
]
BYTES_VALUES = [("", "empty"), ("a", "one-byte"), ("\xff\x00'", "escapes"), ("it's \"so\"", "both-quotes")]


def identity_cases():
    out = []
    for host in ("isolated", "legacy"):
        for name in ("None", "True", "False", "Ellipsis", "NotImplemented", "empty_tuple", "empty_bytes", "empty_str"):
            out.append(identity_case(f"singleton.{name}", f"the {name} singleton",
                                     {"op": "singleton", "name": name, "as": "x"}, host))
        for v in (-5, -6, 0, 256, 257):
            out.append(identity_case(f"small_int.{v}", f"the int {v}", {"op": "small_int", "value": v, "as": "x"}, host))
        for ch, label in (("a", "a"), ("\u00e9", "U+00E9"), ("\u0100", "U+0100")):
            out.append(identity_case(f"char.{label}", f"the one-character string {label}",
                                     {"op": "char", "value": ch, "as": "x"}, host))
        # `_Py_ID` and `_Py_STR` strings (one, `__firstlineno__`, static in 3.13 only).
        for value, label in (("isoplan_probe_word", "runtime"), ("__name__", "static-identifier"),
                             ("<lambda>", "static-str"), ("__firstlineno__", "static-in-3.13")):
            out.append(identity_case(f"intern.{label}", f"sys.intern of a {label} string {value!r}",
                                     {"op": "intern", "value": value, "as": "x"}, host))
        out.append(identity_case("alloc.str", "a str built at run time", alloc("str", value="isoplan"), host))
        out.append(identity_case("alloc.float", "a float", alloc("float"), host))
        # Values CPython may hand out from its caches (or not), and texts whose repr escapes.
        for v in (-5, 0, 256, 257, -6):
            out.append(identity_case(f"alloc.int.{v}", f"int({str(v)!r}) built at run time", alloc("int", value=v), host))
        for value, label in STR_VALUES:
            out.append(identity_case(f"alloc.str.{label}", f"a str {value!r} built at run time",
                                     alloc("str", value=value), host))
        for value, label in BYTES_VALUES:
            out.append(identity_case(f"alloc.bytes.{label}", f"bytes {value.encode('latin-1')!r} built at run time",
                                     alloc("bytes", value=value), host))
        out.append(identity_case("alloc.bool", "a bool", alloc("bool"), host))
        out.append(identity_case("alloc.tuple.no-items", "tuple([]), as an alloc without items", alloc("tuple"), host))
        out.append(identity_case("alloc.tuple.items-empty", "tuple([]), as an alloc of items []", alloc("tuple", items=[]), host))
        out.append(identity_case("char.astral", "the one-character string U+1F600",
                                 {"op": "char", "value": "\U0001F600", "as": "x"}, host))
        for value, label in (("", "empty"), ("a", "a"), ("\u00e9", "U+00E9")):
            out.append(identity_case(f"intern.{label}", f"sys.intern of {value!r}",
                                     {"op": "intern", "value": value, "as": "x"}, host))
    # Received copies: is what arrives the sender's object?
    for label, ops in (("small-int", [{"op": "small_int", "value": 256, "as": "x"}]),
                       ("int-257", [{"op": "small_int", "value": 257, "as": "x"}]),
                       ("None", [{"op": "singleton", "name": "None", "as": "x"}]),
                       ("str", [alloc("str", value="isoplan")]),
                       ("str-empty", [alloc("str", value="")]),
                       ("char-a", [{"op": "char", "value": "a", "as": "x"}]),
                       ("int-5", [alloc("int", value=5)]),
                       ("int-2**62", [alloc("int", value=int_value(2**62))]),
                       ("bytes", [alloc("bytes", value="data")]),
                       ("bytes-empty", [alloc("bytes", value="")]),
                       ("bytes-one", [alloc("bytes", value="a")]),
                       ("str-escaped", [alloc("str", value="a\u200bb")])):
        out.append(case("identity", f"received.{label}", f"what a subinterpreter receives for {label}",
                        [main_interp(*ops, {"op": "send", "ref": "x", "to": "sub"}),
                         sub(created_by="interpreters", config=ISOLATED, program=[{"op": "recv", "as": "x"}])]))
    # 3.13 shares bool, float and tuples too (3.12 refuses them: recorded in xidata).
    for label, ops in (("True", [{"op": "singleton", "name": "True", "as": "x"}]),
                       ("float", [alloc("float")]),
                       ("empty-tuple", [{"op": "singleton", "name": "empty_tuple", "as": "x"}]),
                       ("tuple", [alloc("int", "a", value=1000), alloc("str", "b", value="a"), alloc("tuple", "x", items=["a", "b"])])):
        out.append(case("identity", f"received.{label}", f"what a subinterpreter receives for {label}",
                        [main_interp(*ops, {"op": "send", "ref": "x", "to": "sub"}),
                         sub(created_by="interpreters", config=ISOLATED, program=[{"op": "recv", "as": "x"}])],
                        versions=ONLY_313))
    return out


# ---------------------------------------------------------------------------------------------
# Lifecycle: destroy, run while running, destroy the current interpreter.

def lifecycle_cases():
    out = []

    def persistent(name="sub", config=ISOLATED, program=()):
        return sub(name=name, created_by="interpreters", config=config, program=program)

    def add(cid, title, interps):
        out.append(case("lifecycle", cid, title, interps))

    for host, config in (("isolated", ISOLATED), ("legacy", LEGACY)):
        add(f"{host}/main-destroys-idle-sub", "main destroys an idle subinterpreter",
            [main_interp({"op": "destroy", "interpreter": "sub"}), persistent(config=config)])
        add(f"{host}/main-destroys-sub-twice", "main destroys a subinterpreter twice",
            [main_interp({"op": "destroy", "interpreter": "sub"}, {"op": "destroy", "interpreter": "sub"}),
             persistent(config=config)])
        add(f"{host}/sub-destroys-itself", "a subinterpreter destroys itself (the current interpreter)",
            [main_interp(), persistent(config=config, program=[{"op": "destroy", "interpreter": "sub"}])])
        add(f"{host}/sub-destroys-main", "a subinterpreter destroys the main interpreter",
            [main_interp(), persistent(config=config, program=[{"op": "destroy", "interpreter": "main"}])])
        add(f"{host}/sub-runs-itself", "a subinterpreter runs code in itself while it runs",
            [main_interp(), persistent(config=config, program=[{"op": "run", "interpreter": "sub"}])])
        add(f"{host}/sub-runs-main", "a subinterpreter runs code in the main interpreter (which is running)",
            [main_interp(), persistent(config=config, program=[{"op": "run", "interpreter": "main"}])])
        add(f"{host}/main-runs-idle-sub", "main runs code in an idle subinterpreter",
            [main_interp({"op": "run", "interpreter": "sub"}), persistent(config=config)])
        add(f"{host}/sub-runs-idle-sub", "a subinterpreter runs code in another, idle one",
            [main_interp(), persistent(config=config, program=[{"op": "run", "interpreter": "other"}]),
             persistent(name="other", config=config)])
        add(f"{host}/sub-destroys-idle-sub", "a subinterpreter destroys another, idle one",
            [main_interp(), persistent(config=config, program=[{"op": "destroy", "interpreter": "other"}]),
             persistent(name="other", config=config)])
    add("main-destroys-main", "the main interpreter destroys itself",
        [main_interp({"op": "destroy", "interpreter": "main"})])
    add("main-runs-main", "the main interpreter runs code in itself while it runs",
        [main_interp({"op": "run", "interpreter": "main"})])
    add("main-runs-destroyed-sub", "main runs code in a subinterpreter it destroyed",
        [main_interp({"op": "destroy", "interpreter": "sub"}, {"op": "run", "interpreter": "sub"}), persistent()])
    return out


def all_cases():
    cases = config_cases() + import_cases() + forbidden_cases() + xidata_cases() + identity_cases() + lifecycle_cases()
    seen = set()
    for c in cases:
        if c["id"] in seen:
            raise ValueError(f"case {c['id']} is defined twice")
        seen.add(c["id"])
        if c["id"] in DEVIATIONS:
            c["deviation"] = DEVIATIONS[c["id"]]
    unknown = set(DEVIATIONS) - seen
    if unknown:
        raise ValueError(f"deviations for unknown cases: {sorted(unknown)}")
    return cases
