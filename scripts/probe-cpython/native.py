"""Native modules the probe builds for each CPython it runs (never in CI, never committed as binaries).

- One extension module per scenario-defined extension (`extensions[]` of a case): single-phase init
  (`PyModule_Create`, no slots) or multi-phase init (PEP 489) with the listed
  `Py_mod_multiple_interpreters` slots (none, one, or several).
- `_isoplan_capi`: calls `Py_NewInterpreterFromConfig` (Include/cpython/pylifecycle.h) and hands back
  its `PyStatus` as data, which no Python-level API exposes: the `c-api` creation path of a case.
"""

from __future__ import annotations

import os
import subprocess


SLOT_VALUES = {
    "not-supported": "Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED",
    "supported": "Py_MOD_MULTIPLE_INTERPRETERS_SUPPORTED",
    "per-interpreter-gil-supported": "Py_MOD_PER_INTERPRETER_GIL_SUPPORTED",
}


def extension_source(name: str, init: str, slots: list[str]) -> str:
    """C source of a module `name` that the import machinery sees as `init` with `slots`."""
    if init == "single-phase":
        if slots:
            raise ValueError(f"{name}: a single-phase module has no slots")
        return f"""
#define PY_SSIZE_T_CLEAN
#include <Python.h>
static int counter = 0;  /* a C global: shared by every interpreter that loads the module */
static PyObject *bump(PyObject *m, PyObject *unused) {{ return PyLong_FromLong(++counter); }}
static PyMethodDef methods[] = {{{{"bump", bump, METH_NOARGS, NULL}}, {{NULL, NULL, 0, NULL}}}};
static struct PyModuleDef def = {{PyModuleDef_HEAD_INIT, "{name}", NULL, -1, methods}};
PyMODINIT_FUNC PyInit_{name}(void) {{ return PyModule_Create(&def); }}
"""
    slot_lines = "".join(
        f"    {{Py_mod_multiple_interpreters, {SLOT_VALUES[s]}}},\n" for s in slots
    )
    return f"""
#define PY_SSIZE_T_CLEAN
#include <Python.h>
static int exec_module(PyObject *m) {{ return 0; }}
static PyModuleDef_Slot slots[] = {{
    {{Py_mod_exec, exec_module}},
{slot_lines}    {{0, NULL}},
}};
static struct PyModuleDef def = {{PyModuleDef_HEAD_INIT, "{name}", NULL, 0, NULL, slots}};
PyMODINIT_FUNC PyInit_{name}(void) {{ return PyModuleDef_Init(&def); }}
"""


CAPI_SOURCE = r"""
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* new_interpreter(code, use_main_obmalloc, allow_fork, allow_exec, allow_threads,
                   allow_daemon_threads, check_multi_interp_extensions, gil)
   -> ("ok", PyRun_SimpleString's result) or ("error" | "exit", func, err_msg, exitcode) */
static PyObject *
new_interpreter(PyObject *self, PyObject *args)
{
    const char *code;
    int fields[7];
    if (!PyArg_ParseTuple(args, "siiiiiii:new_interpreter", &code, &fields[0], &fields[1],
                          &fields[2], &fields[3], &fields[4], &fields[5], &fields[6])) {
        return NULL;
    }
    PyInterpreterConfig config = {
        .use_main_obmalloc = fields[0],
        .allow_fork = fields[1],
        .allow_exec = fields[2],
        .allow_threads = fields[3],
        .allow_daemon_threads = fields[4],
        .check_multi_interp_extensions = fields[5],
        .gil = fields[6],
    };
    PyThreadState *mainstate = PyThreadState_Get();
    PyThreadState_Swap(NULL);
    PyThreadState *substate = NULL;
    PyStatus status = Py_NewInterpreterFromConfig(&substate, &config);
    if (PyStatus_Exception(status)) {
        PyThreadState_Swap(mainstate);
        return Py_BuildValue("(sssi)", PyStatus_IsExit(status) ? "exit" : "error",
                             status.func ? status.func : "", status.err_msg ? status.err_msg : "",
                             status.exitcode);
    }
    int r = PyRun_SimpleString(code);
    Py_EndInterpreter(substate);
    PyThreadState_Swap(mainstate);
    return Py_BuildValue("(si)", "ok", r);
}

static PyMethodDef methods[] = {
    {"new_interpreter", new_interpreter, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};
static PyModuleDef_Slot slots[] = {
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
    {0, NULL},
};
static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_isoplan_capi", NULL, 0, methods, slots};
PyMODINIT_FUNC PyInit__isoplan_capi(void) { return PyModuleDef_Init(&def); }
"""


def build(python: str, out_dir: str, modules: dict[str, str]) -> None:
    """Compiles each `{name: C source}` into `out_dir/<name><EXT_SUFFIX>` for the CPython `python`."""
    os.makedirs(out_dir, exist_ok=True)
    info = subprocess.run(
        [python, "-I", "-c",
         "import sysconfig;print(sysconfig.get_paths()['include']);print(sysconfig.get_config_var('EXT_SUFFIX'))"],
        check=True, capture_output=True, text=True,
    ).stdout.split("\n")
    include, suffix = info[0], info[1]
    for name, source in modules.items():
        target = os.path.join(out_dir, name + suffix)
        c_file = os.path.join(out_dir, name + ".c")
        with open(c_file, "w") as f:
            f.write(source)
        subprocess.run(
            ["gcc", "-shared", "-fPIC", "-O0", "-w", f"-I{include}", c_file, "-o", target],
            check=True,
        )
