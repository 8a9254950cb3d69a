#!/usr/bin/env python3
"""Lists the statically allocated strings CPython 3.12 and 3.13 intern at runtime init
(`_PyUnicode_InitStaticStrings`, Include/internal/pycore_unicodeobject_generated.h: 3.12 every
`_Py_ID(name)`, 3.13 also some `_Py_STR(name)` literals, pycore_global_strings.h): immortal, one object
for every interpreter, which `sys.intern` of an equal string hands out. Writes
data/cpython/cpython-<version>-static-strings.json:

    python3 scripts/probe-cpython/static_strings.py

Reads the headers each interpreter was built with (its `sysconfig` include directory). Same
requirements as probe.py (the pyenv builds, `--python 3.12=PATH` to override).
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(ROOT, "data", "cpython")
sys.path.insert(0, HERE)

from probe import pythons_from  # noqa: E402

STR = re.compile(r'^\s*STRUCT_FOR_STR\((\w+),\s*("(?:[^"\\]|\\.)*")\)\s*$')
INTERNED = re.compile(r"^\s*string = &_Py_(ID|STR)\((\w+)\);\s*$")


def static_strings(global_strings_h, generated_h):
    """The text of every static string _PyUnicode_InitStaticStrings interns, sorted."""
    literals = {}
    for line in global_strings_h.splitlines():
        m = STR.match(line)
        if m:
            literals[m.group(1)] = ast.literal_eval(m.group(2))
    out = set()
    for line in generated_h.splitlines():
        m = INTERNED.match(line)
        if m:
            out.add(m.group(2) if m.group(1) == "ID" else literals[m.group(2)])
    return sorted(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--python", action="append", default=[], help="VERSION=PATH")
    args = parser.parse_args()
    pythons = pythons_from(args.python)
    for version, python in pythons.items():
        info = json.loads(subprocess.run(
            [python, "-I", "-c",
             "import json, platform, sysconfig; print(json.dumps([platform.python_version(), sysconfig.get_paths()['include']]))"],
            check=True, capture_output=True, text=True).stdout)
        label, include = info
        texts = []
        for header in ("pycore_global_strings.h", "pycore_unicodeobject_generated.h"):
            with open(os.path.join(include, "internal", header)) as f:
                texts.append(f.read())
        strings = static_strings(*texts)
        doc = {"python": label, "generatedBy": "scripts/probe-cpython/static_strings.py", "strings": strings}
        path = os.path.join(DATA, f"cpython-{label}-static-strings.json")
        with open(path, "w") as f:
            json.dump(doc, f, indent=1, ensure_ascii=False)
            f.write("\n")
        print(f"wrote {os.path.relpath(path, ROOT)}: {len(strings)} strings", file=sys.stderr)


if __name__ == "__main__":
    main()
