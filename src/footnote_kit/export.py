"""Loaded input -> bibliography text in a chosen format, and the note -> keys map.

The CLI's ``export`` command is a thin shell over ``export_text`` and ``map_text``; both
return strings so that the caller decides where they go (a file written atomically, or
stdout) and nothing is written before everything has been produced.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path, PurePath

from footnote_kit.errors import UsageError
from footnote_kit.formats import Format, by_name, by_suffix
from footnote_kit.inputs import Loaded

DEFAULT_FORMAT = "biblatex"


def choose_format(name: str | None, out: str | None, default: str = DEFAULT_FORMAT) -> Format:
    """``--format`` wins; else the output's suffix (``refs.json``); else biblatex."""
    if name:
        return by_name(name)
    if out and out != "-":
        fmt = by_suffix(out)
        if fmt is None:
            raise UsageError(f"cannot tell the format from {out!r}; add --format bibtex, biblatex or csl-json")
        return fmt
    return by_name(default)


def export_text(loaded: Loaded, fmt: Format, *, ascii: bool = False) -> str:
    """The records of ``loaded`` written in ``fmt``."""
    module = fmt.load()
    if fmt.name == "csl-json":
        return str(module.write(loaded.records, ascii=ascii))
    return str(module.write(loaded.records, dialect=fmt.name, ascii=ascii))


def map_rows(loaded: Loaded) -> list[dict[str, object]]:
    """One row per note: its keys in order (ibid. included) and each citation's locator."""
    rows: list[dict[str, object]] = []
    for number, cites in loaded.locators.items():
        rows.append(
            {
                "note": number,
                "keys": list(loaded.note_keys.get(number, ())),
                "cites": [{"key": k, "locator": loc, "ibid": ibid} for k, loc, ibid in cites],
            }
        )
    return rows


def map_text(loaded: Loaded, path: str | PurePath) -> str:
    """The note -> keys map as JSON or CSV, chosen by ``path``'s suffix."""
    suffix = PurePath(path).suffix.lower()
    rows = map_rows(loaded)
    if suffix == ".json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if suffix == ".csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(["note", "key", "locator", "ibid"])
        for row in rows:
            cites = row["cites"]
            assert isinstance(cites, list)
            if not cites:
                writer.writerow([row["note"], "", "", ""])
            for cite in cites:
                writer.writerow([row["note"], cite["key"], cite["locator"] or "", "yes" if cite["ibid"] else ""])
        return buf.getvalue()
    raise UsageError(f"--map {path}: name the file .json or .csv")


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths name one file (so export never overwrites its input)."""
    if os.fspath(a) == "-" or os.fspath(b) == "-":
        return False
    pa, pb = Path(a), Path(b)
    try:
        if pa.exists() and pb.exists():
            return os.path.samefile(pa, pb)
    except OSError:
        pass
    return pa.resolve() == pb.resolve()
