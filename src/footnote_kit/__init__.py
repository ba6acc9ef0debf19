"""footnote-kit: footnotes to clean bibliographic records, link checks and CSL rendering.

The package is a library first: one function per command, each returning the model's
dataclasses and raising ``errors.FootnoteKitError`` for bad input, never printing::

    import footnote_kit

    result = footnote_kit.parse("examples/central-asia-notes.txt", notes=(698, 753))
    print(result.notes[0].sources[0].title)

``footnote_kit.commands`` is the command line, a thin shell over these (``docs/library.md``
shows each). This module imports the standard library only (the pre-commit hook imports it
on every commit): each function imports its pipeline when called.
"""

from __future__ import annotations

import sys
import types

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing on every commit
if TYPE_CHECKING:
    import os
    from typing import Any, Callable, Sequence, Union

    from footnote_kit.config import Settings
    from footnote_kit.export import Exported
    from footnote_kit.links.check import CheckConfig, CheckRun
    from footnote_kit.links.fixfile import Fixed
    from footnote_kit.links.repair import Evidence
    from footnote_kit.model import ParseResult, Problem
    from footnote_kit.render.pipeline import Rendered

__version__ = "0.1.0"

__all__ = ["__version__", "check", "export", "fix", "lint", "parse", "render"]

if TYPE_CHECKING:
    PathLike = Union[str, os.PathLike[str]]
    """A file name: a string (``-`` for stdin where a command reads it) or a ``pathlib.Path``."""


def parse(
    path: PathLike,
    *,
    notes: tuple[int, int] | None = None,
    encoding: str | None = None,
    fmt: str | None = None,
    reader: str | None = None,
    repair: Evidence | None = None,
) -> ParseResult:
    """``footnote-kit parse``: a document's footnotes split into sources (CSL-JSON items).

    ``path`` is a document (``-``: stdin); ``notes`` keeps notes A to B; ``fmt`` names the
    document reader (``plain``, ``markdown``, ``latex``, ``html``, ``docx``, ``odt``,
    ``epub``, ``pdf``; default: from the file); ``reader`` is ``rules``, ``model`` or
    ``combined``; ``repair`` (a ``links.repair.Evidence``) gives each damaged URL its
    evidenced repair. Warnings come back in ``result.warnings``.
    """
    from footnote_kit.parse import parse_file

    result = parse_file(path, notes=notes, encoding=encoding, fmt=fmt, reader=reader)
    if repair is not None:
        from footnote_kit.links.repair import with_repairs

        result = with_repairs(result, repair)
    return result


def export(
    path: PathLike,
    *,
    format: str | None = None,
    output: PathLike | None = None,
    map_path: PathLike | None = None,
    notes: tuple[int, int] | None = None,
    encoding: str | None = None,
    fmt: str | None = None,
    ascii: bool = False,
    repair: Evidence | None = None,
) -> Exported:
    """``footnote-kit export``: one bibliography entry per distinct source.

    ``format`` is ``bibtex``, ``biblatex`` or ``csl-json`` (default: from ``output``'s
    suffix, else biblatex); ``output`` and ``map_path`` are written atomically when given.
    A ``.bib`` or CSL-JSON ``path`` is converted. ``fmt`` names the document reader.
    """
    from footnote_kit.export import export_file

    return export_file(
        path, format=format, output=output, map_path=map_path, notes=notes, encoding=encoding,
        source_format=fmt, ascii=ascii, repair=repair,
    )


def check(
    paths: Sequence[str],
    config: CheckConfig | None = None,
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    notes: tuple[int, int] | None = None,
    encoding: str | None = None,
    fmt: str | None = None,
    repair: bool = False,
    progress: Callable[[int, int], None] | None = None,
    repair_progress: Callable[[str], None] | None = None,
) -> CheckRun:
    """``footnote-kit check``: every cited URL under ``paths`` checked once, with its
    Wayback copy. ``config`` (``links.check.CheckConfig``; ``links.check.config_from``
    builds one from the settings file) says how; ``result.results`` holds one
    ``LinkResult`` per URL."""
    from footnote_kit.links.check import check_paths

    return check_paths(
        paths, config, include=include, exclude=exclude, notes=notes, encoding=encoding, fmt=fmt, repair=repair,
        progress=progress, repair_progress=repair_progress,
    )


def fix(
    paths: Sequence[PathLike],
    evidence: Evidence | None = None,
    *,
    dry_run: bool = False,
    backup: bool = True,
    force: bool = False,
) -> list[Fixed]:
    """``footnote-kit fix --repair``: write evidenced URL repairs into files.

    Only the URL text changes; the previous version is kept as ``FILE~`` unless
    ``backup=False``. ``dry_run`` plans without writing (``Fixed.plan.diff()`` is the
    diff ``--dry-run`` prints).
    """
    from footnote_kit.links.fixfile import fix_files

    return list(fix_files(paths, evidence, dry_run=dry_run, backup=backup, force=force))


def render(
    path: PathLike,
    *,
    style: str,
    locale: str | None = None,
    mode: str = "bibliography",
    format: str = "text",
    notes: tuple[int, int] | None = None,
    encoding: str | None = None,
    fmt: str | None = None,
    output: PathLike | None = None,
) -> Rendered:
    """``footnote-kit render``: a bibliography (``mode="bibliography"``) or the notes
    themselves (``mode="notes"``) in a CSL style, as text, html or markdown. ``output``
    is written atomically when something could be rendered; ``result.problems`` names
    what could not."""
    from footnote_kit.render.pipeline import render_file

    return render_file(
        path, style=style, locale=locale, mode=mode, fmt=format, notes=notes, encoding=encoding, source_format=fmt, output=output
    )


def lint(
    paths: Sequence[PathLike] = (".",),
    settings: Settings | None = None,
    *,
    fmt: str | None = None,
) -> list[Problem]:
    """``footnote-kit lint``: citation problems in notes and bibliographies, with file and
    line. ``settings`` default to the project's (``config.load_settings``);
    ``lint.failed(problems)`` says whether the run fails."""
    from footnote_kit.config import load_settings
    from footnote_kit.lint import lint as run_lint

    return run_lint(paths, settings if settings is not None else load_settings(), fmt=fmt)


_COMMANDS = frozenset({"parse", "export", "lint", "render"})
"""The functions that share their names with modules of this package."""


class _Package(types.ModuleType):
    """Keeps ``footnote_kit.parse`` the function once ``footnote_kit.parse`` the module is
    imported: Python sets a package's attribute to each submodule it loads, which would
    replace the function. The modules stay importable by name (``from footnote_kit.parse
    import parse_file``) through ``sys.modules``."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _COMMANDS and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
