"""A benchmark run by a Python that lacks the project's dependencies measures failures.

Each benchmark calls ``require_dependencies()`` first: run by a bare system Python, the
commands it times fail at once (or every link check ends in ``error``), and the table it
prints looks like a result. One line and exit code 2 instead.
"""

from __future__ import annotations

import importlib.util
import sys

DEPENDENCIES = ("requests", "bs4", "typer", "pybtex", "citeproc", "pycrfsuite", "pypdfium2")


def require_dependencies() -> None:
    """Stop with one line when this interpreter cannot import what footnote-kit needs."""
    missing = [name for name in DEPENDENCIES if importlib.util.find_spec(name) is None]
    if missing:
        print(f"{sys.executable} cannot import {', '.join(missing)}: run this script with the project's venv (.venv/bin/python)", file=sys.stderr)
        raise SystemExit(2)
