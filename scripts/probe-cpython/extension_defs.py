#!/usr/bin/env python3
"""Measures how each stdlib extension module of CPython 3.12 and 3.13 is defined, as the import
machinery sees it, and writes data/cpython/cpython-<version>-extension-modules.json:

    python3 scripts/probe-cpython/extension_defs.py

For every module of lib-dynload and every built-in module (sys.builtin_module_names), in a fresh
process each: its init function (`PyInit_<name>`, looked up with ctypes in the .so or in the
interpreter binary) is called and what it returns is inspected:
  - a module object: single-phase init;
  - a `PyModuleDef` (PEP 489 multi-phase init): its `m_slots` are read, and every
    `Py_mod_multiple_interpreters` slot (Include/moduleobject.h, slot id 3) is listed;
  - no init function (`sys`, `builtins`): created by the runtime itself, in every interpreter ("core").
For a module whose import in an isolated subinterpreter fails for a reason other than its own import
check (data/cpython's import scans), the extension modules whose import failed on the way are recorded
as `requires`, with the failure as `failure` (3.12's `_zoneinfo` needs `_datetime`, which 3.12 refuses).

Same requirements as probe.py (the pyenv builds, `--python 3.12=PATH` to override).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(ROOT, "data", "cpython")
sys.path.insert(0, HERE)

from probe import pythons_from  # noqa: E402

SLOT_NAMES = {0: "not-supported", 1: "supported", 2: "per-interpreter-gil-supported"}

# Runs in the CPython under test: lists the extension modules, one per line, as "name<TAB>path|BUILTIN".
LIST_MODULES = r'''
import os, sys, sysconfig
dyn = sysconfig.get_config_var("DESTSHARED") or os.path.join(os.path.dirname(os.__file__), "lib-dynload")
suffixes = sorted({s for s in __import__("importlib.machinery").machinery.EXTENSION_SUFFIXES}, key=len, reverse=True)
for f in sorted(os.listdir(dyn)):
    for s in suffixes:
        if f.endswith(s):
            print(f[: -len(s)] + "\t" + os.path.join(dyn, f))
            break
for name in sorted(sys.builtin_module_names):
    print(name + "\tBUILTIN")
'''

# Runs in the CPython under test, one module per process: prints the module's def as JSON.
INSPECT = r'''
import ctypes, json, sys
name, path = sys.argv[1], sys.argv[2]
lib = ctypes.pythonapi if path == "BUILTIN" else ctypes.PyDLL(path)
try:
    init = getattr(lib, "PyInit_" + name)
except AttributeError:
    print(json.dumps({"init": "core"}))
    raise SystemExit
init.restype = ctypes.c_void_p
ptr = init()
obj = ctypes.cast(ptr, ctypes.py_object).value
if type(obj).__name__ != "moduledef":
    print(json.dumps({"init": "single-phase"}))
    raise SystemExit
# struct PyModuleDef (Include/moduleobject.h): PyModuleDef_Base (PyObject_HEAD, m_init, m_index,
# m_copy: 40 bytes on 64-bit), m_name, m_doc, m_size, m_methods, then m_slots at offset 72.
slots_ptr = ctypes.c_void_p.from_address(ptr + 72).value
slots = []
k = 0
while slots_ptr:
    slot_id = ctypes.c_int.from_address(slots_ptr + 16 * k).value
    if slot_id == 0:
        break
    if slot_id == 3:  # Py_mod_multiple_interpreters
        slots.append(ctypes.c_void_p.from_address(slots_ptr + 16 * k + 8).value or 0)
    k += 1
print(json.dumps({"init": "multi-phase", "slots": slots}))
'''

# Runs in the CPython under test: imports the module in an isolated subinterpreter and prints the
# extension modules whose import failed on the way (a meta-path finder sees every name asked for).
TRACE = r'''
import sys
name = sys.argv[1]
code = """
import sys
asked = []
class Tracer:
    def find_spec(self, fullname, path=None, target=None):
        asked.append(fullname)
sys.meta_path.insert(0, Tracer())
try:
    __import__(%r)
except Exception:
    pass
failed = [m for m in asked if m != %r and m not in sys.modules]
with open(%r, "w") as f:
    f.write(repr(failed))
""" % (name, name, sys.argv[2])
if sys.version_info < (3, 13):
    import _testcapi
    _testcapi.run_in_subinterp_with_config(code, use_main_obmalloc=False, allow_fork=False, allow_exec=False,
        allow_threads=True, allow_daemon_threads=False, check_multi_interp_extensions=True, gil=2)
else:
    import _interpreters
    interp = _interpreters.create("isolated")
    _interpreters.exec(interp, code)
'''


def scan_key(name, builtin):
    return f"BUILTIN:{name}" if builtin else name


def measure(version, python):
    label = subprocess.run([python, "-I", "-c", "import platform;print(platform.python_version())"],
                           check=True, capture_output=True, text=True).stdout.strip()
    listing = subprocess.run([python, "-I", "-c", LIST_MODULES], check=True, capture_output=True, text=True).stdout
    scan_file = os.path.join(DATA, f"cpython-{label}-isolated-subinterp-import-scan.json")
    with open(scan_file) as f:
        scan = json.load(f)
    modules = {}
    for line in listing.splitlines():
        name, path = line.split("\t")
        builtin = path == "BUILTIN"
        r = subprocess.run([python, "-I", "-c", INSPECT, name, path], capture_output=True, text=True, timeout=60)
        if r.returncode != 0:
            raise RuntimeError(f"{version} {name}: {r.stderr[-500:]}")
        info = json.loads(r.stdout.strip().splitlines()[-1])
        entry = {"builtin": builtin, "init": info["init"]}
        if info["init"] == "multi-phase":
            slots = [SLOT_NAMES[s] for s in info["slots"]]
            entry["multipleInterpreters"] = None if not slots else slots[0] if len(slots) == 1 else slots
        status = scan.get(scan_key(name, builtin))
        own_failure = f"ImportError: module {name} does not support loading in subinterpreters"
        if status is not None and status not in ("ok", own_failure):
            out = os.path.join("/tmp", f"isoplan-trace-{os.getpid()}-{name}")
            subprocess.run([python, "-I", "-c", TRACE, name, out], check=True, capture_output=True, timeout=60)
            with open(out) as f:
                failed = eval(f.read())  # a list literal written by the traced subinterpreter
            os.remove(out)
            entry["requires"] = sorted(m for m in failed if any(m == k.removeprefix("BUILTIN:") for k in scan))
            entry["failure"] = status
        modules[name] = entry
    return label, modules


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--python", action="append", default=[], help="VERSION=PATH")
    args = parser.parse_args()
    pythons = pythons_from(args.python)
    for version, python in pythons.items():
        label, modules = measure(version, python)
        doc = {
            "python": label,
            "generatedBy": "scripts/probe-cpython/extension_defs.py",
            "modules": modules,
        }
        target = os.path.join(DATA, f"cpython-{label}-extension-modules.json")
        with open(target, "w") as f:
            json.dump(doc, f, indent=1)
            f.write("\n")
        print(f"wrote {os.path.relpath(target, ROOT)}: {len(modules)} modules", file=sys.stderr)


if __name__ == "__main__":
    main()
