"""Issue 12, item 6: nothing grows faster than the work, and nothing is lost on the way.

Growth is measured without a clock (the suite never asserts timings): by the number of
steps (function calls and lines of Python run) a step takes on n and on 4n notes, which
is the same on every machine. Linear work grows 4 times, n log n about 5 times, quadratic work 16 times.
``scripts/bench_scale.py`` prints the times.
"""

from __future__ import annotations

import itertools
import random
import sys
import threading
from pathlib import Path
from typing import Any, Callable

from footnote_kit.notes.plain import find_notes
from footnote_kit.parse import parse_file

WORDS = "kazakhstan security ministry report terror arrests border trade energy water election reform court police".split()


def _calls(work: Callable[[], Any]) -> int:
    """How many steps ``work`` takes, in every thread it starts: function calls (Python
    and C) and lines of Python run (each turn of a loop or a comprehension is one)."""
    counter = itertools.count()

    def profile(_frame: Any, event: str, _arg: Any) -> None:
        if event == "c_call":
            next(counter)

    def trace(_frame: Any, event: str, _arg: Any) -> Any:
        next(counter)
        return trace

    threading.setprofile(profile)
    threading.settrace(trace)
    sys.setprofile(profile)
    sys.settrace(trace)
    try:
        work()
    finally:
        sys.settrace(None)
        sys.setprofile(None)
        threading.settrace(None)  # type: ignore[arg-type]
        threading.setprofile(None)  # type: ignore[arg-type]
    return next(counter)


def _growth(make: Callable[[int], Callable[[], Any]], n: int) -> float:
    small, large = make(n), make(4 * n)
    small()  # imports and caches out of the way
    return _calls(large) / _calls(small)


def _chapter(n: int, seed: int = 3) -> str:
    """A Markdown chapter of ``n`` notes, one URL in 20 with a hyphen lost in a PDF copy."""
    rng = random.Random(seed)
    notes = []
    for i in range(1, n + 1):
        title = [rng.choice(WORDS) for _ in range(5)]
        slug = "-".join(title) if i % 20 else "-".join(title[:2]) + title[2] + "-" + "-".join(title[3:])
        notes.append(f"[^{i}]: Author {i}, “{' '.join(title).title()},” Outlet, 2020, https://www.site{i % 7}.example/news/{i}-{slug}.")
    return "# One\n\n" + " ".join(f"Claim.[^{i}]" for i in range(1, n + 1)) + "\n\n" + "\n".join(notes) + "\n"


def test_notes_numbered_100000_and_up_are_notes_of_their_own() -> None:
    text = "Body text.\n\n" + "".join(
        f"{k} Author {k}, “Title {k},” Outlet, 2020, https://example.org/a/{k}.\n" for k in range(99_996, 100_006)
    )
    found = find_notes(text)
    assert [n.number for n in found.notes] == list(range(99_996, 100_006))
    assert found.notes[3].text == "Author 99999, “Title 99999,” Outlet, 2020, https://example.org/a/99999."
    assert not [p for p in found.problems if p.code == "long-note"]


def test_a_note_that_swallows_an_unusual_amount_of_text_is_warned_about() -> None:
    notes = "".join(f"{k} Author {k}, “Title {k},” Outlet, 2020.\n" for k in range(1, 31))
    # After note 30 the numbers are written in a form not read as notes: each line looks
    # like a wrapped continuation, so all of it is taken into note 30.
    glued = "".join(f"• {k} Author {k}, “Title {k},” Outlet, 2020, pages {k}-{k + 3}\n" for k in range(31, 400))
    found = find_notes("Body.\n\n" + notes + glued)
    long = [p for p in found.problems if p.code == "long-note"]
    assert [p.note for p in long] == [30]
    assert "may have swallowed text" in long[0].message and long[0].location.line == 32


def test_nested_inline_notes_parse_in_linear_work(tmp_path: Path) -> None:
    def make(n: int) -> Callable[[], Any]:
        path = tmp_path / f"nested-{n}.md"
        path.write_text("Intro " + "^[note " * n + "x" + "]" * n + "\n", encoding="utf-8")
        return lambda: parse_file(path)

    assert _growth(make, 500) < 6
    path = tmp_path / "nested-20000.md"
    path.write_text("Intro " + "^[note " * 20_000 + "x" + "]" * 20_000 + "\n", encoding="utf-8")
    assert len(path.read_bytes()) < 200_000 and len(parse_file(path).notes) == 1


def test_lint_grows_linearly_with_the_notes(tmp_path: Path) -> None:
    from footnote_kit.config import Settings
    from footnote_kit.lint import lint

    def make(n: int) -> Callable[[], Any]:
        path = tmp_path / f"chapter-{n}.md"
        path.write_text(_chapter(n), encoding="utf-8")
        return lambda: lint([path], Settings())

    assert _growth(make, 100) < 6


def test_fix_plans_grow_linearly_with_the_urls(tmp_path: Path) -> None:
    from footnote_kit.links.fixfile import cited_in_text, plan_fixes

    def make(n: int) -> Callable[[], Any]:
        text = _chapter(n)
        return lambda: plan_fixes(text)

    assert _growth(make, 100) < 6
    plan = plan_fixes(_chapter(100))
    assert len(plan.suggestions) == 5 and not plan.edits  # no evidence without probes: suggestions only
    # Each URL's witness text, in a chapter whose notes are one paragraph (no blank line
    # between them): found once for the whole text, not again for every URL.
    assert _growth(lambda n: (lambda text=_chapter(n): cited_in_text(text)), 300) < 6


class _Counted(str):
    """A text that counts the characters its slices and concatenations copy (work no call
    counter sees); what they make is counted in turn."""

    copied = 0

    def __getitem__(self, key: Any) -> "_Counted":
        part = _Counted(str.__getitem__(self, key))
        _Counted.copied += len(part)
        return part

    def __add__(self, other: str) -> "_Counted":
        joined = _Counted(str.__add__(self, other))
        _Counted.copied += len(joined)
        return joined


def test_finding_url_spans_copies_text_in_proportion_to_it() -> None:
    from footnote_kit.urls import spans as url_spans

    def copied(n: int) -> int:
        _Counted.copied = 0
        url_spans(_Counted(_chapter(n)))
        return _Counted.copied

    assert copied(800) / copied(200) < 6
    assert _growth(lambda n: (lambda text=_chapter(n): url_spans(text)), 200) < 6


def _edits_for(text: str, every: int) -> list[Any]:
    """An edit at every ``every``-th URL of ``text``: a hyphen inserted after its sixth slash-part."""
    from footnote_kit.links.fixfile import Edit
    from footnote_kit.model import Repair
    from footnote_kit.urls import spans as url_spans

    out = []
    for k, span in enumerate(url_spans(text)):
        if k % every == 0:
            old = text[span.start : span.end]
            new = old.replace("-", "--", 1) if "-" in old else old + "-x"
            out.append(Edit(span.start, span.end, old, new, 0, Repair(new, "archive", (new,))))
    return out


def test_writing_and_showing_fixes_copies_text_in_proportion_to_it() -> None:
    from footnote_kit.links.fixfile import FixPlan

    def copied(n: int) -> int:
        text = _chapter(n)
        edits = tuple(_edits_for(text, 20))
        _Counted.copied = 0
        FixPlan("notes.md", _Counted(text), edits).fixed
        return _Counted.copied

    assert copied(1600) / copied(400) < 6

    def shown(n: int) -> Callable[[], Any]:
        text = _chapter(n)
        plan = FixPlan("notes.md", text, tuple(_edits_for(text, 20)))
        return plan.diff

    assert _growth(shown, 300) < 6


def test_the_dry_run_diff_is_what_diff_u_writes() -> None:
    import difflib
    import random

    from footnote_kit.links.fixfile import FixPlan

    rng = random.Random(5)
    for trial in range(40):
        lines = [f"line {i} text https://site.example/a-{i}-b/{rng.randrange(1000)} end\n" for i in range(rng.randrange(1, 60))]
        if rng.random() < 0.3:  # a URL broken over two lines, as a PDF copy leaves it
            k = rng.randrange(len(lines))
            lines[k] = f"wrapped https://site.example/long-{k}-\n"
            lines.insert(k + 1, f"rest-of-{k}-path and prose\n")
        if rng.random() < 0.3:
            lines[-1] = lines[-1].rstrip("\n")
        text = "".join(lines)
        plan = FixPlan("notes.md", text, tuple(_edits_for(text, rng.choice([1, 2, 5, 9]))))
        expected = "".join(difflib.unified_diff(text.splitlines(keepends=True), plan.fixed.splitlines(keepends=True),
                                                fromfile="a/notes.md", tofile="b/notes.md"))
        assert plan.diff() == expected, trial
