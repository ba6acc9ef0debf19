"""Italics survive every reader as spans of the note's final text (``RawNote.emphasis``).

A title set in italics is the strongest title signal a document gives; each test puts a
title in italics and checks that the span covers exactly its words, after the reader's
own changes to the text (lines joined, entities read, back links dropped, link targets
moved to the end of the citation).
"""

from __future__ import annotations

import pytest

from footnote_kit.model import RawNote
from footnote_kit.notes import read_notes
from footnote_kit.notes.inline import take_emphasis


def italics(note: RawNote) -> list[str]:
    return [note.text[a:b] for a, b in note.emphasis]


def test_take_emphasis_counts_offsets_in_the_text_left() -> None:
    text, spans = take_emphasis("See \x0eA  Title\x0f and \x0e\x0eB\x0f\x0f, \x0e \x0fx \x0eopen")
    assert text == "See A  Title and B, x open"
    assert [text[a:b] for a, b in spans] == ["A  Title", "B", "open"]


def test_markdown_stars_underscores_and_inline_html() -> None:
    md = (
        "Text.[^1] More.[^2]\n\n"
        "[^1]: Mary Beard, *Pompeii\n"
        "    Revealed* (London: Profile Books, 2008), 112&ndash;14.\n"
        "[^2]: See <em>The   Long Title</em> and _Another One_, [*Linked Book*](https://x.org/a),\n"
        '    <span style="font-variant:small-caps">Smith</span>&nbsp;2; <i>Last</i>.\n'
    )
    one, two = read_notes(md, file="a.md").notes
    assert one.text == "Mary Beard, Pompeii Revealed (London: Profile Books, 2008), 112–14."
    assert italics(one) == ["Pompeii Revealed"]
    # The link target moved to the end of its citation; the spans after it still hold.
    assert two.text == "See The Long Title and Another One, Linked Book, Smith 2, https://x.org/a; Last."
    assert italics(two) == ["The Long Title", "Another One", "Linked Book", "Last"]


def test_markdown_inline_html_link_and_entities_in_urls() -> None:
    md = 'X.[^1]\n\n[^1]: <i>Foo</i>, <a href="https://e.org/p?a=1&amp;b=2">page</a>, https://e.org/q?x=1&copy=2.\n'
    (note,) = read_notes(md, file="a.md").notes
    assert note.text == "Foo, page, https://e.org/q?x=1&copy=2, https://e.org/p?a=1&b=2."
    assert note.links == ("https://e.org/p?a=1&b=2", "https://e.org/q?x=1&copy=2")
    assert italics(note) == ["Foo"]


def test_markdown_strong_is_not_italic() -> None:
    (note,) = read_notes("X.[^1]\n\n[^1]: **Bold** and ***Both***.\n", file="a.md").notes
    assert note.text == "Bold and Both."
    assert italics(note) == ["Both"]


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        (r"Beard, \emph{Pompeii" "\n  " r"Revealed} (2008).", ["Pompeii Revealed"]),
        (r"\textit{A} and \textsl{B}.", ["A", "B"]),
        (r"See {\em The Long" "\n" r"Title} and {\it Another \'Etude}.", ["The Long Title", "Another Étude"]),
        (r"\href{https://x.org/a}{\textit{Linked Book}}, 2020.", ["Linked Book"]),
        (r"{\itshape Switch} to the group's end, then roman.", ["Switch"]),
        (r"\emph{ Spaced } out.", ["Spaced"]),
    ],
)
def test_latex_italics(markup: str, expected: list[str]) -> None:
    tex = "\\begin{document}\nText.\\footnote{" + markup + "}\n\\end{document}\n"
    (note,) = read_notes(tex, file="a.tex").notes
    assert italics(note) == expected


def test_latex_italic_span_after_moved_link_and_dashes() -> None:
    tex = "Text.\\footnote{Smith, \\href{https://x.org/a}{Report}, \\emph{Journal}, 12--14.}\n"
    (note,) = read_notes(tex, file="a.tex").notes
    assert note.text == "Smith, Report, Journal, 12–14, https://x.org/a."
    assert italics(note) == ["Journal"]


def test_html_italics_with_back_links_and_entities() -> None:
    html = """<html><body><p>x</p><section class="footnotes"><ol>
<li id="fn1"><p>Mary Beard, <em>Pompeii
 Revealed</em> (London: Profile, 2008), 112&ndash;14. <a href="#fnref1" class="footnote-back">↩</a></p></li>
<li id="fn2"><p><a href="#r2" role="doc-backlink">↩</a> See <cite>The  Long Title </cite>,
<a href="https://x.org/a"><i>Linked Book</i></a>, <span style="font-style: italic">Styled</span>.</p></li>
</ol></section></body></html>"""
    one, two = read_notes(html, file="a.html").notes
    assert one.text == "Mary Beard, Pompeii Revealed (London: Profile, 2008), 112–14."
    assert italics(one) == ["Pompeii Revealed"]
    assert two.text == "See The Long Title, Linked Book, Styled, https://x.org/a."
    assert italics(two) == ["The Long Title", "Linked Book", "Styled"]


def test_html_epub_types_mark_notes_and_back_links() -> None:
    html = """<html><body><p>Text<a epub:type="noteref" href="#n3">3</a></p>
<aside epub:type="footnote" id="n3"><p><a epub:type="backlink" href="#r3">3.</a> <i>Epub Title</i>, 4.</p></aside>
<ol epub:type="rearnotes"><li id="x"><p>Rear <em>Note</em>. <a epub:type="backlink" href="#t">Return</a></p></li></ol>
</body></html>"""
    notes = read_notes(html, file="a.xhtml").notes
    assert [(n.number, n.text) for n in notes] == [(3, "Epub Title, 4."), (1, "Rear Note.")]
    assert [italics(n) for n in notes] == [["Epub Title"], ["Note"]]


def test_html_back_links_in_words_are_dropped_but_page_links_kept() -> None:
    html = (
        '<ol class="footnotes"><li id="fn1"><p>Smith, <em>Title</em>, 4. <a href="#r1">Return to text</a></p></li>'
        '<li id="fn2"><p>See <a href="#sec2">Section 2</a>. <a href="#r2">↑ Back</a></p></li></ol>'
    )
    one, two = read_notes(html, file="a.html").notes
    assert (one.text, italics(one)) == ("Smith, Title, 4.", ["Title"])
    assert two.text == "See Section 2."
