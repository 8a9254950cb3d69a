#!/usr/bin/env python3
"""Lists the code points CPython 3.12 and 3.13 print as they are in a str's repr (Py_UNICODE_ISPRINTABLE,
str.isprintable(): from each build's own Unicode tables, 15.0 in 3.12 and 15.1 in 3.13), as ranges.
The simulator's repr escapes the others; Node's tables (a newer Unicode) would print characters CPython
does not know. Writes data/cpython/cpython-<version>-printable.json:

    python3 scripts/probe-cpython/printable.py

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

# Run inside each interpreter: its version, its Unicode version and its printable ranges [first, last].
PROGRAM = """
import json, platform, unicodedata
ranges, start = [], None
for c in range(0x110000):
    if chr(c).isprintable():
        if start is None:
            start = c
    elif start is not None:
        ranges.append([start, c - 1])
        start = None
if start is not None:
    ranges.append([start, 0x10FFFF])
print(json.dumps([platform.python_version(), unicodedata.unidata_version, ranges]))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--python", action="append", default=[], help="VERSION=PATH")
    args = parser.parse_args()
    for version, python in pythons_from(args.python).items():
        label, unicode, ranges = json.loads(
            subprocess.run([python, "-I", "-c", PROGRAM], check=True, capture_output=True, text=True).stdout)
        doc = {"python": label, "unicode": unicode, "generatedBy": "scripts/probe-cpython/printable.py",
               "ranges": ranges}
        path = os.path.join(DATA, f"cpython-{label}-printable.json")
        with open(path, "w") as f:
            json.dump(doc, f, separators=(",", ":"))
            f.write("\n")
        print(f"wrote {os.path.relpath(path, ROOT)}: {len(ranges)} ranges (Unicode {unicode})", file=sys.stderr)


if __name__ == "__main__":
    main()
