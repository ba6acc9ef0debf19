"""Loaded input -> bibliography text in a chosen format, and the note -> keys map.

``export_file`` is ``footnote-kit export``: it reads, converts and (when told where)
writes. ``export_text`` and ``map_text`` return strings, so that nothing is written before
everything has been produced.
"""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from footnote_kit.errors import UsageError
from footnote_kit.formats import Format, by_name, by_suffix
from footnote_kit.inputs import Loaded
from footnote_kit.records import Cite, keys_of

if TYPE_CHECKING:
    from footnote_kit.links.repair import Evidence

DEFAULT_FORMAT = "biblatex"


@dataclass(frozen=True)
class Exported:
    """What ``export_file`` produced; ``text`` and ``map`` are also what it wrote."""

    loaded: Loaded
    """The records (one per distinct source) and the notes they came from."""
    format: Format
    text: str
    """The bibliography, in ``format``."""
    map: str | None = None
    """The note -> keys map (JSON or CSV), when one was asked for."""


def export_file(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    output: str | os.PathLike[str] | None = None,
    map_path: str | os.PathLike[str] | None = None,
    notes: tuple[int, int] | None = None,
    encoding: str | None = None,
    source_format: str | None = None,
    ascii: bool = False,
    repair: Evidence | None = None,
) -> Exported:
    """A document's sources (or a ``.bib`` / CSL-JSON file's entries) as a bibliography.

    ``format`` is bibtex, biblatex or csl-json (default: from ``output``'s suffix, else
    biblatex). ``output`` and ``map_path``, when given (and not ``-``), are written
    atomically once everything is produced; neither may be the input. ``repair`` carries
    an evidenced repair of each damaged URL (``URL-repair``).
    """
    out = os.fspath(output) if output is not None else None
    for target in (output, map_path):
        if target is not None and same_file(path, target):
            raise UsageError(f"{os.fspath(target)} is the input file; write the result somewhere else")
    if output is not None and map_path is not None and same_file(output, map_path):
        raise UsageError("-o and --map name the same file")
    fmt = choose_format(format, out)
    from footnote_kit.inputs import load

    loaded = load(path, notes=notes, encoding=encoding, fmt=source_format)
    if repair is not None:
        from footnote_kit.links.repair import with_repairs

        loaded = with_repairs(loaded, repair)
    result = Exported(loaded, fmt, export_text(loaded, fmt, ascii=ascii), map_text(loaded, os.fspath(map_path)) if map_path is not None else None)
    from footnote_kit.files import write_atomic

    if out is not None and out != "-":
        write_atomic(out, result.text)
    if map_path is not None and result.map is not None:
        write_atomic(map_path, result.map)
    return result


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
    """One row per note: its keys in order (ibid. included), each citation as a CSL
    citation item would carry it (locator, prefix, suffix) with the part of the note it is,
    and the parts that became no entry, with the reason."""
    rows: list[dict[str, object]] = []
    for note in loaded.notes_cited():
        row: dict[str, object] = {
            "note": note.number,
            "keys": list(keys_of(note.cites)),
            "cites": [_cite_json(c) for c in note.cites],
            "left_out": [{"part": g.part, "text": g.text, "reason": g.reason} for g in note.left_out],
        }
        if note.label is not None and note.label != str(note.number):
            row["label"] = note.label  # ``15a``, or a named label: which of two notes 15
        rows.append(row)
    return rows


def _cite_json(cite: Cite) -> dict[str, object]:
    out: dict[str, object] = {"key": cite.key, "locator": cite.locator, "ibid": cite.ibid}
    if cite.prefix:
        out["prefix"] = cite.prefix
    if cite.suffix:
        out["suffix"] = cite.suffix
    out["part"] = cite.part
    return out


CSV_COLUMNS = ("note", "key", "locator", "ibid", "prefix", "suffix", "part", "left_out", "label")
"""The first four are the original columns; the others were added after them, so readers
that go by position still work."""


def map_text(loaded: Loaded, path: str | PurePath) -> str:
    """The note -> keys map as JSON or CSV, chosen by ``path``'s suffix."""
    suffix = PurePath(path).suffix.lower()
    if suffix == ".json":
        return json.dumps(map_rows(loaded), ensure_ascii=False, indent=2) + "\n"
    if suffix == ".csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for note in loaded.notes_cited():
            number = note.number
            label = note.label if note.label is not None and note.label != str(number) else ""
            rows = [(c.part or 0, [number, c.key, c.locator or "", "yes" if c.ibid else "", c.prefix or "", c.suffix or "", c.part or "", "", label]) for c in note.cites]
            rows += [(g.part, [number, "", "", "", "", "", g.part, g.reason, label]) for g in note.left_out]
            if not rows:
                rows = [(0, [number, "", "", "", "", "", "", "", label])]
            writer.writerows(row for _, row in sorted(rows, key=lambda r: r[0]))
        return buf.getvalue()
    raise UsageError(f"--map {path}: name the file .json or .csv")


def left_out_summary(loaded: Loaded) -> str | None:
    """One line on what the map lists as left out (``3 note parts made no entry (remark
    citing no source: 2, ...)``), or None when every part became an entry."""
    counts: dict[str, int] = {}
    for note in loaded.notes_cited():
        for g in note.left_out:
            counts[g.reason] = counts.get(g.reason, 0) + 1
    if not counts:
        return None
    total = sum(counts.values())
    what = ", ".join(f"{reason}: {n}" for reason, n in sorted(counts.items(), key=lambda kv: -kv[1]))
    return f"{total} note part{'s' if total != 1 else ''} made no entry ({what})"


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
