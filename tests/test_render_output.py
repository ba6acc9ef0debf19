"""Output assembly: escaping, links, Markdown, and punctuation where a citation meets the writer's words."""

from __future__ import annotations

from footnote_kit.render.output import Piece, RenderedNote, bibliography_document, html_to_markdown, join_note, link_urls, notes_document


def test_writer_words_are_escaped_in_html_and_urls_become_links() -> None:
    note = RenderedNote(5, None, (Piece("See <script>x</script>: ", "", rendered=False), Piece("A, https://a.org/x?a=1&b=2.", "A, https://a.org/x?a=1&amp;b=2.", rendered=True)))
    out = notes_document([note], "html")
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert '<a href="https://a.org/x?a=1&amp;b=2">https://a.org/x?a=1&amp;b=2</a>.' in out
    assert '<li value="5"' in out


def test_existing_links_are_left_alone() -> None:
    fragment = '<a href="https://a.org">https://a.org</a> and https://b.org'
    assert link_urls(fragment) == '<a href="https://a.org">https://a.org</a> and <a href="https://b.org">https://b.org</a>'


def test_citation_stop_gives_way_to_the_writers_semicolon_but_not_after_ibid() -> None:
    cite = Piece("Smith, Title, 2019.", "Smith, <i>Title</i>, 2019.", rendered=True)
    glue = Piece("; see also ", "; see also ", rendered=False)
    ibid = Piece("Ibid.", "Ibid.", rendered=True)
    assert join_note([cite, glue, ibid], "text") == "Smith, Title, 2019; see also Ibid."
    assert join_note([ibid, Piece("; and ", "", False), cite], "text") == "Ibid.; and Smith, Title, 2019."
    assert join_note([cite, Piece(".", ".", False)], "html") == "Smith, <i>Title</i>, 2019."


def test_markdown_keeps_italics_and_escapes_field_text() -> None:
    md = html_to_markdown("Smith, <i>A *bold* [claim]</i>, https://a.org/x_y.")
    assert md == "Smith, *A \\*bold\\* \\[claim\\]*, <https://a.org/x_y>."


def test_documents_in_three_formats() -> None:
    entries = [("Smith. Title.", "Smith. <i>Title</i>."), ("Zed. Other.", "Zed. Other.")]
    assert bibliography_document(entries, "text") == "Smith. Title.\nZed. Other.\n"
    assert bibliography_document(entries, "html").count('<div class="csl-entry">') == 2
    assert bibliography_document(entries, "markdown") == "Smith. *Title*.\n\nZed. Other.\n"
    notes = [RenderedNote(698, None, (Piece("Smith.", "Smith.", True),)), RenderedNote(2, "fn-a", (Piece("Ibid.", "Ibid.", True),))]
    assert notes_document(notes, "text") == "698 Smith.\n\n2 Ibid.\n"
    assert notes_document(notes, "markdown") == "[^698]: Smith.\n\n[^fn-a]: Ibid.\n"
