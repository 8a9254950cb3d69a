#!/usr/bin/env python3
"""Records CPython's ground truth for the simulator: runs every case of cases.py in real CPython 3.12
and 3.13 (a fresh process per case and version) and writes what it observed to
test/fixtures/cpython-observed/<area>.json. The format is in that directory's README.md.

    python3 scripts/probe-cpython/probe.py                 # every case, both versions, writes the fixtures
    python3 scripts/probe-cpython/probe.py --only xidata/  # the cases whose id starts so; prints, writes nothing

Needs CPython 3.12 and 3.13 built with their test modules (_testcapi, _testinternalcapi,
_testsinglephase, _testmultiphase) and gcc with the interpreters' headers (the probe builds its own
extension modules and a Py_NewInterpreterFromConfig helper, native.py). Defaults are pyenv's 3.12.1
and 3.13.0; `--python 3.12=/path/to/python` overrides. CI never runs this: it reads the fixtures.
"""

from __future__ import annotations

import argparse
import ast
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import cases as case_defs  # noqa: E402
import native  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(HERE))
OUT_DIR = os.path.join(ROOT, "test", "fixtures", "cpython-observed")
DEFAULT_PYTHONS = {
    "3.12": os.path.expanduser("~/.pyenv/versions/3.12.1/bin/python"),
    "3.13": os.path.expanduser("~/.pyenv/versions/3.13.0/bin/python"),
}
# Py_IMMORTAL_REFCNT on 64-bit builds of 3.12 and 3.13 (Include/object.h): UINT_MAX.
IMMORTAL_REFCNT = 2**32 - 1
ADDRESS = re.compile(r"0x[0-9a-f]+")
CASE_TIMEOUT_S = 60


def pythons_from(overrides):
    """The interpreters to run: the defaults, with `VERSION=PATH` overrides (the scripts' --python)."""
    pythons = dict(DEFAULT_PYTHONS)
    for item in overrides:
        version, _, path = item.partition("=")
        pythons[version] = path
    return pythons


def slots_of(ext):
    mi = ext.get("multipleInterpreters")
    if mi is None:
        return []
    return mi if isinstance(mi, list) else [mi]


def native_sources(cases):
    """C sources of every extension module the cases define (one definition per name) and the C-API helper."""
    sources = {"_isoplan_capi": native.CAPI_SOURCE}
    seen = {}
    for c in cases:
        for ext in c["scenario"].get("extensions", []):
            key = (ext["init"], tuple(slots_of(ext)))
            if seen.setdefault(ext["name"], key) != key:
                raise ValueError(f"extension {ext['name']} is defined differently by two cases")
            sources[ext["name"]] = native.extension_source(ext["name"], ext["init"], slots_of(ext))
    return sources


def normalize(text, native_dir):
    """Addresses vary from run to run; the build directory is a temporary one."""
    return ADDRESS.sub("0x\u2026", text.replace(native_dir, "<native>"))


def normalize_exception(exc, native_dir):
    out = {"type": exc["type"]}
    if exc.get("module") not in (None, "builtins"):
        out["module"] = exc["module"]
    out["message"] = normalize(exc["message"], native_dir)
    for link in ("cause", "context"):
        if link in exc:
            out[link] = normalize_exception(exc[link], native_dir)
    return out


def observe(python, version_label, case, native_dir, work_dir):
    """Runs one case in a fresh process of `python`; returns the observation (see README.md)."""
    case_file = os.path.join(work_dir, "case.json")
    results = os.path.join(work_dir, "results.txt")
    with open(case_file, "w") as f:
        json.dump(case, f)
    if os.path.exists(results):
        os.remove(results)
    proc = subprocess.run(
        [python, "-I", os.path.join(HERE, "driver.py"), case_file, results, native_dir],
        capture_output=True, text=True, timeout=CASE_TIMEOUT_S, cwd=work_dir,
    )
    records = []
    if os.path.exists(results):
        with open(results) as f:
            records = [ast.literal_eval(line) for line in f if line.strip()]
    obs = {"python": version_label, "create": {}, "ops": [], "refs": {}}
    main_name = case["scenario"]["interpreters"][0]["name"]
    main_ids = {}
    done = False
    for rec in records:
        k = rec["k"]
        if k == "create":
            if "outcome" in rec:
                obs["create"][rec["interp"]] = "ok"
            elif "status" in rec:
                st = rec["status"]
                obs["create"][rec["interp"]] = {"status": {"type": st["type"], "func": st["func"], "message": st["message"]}}
            else:
                obs["create"][rec["interp"]] = {"exception": normalize_exception(rec["exception"], native_dir)}
        elif k == "op":
            entry = {"interpreter": rec["interp"], "index": rec["index"], "op": rec["op"]}
            if "outcome" in rec:
                entry["outcome"] = "ok"
            else:
                entry["exception"] = normalize_exception(rec["exception"], native_dir)
            obs["ops"].append(entry)
        elif k == "ref":
            fact = {"type": rec["type"], "repr": normalize(rec["repr"], native_dir),
                    "immortal": rec["refcnt"] >= IMMORTAL_REFCNT}
            if rec["interp"] == main_name:
                main_ids[rec["id"]] = rec["ref"]
            else:
                same = main_ids.get(rec["id"])
                fact["sameObjectAs"] = f"{main_name}.{same}" if same is not None else None
            obs["refs"].setdefault(rec["interp"], {})[rec["ref"]] = fact
        elif k == "run":
            obs.setdefault("runFailed", {})[rec["interp"]] = normalize_exception(rec["exception"], native_dir)
        elif k == "done":
            done = True
    ran = {o["interpreter"] for o in obs["ops"]}
    for interp in case["scenario"]["interpreters"]:
        if interp["program"] and interp["name"] not in ran:
            obs.setdefault("notRun", []).append(interp["name"])
    if not done or proc.returncode != 0:
        obs["process"] = {"returncode": proc.returncode, "stderr": normalize(proc.stderr[-2000:], native_dir)}
    return obs


def run_version(version, python, cases, only):
    label = subprocess.run([python, "-I", "-c", "import platform;print(platform.python_version())"],
                           check=True, capture_output=True, text=True).stdout.strip()
    selected = [c for c in cases if version in c["versions"] and c["id"].startswith(only)]
    out = {}
    with tempfile.TemporaryDirectory(prefix=f"isoplan-probe-{version}-") as tmp:
        native_dir = os.path.join(tmp, "native")
        native.build(python, native_dir, native_sources(cases))

        def one(item):
            n, c = item
            work = os.path.join(tmp, f"case{n}")
            os.makedirs(work, exist_ok=True)
            return c["id"], observe(python, label, c, native_dir, work)

        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            for cid, obs in pool.map(one, enumerate(selected)):
                out[cid] = obs
    return label, out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--python", action="append", default=[], help="VERSION=PATH, e.g. 3.12=/usr/bin/python3.12")
    parser.add_argument("--only", default="", help="run only the cases whose id starts with this; print, do not write")
    args = parser.parse_args()
    pythons = pythons_from(args.python)
    cases = case_defs.all_cases()
    observed = {}
    labels = {}
    for version, python in pythons.items():
        labels[version], observed[version] = run_version(version, python, cases, args.only)
        print(f"{version} ({labels[version]}): {len(observed[version])} cases", file=sys.stderr)
    if args.only:
        for c in cases:
            if c["id"].startswith(args.only):
                print(json.dumps({c["id"]: {v: observed[v].get(c["id"]) for v in pythons}}, indent=1, ensure_ascii=False))
        return
    os.makedirs(OUT_DIR, exist_ok=True)
    areas = {}
    for c in cases:
        record = dict(c)
        record["observed"] = {v: observed[v][c["id"]] for v in c["versions"]}
        areas.setdefault(c["area"], []).append(record)
    for area, records in areas.items():
        doc = {
            "area": area,
            "generatedBy": "scripts/probe-cpython/probe.py",
            "pythons": {v: labels[v] for v in pythons},
            "cases": records,
        }
        with open(os.path.join(OUT_DIR, f"{area}.json"), "w") as f:
            json.dump(doc, f, indent=1, ensure_ascii=False)
            f.write("\n")
        print(f"wrote {area}.json: {len(records)} cases", file=sys.stderr)


if __name__ == "__main__":
    main()
