"""No text makes a notes reader crash or hang: it finds notes or says there are none."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from footnote_kit.errors import InputError
from footnote_kit.notes import FORMATS, read_notes

# Text built from the pieces the readers react to, so that the search reaches them.
PIECES = st.sampled_from(
    ["1 ", "2. ", "[3] ", "4) ", "¹ ", "\n", "\n\n", " ", "https://a.org/x-", "-", "\u00ad", "[^a]: ", "[^a]", "^[",
     "]", "[", "(", ")", "\\footnote{", "{", "}", "%", "\\url{", "<ol class='footnotes'><li>", "</li>", "<p id='fn1'>",
     "text", "Ibid.", "“", "”", "\t", "    "]
)  # fmt: skip
DOCS = st.one_of(st.text(max_size=400), st.lists(PIECES, max_size=80).map("".join))


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=150, deadline=None)
@given(text=DOCS)
def test_any_text_gives_notes_or_an_input_error(fmt: str, text: str) -> None:
    try:
        found = read_notes(text, file="x", fmt=fmt)
    except InputError:
        return
    for note in found.notes:
        assert "\n" not in note.text
        assert note.location.file == "x"


N = 3000
HOSTILE = [
    ("x.txt", "1 a\n2 b\n3 c\n" + "x-\n" * N),
    ("x.txt", "1 a.\n2 b.\n3 c.\n\nBody.\n\n" * (N // 10)),
    ("x.txt", "1 a\n" * N),
    ("x.md", "[^a]: " + "*x " * N),
    ("x.md", "[^a]: " + "`" * N),
    ("x.md", "[^" * N),
    ("x.md", "^[" * N),
    ("x.tex", "\\footnote{" + "\\cite[" * N + "}"),
    ("x.tex", "\\" * N + "%\n\\footnote{x}"),
    ("x.html", "<div class='footnotes'><ol><li>" + "<b>" * 1500 + "deep</li></ol></div>"),
]


@pytest.mark.parametrize(("name", "text"), HOSTILE, ids=[f"{n}-{i}" for i, (n, _) in enumerate(HOSTILE)])
def test_hostile_shapes_finish(name: str, text: str) -> None:
    """Inputs that made a quadratic scan or a recursion blow up; each must simply finish."""
    try:
        found = read_notes(text, file=name)
    except InputError:
        return
    assert all("\n" not in n.text for n in found.notes)
