"""``render``: input -> items -> the engine -> a reference list or the notes again.

This is ``footnote-kit render`` (``render_file``, which ``footnote_kit.render`` calls), plus the two it is built from
(``render_bibliography`` for sources, ``render_notes`` for parsed notes), usable on their own.
Trouble with one item never stops the rest: an item the engine cannot render is reported
(which item, why) and left out, or, in a note, its original words are kept.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from footnote_kit.errors import UsageError
from footnote_kit.files import shown_name
from footnote_kit.model import Citation, Note, Problem, Severity, Source
from footnote_kit.records import Cite
from footnote_kit.render.items import Item, check, engine_item, items_from_records
from footnote_kit.render.output import FORMATS, Piece, RenderedNote, bibliography_document, notes_document, references_block
from footnote_kit.render.positions import Cluster, plan_notes
from footnote_kit.render.styles import ResolvedStyle, resolve_style

MODES = ("bibliography", "notes")


@dataclass(frozen=True)
class Rendered:
    """The rendered document and what the user should hear about.

    ``rendered`` counts entries (bibliography) or notes; ``failed`` counts what had to be
    left out or left as written. Nothing rendered at all is the CLI's exit 2.
    """

    text: str
    style: ResolvedStyle
    locale: str
    rendered: int
    failed: int = 0
    problems: tuple[Problem, ...] = ()


def render_file(
    path: str | os.PathLike[str],
    *,
    style: str,
    locale: str | None = None,
    mode: str = "bibliography",
    fmt: str = "text",
    notes: tuple[int, int] | None = None,
    encoding: str | None = None,
    source_format: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    output: str | os.PathLike[str] | None = None,
) -> Rendered:
    """Render a document's notes, a ``.bib`` or CSL-JSON in ``style``.

    ``progress(done, total)`` is called after each note in notes mode. ``output``, when
    given, is written atomically if anything could be rendered; it may not be the input.
    """
    from footnote_kit.render.inputs import load_input

    if output is not None and os.fspath(path) != "-" and os.path.exists(output) and Path(output).resolve() == Path(path).resolve():
        raise UsageError("-o names the input file; rendering never overwrites its input (choose another file)", file=os.fspath(output))
    _check_options(mode, fmt)
    resolved = resolve_style(style)  # an unknown style fails before the input is read
    loaded = load_input(path, notes=notes, encoding=encoding, fmt=source_format)
    if mode == "notes":
        if loaded.kind != "document":
            raise UsageError("--mode notes needs a document with notes; a .bib or CSL-JSON file has sources only", file=os.fspath(path))
        items = items_from_records(loaded.records, loaded.notes)
        result = _render_notes(loaded.notes, items, [n.cites for n in loaded.notes_cited()], resolved, locale, fmt, progress)
    else:
        notes_read = loaded.notes if loaded.kind == "document" else None  # a .bib entry's note field is its own
        result = _render_entries(items_from_records(loaded.records, notes_read, file=shown_name(path)), resolved, locale, fmt)
    result = _with_problems(result, _not_repeated(loaded.problems))
    if output is not None and result.rendered:
        from footnote_kit.files import write_atomic

        write_atomic(output, result.text)
    return result


def render_bibliography(
    sources: Sequence[Source], style: str | ResolvedStyle, *, locale: str | None = None, fmt: str = "text"
) -> Rendered:
    """The sorted reference list: one entry per distinct source (``records.build`` decides)."""
    from footnote_kit.records import build

    _check_options("bibliography", fmt)
    resolved = resolve_style(style) if isinstance(style, str) else style
    bib = build([Note(n, "", parts=(Citation(s, ""),)) for n, s in enumerate(sources, 1)])
    return _render_entries(items_from_records(bib.records), resolved, locale, fmt)


def render_notes(notes: Sequence[Note], style: str | ResolvedStyle, *, locale: str | None = None, fmt: str = "text") -> Rendered:
    """The notes again, numbered as before, each citation in the style's note form."""
    from footnote_kit.records import build

    _check_options("notes", fmt)
    resolved = resolve_style(style) if isinstance(style, str) else style
    bib = build(notes)
    return _render_notes(notes, items_from_records(bib.records, notes), [n.cites for n in bib.per_note], resolved, locale, fmt)


def _render_notes(
    notes: Sequence[Note],
    items: list[Item],
    cites: Sequence[Sequence[Cite]],
    style: ResolvedStyle,
    locale: str | None,
    fmt: str,
    progress: Callable[[int, int], None] | None = None,
) -> Rendered:
    lang = style.locale(locale)
    _load(style, lang)
    problems = [p for item in items for p in check(item)]
    processor = _processor(style, lang, [engine_item(i) for i in items])
    out: list[RenderedNote] = []
    failed = done = 0
    for plan, note in zip(plan_notes(notes, cites), notes):
        pieces: list[Piece] = []
        for seg in plan.segments:
            if seg.cluster is None:
                pieces.append(Piece(seg.text, seg.text, rendered=False))
                continue
            try:
                text = _cite(processor, seg.cluster, "text")
                markup = _cite(processor, seg.cluster, "html")
            except Exception as err:  # noqa: BLE001 - one bad citation must not stop the notes
                failed += 1
                original = _original_text(note, seg.cluster, items)
                problems.append(Problem(f"note {note.number}: could not render a citation ({type(err).__name__}: {err}); kept as written", note.location, code="render-failed", severity=Severity.ERROR, note=note.number))
                pieces.append(Piece(original, original, rendered=False))
                continue
            done += 1
            pieces.append(Piece(text, markup, rendered=True))
        out.append(RenderedNote(plan.number, plan.label, tuple(pieces), plan.ending))
        if progress is not None:
            progress(len(out), len(notes))
    # Notes that cite nothing are rendered as written; only when every citation failed has
    # nothing been rendered.
    rendered = 0 if failed and not done else len(out)
    text = notes_document(out, fmt)
    if style.style_class != "note" and items:
        # An author-date or numeric style has no note form: its citations in the notes are
        # "(Safar 2019)" or "[3]", so the reference list must follow, or the URLs and full
        # details are lost.
        entries, _ = _bibliography_entries(style, lang, items)
        text += references_block(entries, fmt)
    return Rendered(text, style, lang, rendered, failed, tuple(problems))


def _not_repeated(problems: Sequence[Problem]) -> list[Problem]:
    """The loader's "no title" warnings are said again, more fully, by ``items.check``."""
    return [p for p in problems if p.code != "no-title"]


# ---------------------------------------------------------------------------------------


def _check_options(mode: str, fmt: str) -> None:
    if mode not in MODES:
        raise UsageError(f"--mode must be bibliography or notes, not {mode!r}")
    if fmt not in FORMATS:
        raise UsageError(f"--format must be text, html or markdown, not {fmt!r}")


def _original_text(note: Note, cluster: Cluster, items: Sequence[Item]) -> str:
    """The writer's own words for a citation the engine could not render."""
    wanted = {c.id for c in cluster.cites}
    titles = [i.source.title or i.source.URL or "" for i in items if i.id in wanted]
    for part in note.parts:
        if any(t and t in part.text for t in titles):
            return part.text
    return "; ".join(t for t in titles if t)


def _render_entries(items: list[Item], style: ResolvedStyle, locale: str | None, fmt: str) -> Rendered:
    lang = style.locale(locale)
    _load(style, lang)
    problems = [p for item in items for p in check(item)]
    if not items:
        problems.append(Problem("nothing to render: the input has no sources", code="no-sources", severity=Severity.ERROR))
        return Rendered("", style, lang, 0, 0, tuple(problems))
    entries, bad = _bibliography_entries(style, lang, items)
    for item, err in bad:
        problems.append(Problem(f"{item.describe()}: could not be rendered ({type(err).__name__}: {err}); left out", item.where, code="render-failed", severity=Severity.ERROR, note=item.note))
    return Rendered(bibliography_document(entries, fmt), style, lang, len(entries), len(bad), tuple(problems))


def _bibliography_entries(style: ResolvedStyle, lang: str, items: list[Item]) -> tuple[list[tuple[str, str]], list[tuple[Item, Exception]]]:
    """All entries at once; if the engine fails, find the items it fails on one by one."""
    try:
        processor = _processor(style, lang, [engine_item(i) for i in items])
        texts = _bibliography(processor, "text")
        htmls = _bibliography(processor, "html")
        return list(zip(texts, htmls)), []
    except Exception as first_error:  # noqa: BLE001 - isolate the culprit, render the rest
        if len(items) == 1:
            return [], [(items[0], first_error)]
    good: list[Item] = []
    bad: list[tuple[Item, Exception]] = []
    for item in items:
        try:
            _bibliography(_processor(style, lang, [engine_item(item)]), "text")
            good.append(item)
        except Exception as err:  # noqa: BLE001
            bad.append((item, err))
    if not good:
        return [], bad
    processor = _processor(style, lang, [engine_item(i) for i in good])
    return list(zip(_bibliography(processor, "text"), _bibliography(processor, "html"))), bad


def _with_problems(result: Rendered, more: Sequence[Problem]) -> Rendered:
    if not more:
        return result
    return Rendered(result.text, result.style, result.locale, result.rendered, result.failed, tuple(more) + result.problems)


# ---------------------------------------------------------------------------------------
# The engine (footnote_kit.render.engine, owned by the fidelity work)
# ---------------------------------------------------------------------------------------


def _load(style: ResolvedStyle, locale: str) -> None:
    """Load the style and locale first (cached by the engine), so that a malformed style or
    an unknown locale is one error, not blamed on every item in turn."""
    from footnote_kit.render.engine import load_style

    check_locale(locale)
    load_style(style.path, locale)


def check_locale(locale: str) -> None:
    """citeproc-py silently falls back to en-US for a locale it lacks; a user who asked for
    ``en-UK`` should hear that it does not exist, and which do."""
    import difflib
    import json

    from citeproc import LOCALES_PATH

    folder = Path(LOCALES_PATH)
    known = sorted(p.name[len("locales-") : -len(".xml")] for p in folder.glob("locales-*.xml"))
    if locale in known:
        return
    try:
        dialects = json.loads((folder / "locales.json").read_text(encoding="utf-8"))["primary-dialects"]
    except (OSError, ValueError, KeyError):
        dialects = {}
    if locale in dialects:
        return
    close = difflib.get_close_matches(locale, known, n=4, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise UsageError(f"unknown locale {locale!r}{hint} (locales are language-REGION codes such as en-GB, de-DE, fr-FR)")


def _processor(style: ResolvedStyle, locale: str, items: list[dict[str, Any]]) -> Any:
    from footnote_kit.render.engine import make_processor

    return make_processor(str(style.path), locale, items)


def _bibliography(processor: Any, fmt: str) -> list[str]:
    return [str(e) for e in processor.bibliography(fmt)]


def _cite(processor: Any, cluster: Cluster, fmt: str) -> str:
    return str(processor.cite(cluster, fmt))
