"""What ``render`` reads: ``footnote_kit.inputs.load``, keeping what a broken file still holds.

Export refuses a ``.bib`` with a broken entry (its output would silently lack it), but a
writer who wants a reference list should get the 299 good entries and a message about the
one bad one. The readers already return both (``loaded.Loaded``): render takes the entries
and says, for each problem that lost an entry, that it was skipped.
"""

from __future__ import annotations

import os
from dataclasses import replace

from footnote_kit.errors import UsageError
from footnote_kit.loaded import Loaded
from footnote_kit.model import Severity


def load_input(
    path: str | os.PathLike[str],
    *,
    notes: tuple[int, int] | None = None,
    encoding: str | None = None,
    fmt: str | None = None,
) -> Loaded:
    """Read ``path``; raises ``InputError`` only when nothing in it is usable. ``fmt`` is
    ``--from``: the document reader to use."""
    from footnote_kit import inputs

    name = os.fspath(path)
    if notes is not None and not fmt and inputs.kind_of(name) != "document":
        raise UsageError("--notes applies to a document with notes, not to a .bib or CSL-JSON file", file=name)
    loaded = inputs.load(name, notes=notes, encoding=encoding, fmt=fmt, partial=True)
    if not loaded.records and loaded.unread():
        inputs.whole(loaded)
    problems = tuple(
        replace(p, message=f"{p.message}; this {'entry' if loaded.kind == 'bibtex' else 'item'} is skipped")
        if p.severity is Severity.ERROR and p.code == "bad-entry" else p
        for p in loaded.problems
    )
    return replace(loaded, problems=problems)

