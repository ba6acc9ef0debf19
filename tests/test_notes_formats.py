"""Footnotes in the formats writers keep drafts in: Markdown, LaTeX, HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from footnote_kit.errors import InputError
from footnote_kit.notes import detect_format, read_notes
from footnote_kit.notes.latex import cite_keys, latex_note

DATA = Path(__file__).parent / "data" / "formats"


def read(name: str, **kw):  # type: ignore[no-untyped-def]
    path = DATA / name
    return read_notes(path.read_text(encoding="utf-8"), file=str(path), **kw)


# --- detection ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "text", "fmt"),
    [
        ("a.md", "x", "markdown"),
        ("a.markdown", "x", "markdown"),
        ("a.tex", "x", "latex"),
        ("a.HTML", "x", "html"),
        ("a.htm", "x", "html"),
        ("a.txt", "1 A note.\n2 Another.\n", "plain"),
        ("notes", "1 A note.\n2 Another.\n", "plain"),
        (None, "Text.\\footnote{A note.}", "latex"),
        (None, "Text.[^1]\n\n[^1]: A note.\n", "markdown"),
        (None, "<html><body><p>Text</p><ol class='footnotes'><li>A</li></ol>", "html"),
        ("saved.txt", "<!DOCTYPE html>\n<html><body><p>x</p></body></html>", "html"),
    ],
)
def test_format_from_suffix_then_from_the_text(file: str | None, text: str, fmt: str) -> None:
    assert detect_format(text, file) == fmt


# --- Markdown ------------------------------------------------------------------------------


def test_markdown_definitions_inline_notes_and_links() -> None:
    found = read("draft.md")
    # Numbered as pandoc numbers them: in the order they are called on line 3
    # ([^1], [^smith], then the inline note), wherever their text is.
    first, named, inline = found.notes
    assert [n.number for n in found.notes] == [1, 2, 3]
    assert inline.location.line == 3 and inline.label is None
    assert inline.text == "See the report, p. 3, and Book [with brackets], https://example.org/r."
    assert inline.links == ("https://example.org/r",)
    # Indented continuation and a second, indented paragraph belong to the note.
    assert first.label == "1" and first.location.line == 9
    assert first.text == (
        "Jane Smith, “A Title,” The Times, 3 May 2020, "
        "https://example.com/a_b_c. A second paragraph of the note."
    )
    # A link's URL goes to the end of its citation, not into the title; one the note
    # already prints is not repeated.
    # A named label is numbered by order and kept; a lazy line joins; a reference link resolves.
    assert named.label == "smith" and named.location.line == 14
    assert named.text == "John Smith, Bold Book (London: Verso, 2019), 12. lazy continuation line, with ref link, https://ref.example.org/x."
    # The definition inside a code fence is not a note; the undefined reference is a warning.
    assert [(p.code, p.location.line) for p in found.problems] == [("missing-note", 17)]


def test_markdown_numeric_labels_are_the_numbers() -> None:
    text = "A.[^698] B.[^699]\n\n[^698]: One, “T,” O, 2020.\n[^699]: Ibid.\n"
    found = read_notes(text, file="n.md")
    assert [(n.number, n.label, n.text) for n in found.notes] == [(698, None, "One, “T,” O, 2020."), (699, None, "Ibid.")]
    assert found.problems == ()


def test_markdown_note_ends_at_an_unindented_paragraph() -> None:
    text = "X.[^a]\n\n[^a]: The note.\n\nA new body paragraph.\n"
    [note] = read_notes(text, file="n.md").notes
    assert note.text == "The note."


def test_markdown_duplicate_and_unused_labels_are_warnings() -> None:
    # pandoc 2.17 prints "[1] Two." for this text: its Markdown takes the later definition.
    text = "X.[^a]\n\n[^a]: One.\n[^a]: Two.\n[^b]: Never cited.\n"
    found = read_notes(text, file="n.md")
    assert [n.text for n in found.notes] == ["Two.", "Never cited."]
    assert found.notes[0].location.line == 4
    assert sorted(p.code for p in found.problems) == ["duplicate-note", "unused-note"]
    duplicate = next(p for p in found.problems if p.code == "duplicate-note")
    assert "also at line 3" in duplicate.message and "later definition" in duplicate.message


def test_markdown_without_notes_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no footnotes found"):
        read_notes("# Title\n\nJust text.\n", file="n.md")


def test_markdown_range_selects_notes() -> None:
    found = read("draft.md", notes=(2, 3))
    assert [n.label for n in found.notes] == ["smith", None]
    with pytest.raises(InputError, match="--notes 9-12 matches no note; notes found: 1-3"):
        read("draft.md", notes=(9, 12))


# --- LaTeX ---------------------------------------------------------------------------------


def test_latex_footnotes_with_markup_comments_and_numbering() -> None:
    # As LaTeX numbers: \footnote[7] does not move the counter, \footnotetext takes the
    # counter as it is, \setcounter{footnote}{20} makes the next note 21.
    found = read("draft.tex")
    assert [(n.number, n.location.line) for n in found.notes] == [(1, 4), (7, 7), (1, 9), (21, 11)]
    first, second, text_note, last = found.notes
    assert first.text == (
        "Jane Smith, A Book with Nested Braces (London: Verso, 2019), 12–14 — see "
        "https://example.com/a_b%c and the report, https://ex.org/r?x=1&y=2."
    )
    assert first.links == ("https://example.com/a_b%c", "https://ex.org/r?x=1&y=2")
    # Accents, escapes, TeX quotes; a comment at a line end joins the lines without a space.
    assert second.text == "Kölner Stadt-Anzeiger, ça š, 50% of $3 & co_op, “quoted” ‘single’ joined."
    assert text_note.text == "A text note."
    assert last.text == "See [see @key3, 12], Straße."


def test_latex_commented_footnote_and_macro_definitions_are_not_notes() -> None:
    text = "\\newcommand{\\fn}[1]{\\footnote{#1}}\n\\begin{document}\nA.% \\footnote{old}\n\\footnote{Kept.}\n\\end{document}\n"
    found = read_notes(text, file="d.tex")
    assert [(n.number, n.text, n.location.line) for n in found.notes] == [(1, "Kept.", 4)]


def test_latex_unclosed_footnote_names_its_line() -> None:
    with pytest.raises(InputError) as err:
        read_notes("Text.\n\nMore.\\footnote{Never closed.\n", file="d.tex")
    assert str(err.value).startswith("d.tex:3: \\footnote is never closed")


def test_latex_cite_keys_with_lines() -> None:
    text = (
        "As shown \\cite{smith2019, doe} and \\autocite[p.~4]{x}.\n"
        "% \\cite{commented}\n"
        "\\parencite[see][12]{key3} \\textcite{y} \\citep*{z} \\nocite{*}\n"
    )
    assert cite_keys(text) == [("smith2019", 1), ("doe", 1), ("x", 1), ("key3", 3), ("y", 3), ("z", 3)]


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        ("\\textit{Title} -- \\textbf{bold}", "Title – bold"),
        ("1990--2000, ---", "1990–2000, —"),
        ("\\href{https://a.org/x}{https://a.org/x}", "https://a.org/x"),
        ("Ca\\~{n}on and \\'{E}cole and \\\"{u}ber", "Cañon and École and über"),
        ("\\url{https://a.org/a\\_b\\#c}", "https://a.org/a_b#c"),
        ("Text~with\\,spaces\\ and \\ldots", "Text with spaces and …"),
        ("\\enquote{Quoted}, p.~3", "“Quoted”, p. 3"),
    ],
)
def test_latex_markup_to_text(latex: str, text: str) -> None:
    assert latex_note(latex)[0] == text


# --- HTML ----------------------------------------------------------------------------------


def test_html_pandoc_footnote_section() -> None:
    found = read("pandoc-footnotes.html")
    assert [(n.number, n.location.line) for n in found.notes] == [(1, 8), (2, 10)]
    assert found.notes[0].text == (
        "Jane Smith, “A Title,” The Times, 3 May 2020, https://example.com/x, https://example.com/a_b."
    )
    assert found.notes[0].links == ("https://example.com/a_b", "https://example.com/x")
    assert found.notes[1].text == "Ibid., p. 4."


def test_html_word_export_numbers_from_the_printed_marker() -> None:
    found = read("word-export.html")
    assert [n.number for n in found.notes] == [1, 2]
    assert found.notes[0].text.startswith("Axel Spilcker, “Zugriff nach Hinweis vom FBI,”")
    assert found.notes[1].text == "See Deutsche Welle, https://www.dw.com/en/a-53129563."


def test_html_wordpress_footnotes_block() -> None:
    found = read("wordpress-block.html")
    assert [(n.number, n.text) for n in found.notes] == [(1, "First note https://a.org/x"), (2, "Second note.")]


def test_html_pasted_paragraphs_fall_back_to_numbered_notes() -> None:
    found = read("pasted-paragraphs.html")
    assert [(n.number, n.location.line) for n in found.notes] == [(12, 3), (13, 4), (14, 5)]
    assert found.notes[0].text == "Jane Smith, “Title,” Outlet, 2020, https://x.org/a."


@pytest.mark.parametrize(
    "html",
    [
        # WordPress "footnotes made easy"
        '<ol class="footnotes"><li id="footnote_0_42" class="footnote">Note one. [<a href="#identifier_0_42" '
        'class="footnote-link footnote-back-link">&#8617;</a>]</li><li id="footnote_1_42" class="footnote">Note two.</li></ol>',
        # Easy Footnotes
        '<p>X<span class="easy-footnote"><a href="#easy-footnote-bottom-1-42" title="Note one."><sup>1</sup></a></span></p>'
        '<ol class="easy-footnotes-wrapper"><li class="easy-footnote-single"><span id="easy-footnote-bottom-1-42" '
        'class="easy-footnote-margin-adjust"></span>Note one.<a class="easy-footnote-to-top" href="#easy-footnote-1-42"></a></li>'
        '<li class="easy-footnote-single">Note two.</li></ol>',
        # MediaWiki
        '<ol class="references"><li id="cite_note-1"><span class="mw-cite-backlink"><b><a href="#cite_ref-1">^</a></b></span> '
        '<span class="reference-text">Note one.</span></li><li id="cite_note-2"><span class="reference-text">Note two.</span></li></ol>',
        # aside / p with ids, markdown-it style back links
        '<aside id="fn1" role="doc-footnote"><p>Note one. <a href="#fnref1" class="footnote-backref">↩︎</a></p></aside>'
        '<p id="fn2">Note two.</p>',
    ],
)
def test_html_footnote_plugins(html: str) -> None:
    found = read_notes("<html><body><p>Body.</p>" + html + "</body></html>", file="p.html")
    assert [(n.number, n.text) for n in found.notes] == [(1, "Note one."), (2, "Note two.")]


def test_html_list_start_is_respected() -> None:
    found = read_notes('<div class="footnotes"><ol start="698"><li>A.</li><li>B.</li></ol></div>', file="p.html")
    assert [n.number for n in found.notes] == [698, 699]


def test_html_without_notes_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no footnotes found"):
        read_notes("<html><body><p>Nothing here.</p></body></html>", file="p.html")


@pytest.mark.parametrize("name", ["draft.md", "draft.tex", "pandoc-footnotes.html"])
def test_parse_reads_every_format_by_its_suffix(name: str) -> None:
    import json

    from conftest import run_cli

    r = run_cli("parse", str(DATA / name))
    assert r.code == 0, r.stderr
    notes = json.loads(r.stdout)["notes"]
    assert notes and all(n["file"] == str(DATA / name) and n["line"] for n in notes)


def test_markdown_notes_typed_as_a_numbered_list_under_a_heading() -> None:
    text = (
        "# Draft\n\nA claim.1 Another.2\n\nSteps:\n\n1. Do this.\n2. Do that.\n3. Done.\n\n## Notes\n\n"
        "1. Jane Smith, “[A Title](https://example.com/a),” *Outlet*, 2020.\n2. Ibid., p. 4.\n3. John Doe, *Book* (2019).\n"
    )
    found = read_notes(text, file="draft.md")
    assert [(n.number, n.text, n.location.line) for n in found.notes] == [
        (1, "Jane Smith, “A Title,” Outlet, 2020, https://example.com/a.", 13),
        (2, "Ibid., p. 4.", 14),
        (3, "John Doe, Book (2019).", 15),
    ]
    assert found.notes[0].links == ("https://example.com/a",)


def test_markdown_numbered_list_alone_is_not_notes() -> None:
    with pytest.raises(InputError, match="no footnotes found"):
        read_notes("# Plan\n\n1. Do this.\n2. Do that.\n3. Done.\n", file="plan.md")


def test_a_wrong_guess_from_the_text_falls_back_to_plain() -> None:
    text = "Regex ^[a-z] matched.1 More.2\n\n1 Smith, Book (2001).\n2 Ibid.\n3 Doe, Book (2002).\n"
    found = read_notes(text, file="notes.txt")
    assert [n.number for n in found.notes] == [1, 2, 3]


def test_every_reader_agrees_on_what_pandoc_made_of_one_draft() -> None:
    """One Markdown draft rendered by pandoc to HTML, LaTeX, plain text and GFM: the
    same notes, numbered as pandoc numbers them, with the same text."""
    seen = {}
    for name in ("source.md", "rendered.html", "rendered.tex", "rendered.txt", "rendered-gfm.md"):
        found = read(f"pandoc/{name}")
        assert found.problems == (), name
        seen[name] = [(n.number, n.text) for n in found.notes]
    expected = seen["rendered.html"]
    assert [number for number, _ in expected] == [1, 2, 3, 4]
    assert expected[1][1].endswith("/20200728/nearly-300. A second paragraph: the plans were put on hold.")
    assert expected[3][1].startswith("Torgyn Nurseitova, “Boleye tysyachi kazakhstantsev,” Zakon, 30 November 2020")
    # The source has straight quotes (pandoc curls them), so it agrees on numbers and words.
    assert [(n, t.replace('"', "")) for n, t in seen["source.md"]] == [
        (n, t.replace("“", "").replace("”", "").replace("’", "'")) for n, t in expected
    ]
    # pandoc's plain text drops the URL of a link: note 1 differs there, nothing else.
    assert seen["rendered.txt"][1:] == expected[1:]
    assert seen["rendered.tex"] == seen["rendered-gfm.md"] == expected
