"""What a document prints, not its typing conventions, is what the parser reads.

Standard Ebooks sets a word joiner (U+2060) beside every dash and ellipsis; pandoc,
Jekyll and Hugo print ``--`` as an en dash and ``^e^`` as a superscript; LaTeX's T1 fonts
print ``,,`` as a low quote. Left as typed, a page range ``394\u2060–\u2060398`` or ``43--45``
is no page range, and a title holds characters nobody sees.
"""

from __future__ import annotations

from footnote_kit.model import Remark
from footnote_kit.notes import read_notes
from footnote_kit.sources import parse_notes


def _text(document: str, fmt: str) -> str:
    return read_notes(document, fmt=fmt).notes[0].text


def _page(document: str, fmt: str) -> object:
    notes, _ = parse_notes(read_notes(document, fmt=fmt).notes, reader="rules")
    return notes[0].parts[0].to_json()["item"].get("page")


SE_ENDNOTES = """<html><body><section epub:type="endnotes"><ol>
<li id="note-1" epub:type="endnote"><p>E. Renan: <i>Feuilles d\u2060étachées</i>, pp. 394\u2060–\u2060398. <a href="#noteref-1" epub:type="backlink">↩</a></p></li>
</ol></section></body></html>"""


def test_word_joiners_of_an_ebook_are_not_in_the_note() -> None:
    text = _text(SE_ENDNOTES, "html")
    assert "\u2060" not in text
    assert text == "E. Renan: Feuilles détachées, pp. 394–398."
    assert _page(SE_ENDNOTES, "html") == "394–398"


def test_markdown_double_hyphens_are_dashes_as_pandoc_prints_them() -> None:
    doc = "Text.[^1]\n\n[^1]: Hespanha, *Cultura jurídica europea*, 43--45 --- see `a--b` and https://example.org/a--b.\n"
    text = _text(doc, "markdown")
    assert text.startswith("Hespanha, Cultura jurídica europea, 43–45 — see a--b and https://example.org/a--b")
    assert _page("Text.[^1]\n\n[^1]: Hespanha, *Cultura jurídica europea*, 43--45.\n", "markdown") == "43–45"


def test_markdown_superscripts_keep_their_letters() -> None:
    assert _text("Text.[^1]\n\n[^1]: Au vi^e^ siècle, voir le 1^er^ mars 2010.\n", "markdown") == "Au vie siècle, voir le 1er mars 2010."


def test_latex_low_quotes_are_printed_quotes() -> None:
    doc = "\\documentclass{article}\\begin{document}Text\\footnote{Vgl. Die ,,Open-Bewegung``, S. 252.}\\end{document}"
    assert _text(doc, "latex") == "Vgl. Die „Open-Bewegung“, S. 252."


def test_plain_endnotes_with_leading_zeros_and_back_links_are_notes() -> None:
    """PDF copies number endnotes ``01``…``09``; web copies end each note with ``↩``."""
    from footnote_kit.notes import plain

    doc = "Body text.\n\nNotes\n01 Beard, Pompeii, 12.↩\n02 Smith, Trust, 4.↩\n03 Jones, Water, 7.\n04 Ibid., 9.\n"
    found = plain.find_notes(doc)
    assert [n.number for n in found.notes] == [1, 2, 3, 4]
    assert found.notes[0].text == "Beard, Pompeii, 12."


def test_a_plain_note_that_lost_the_space_after_its_number_is_a_note() -> None:
    """``9.For the full set…``: a PDF copy lost the space; the note is not glued onto note 8."""
    from footnote_kit.notes import plain

    doc = "Notes\n7. Beard, Pompeii, 12.\n8. “2018 Companies,” Ranking Digital Rights, https://example.org/2018/.\n9.For the full set, see “2018 Indicators,” Ranking Digital Rights.\n10. Ibid.\n"
    found = plain.find_notes(doc)
    assert [n.number for n in found.notes] == [7, 8, 9, 10]
    assert found.notes[1].text.endswith("/2018/.")
    assert found.notes[2].text.startswith("For the full set")


def test_project_gutenberg_chapter_labels_are_not_note_text() -> None:
    """Gutenberg HTML labels notes ``[5:2]`` (chapter:note) and links the label back."""
    doc = (
        '<html><body><p>Text<a href="#Footnote_5:2_3" class="fnanchor">[5:2]</a></p>'
        '<div class="footnote"><p><a name="Footnote_5:2_3" id="Footnote_5:2_3"></a>'
        '<a href="#FNanchor_5:2_3"><span class="label">[5:2]</span></a> Parkman, "Pontiac," ii.</p></div>'
        "</body></html>"
    )
    assert _text(doc, "html") == 'Parkman, "Pontiac," ii.'


def test_markdown_whose_notes_are_a_raw_html_list_is_read() -> None:
    """Jekyll/kramdown pages often keep the footnote list as raw HTML."""
    doc = (
        "# Policy\n\nText.<sup><a href=\"#fn1\">1</a></sup> More.<sup><a href=\"#fn2\">2</a></sup>\n\n"
        '<ul class="footnotes">\n<li id="fn1">OMB, <em>Federal Source Code Policy</em>, M-16-21 (2016).</li>\n'
        '<li id="fn2">40 U.S.C. §§ 11301-11303.</li>\n</ul>\n'
    )
    notes = read_notes(doc, fmt="markdown").notes
    assert [n.text for n in notes] == ["OMB, Federal Source Code Policy, M-16-21 (2016).", "40 U.S.C. §§ 11301-11303."]


def test_markdown_with_word_exported_note_anchors_is_read() -> None:
    """A Word page converted to Markdown keeps ``<a id="_ftn1">[1]</a>`` before each note."""
    doc = (
        'Competition matters.<a href="#_ftn1" id="_ftnref1">[1]</a> So do courts.<a href="#_ftn2" id="_ftnref2">[2]</a>'
        ' And agencies.<a href="#_ftn3" id="_ftnref3">[3]</a>\n\n'
        '<a href="#_ftnref1" id="_ftn1">[1]</a> *Remarks by the President*, White House (July 9, 2021).\n\n'
        '<a href="#_ftnref2" id="_ftn2">[2]</a> Northern Securities Co. v. United States, 193 U.S. 197 (1904).\n\n'
        '<a href="#_ftnref3" id="_ftn3">[3]</a> Swift & Co. v. United States, 196 U.S. 375 (1905).\n'
    )
    notes = read_notes(doc, fmt="markdown").notes
    assert [n.number for n in notes] == [1, 2, 3]
    assert notes[1].text == "Northern Securities Co. v. United States, 193 U.S. 197 (1904)."


def test_project_gutenberg_bracketed_footnotes_are_notes() -> None:
    """Gutenberg plain text sets each footnote where it is called: ``[Footnote: …]``."""
    doc = (
        'The state "must be stronger" [Footnote: _The Federalist_, Nos. 35,\n36. Cf. Ford [sic], Ch. V.]'
        " than any faction.\n\nMore text [Footnote: See below p. 268.] follows.\n"
    )
    notes = read_notes(doc, fmt="plain").notes
    assert [(n.number, n.text) for n in notes] == [(1, "The Federalist, Nos. 35, 36. Cf. Ford [sic], Ch. V."), (2, "See below p. 268.")]
    assert notes[0].emphasis == ((0, 14),)
    assert notes[1].location.line == 4
    assert read_notes("Text [FOOTNOTE 3: Ibid., 9.] and more.\n", fmt="plain").notes[0].text == "Ibid., 9."


def test_html_note_ids_with_a_chapter_label_are_notes() -> None:
    """``<li id="note-c9-1">``: an ebook's notes numbered per chapter."""
    doc = (
        '<html><body><p>Text<a href="#note-c9-1">1</a> and<a href="#note-c9-2">2</a>.</p><ol>'
        '<li id="note-c9-1">Lessig, <i>Code</i>, 12.</li><li id="note-c9-2">Ibid., 14.</li></ol></body></html>'
    )
    assert [n.text for n in read_notes(doc, fmt="html").notes] == ["Lessig, Code, 12.", "Ibid., 14."]


def test_html_notes_set_as_lines_of_one_paragraph_are_notes() -> None:
    """``<p>[1] …<br />[2] …</p>`` under ``<div class="footnotes">``, as some government
    sites set them."""
    doc = (
        '<html><body><p>Text.</p><div class="footnotes"><p>[1] Statement of Gary Vaux, 14 May 1989, p75.<br />'
        "[2] Letter to the Secretary, 20 April 1989, pp2-3.<br />[3] Evidence of Stuart Thorpe, 14 June 1989, p36.</p></div></body></html>"
    )
    notes = read_notes(doc, fmt="html").notes
    assert [(n.number, n.text) for n in notes] == [
        (1, "Statement of Gary Vaux, 14 May 1989, p75."),
        (2, "Letter to the Secretary, 20 April 1989, pp2-3."),
        (3, "Evidence of Stuart Thorpe, 14 June 1989, p36."),
    ]


def test_the_stop_after_a_back_linked_number_is_not_note_text() -> None:
    """``<a class="fnback">683</a>.  See …``: the number is the back link, and its stop goes with it."""
    doc = (
        '<html><body><div class="EndNotes"><p class="endnote" id="es_fn683"><a href="#fnrefes_fn683" class="fnback">683</a>. '
        "<i>See</i> Deposition of John Eastman, (Dec. 9, 2021).</p></div></body></html>"
    )
    assert _text(doc, "html") == "See Deposition of John Eastman, (Dec. 9, 2021)."


def test_latex_cross_references_print_as_tex_prints_them_unresolved() -> None:
    text = "\\begin{document}\nText.\\footnote{See \\autoref{sec:terms}, p.~\\pageref{sec:terms}.}\n\\end{document}\n"
    (note,) = read_notes(text, fmt="latex").notes
    assert note.text == "See ??, p. ??."
    notes, _ = parse_notes([note])
    assert [type(p) for p in notes[0].parts] == [Remark]


def test_a_pointer_to_the_writers_own_pages_is_a_remark_not_a_source() -> None:
    notes, _ = parse_notes(read_notes("1. Also called “open core”. See section 4.2, p. 61 below.\n", fmt="plain").notes)
    last = notes[0].parts[-1]
    assert isinstance(last, Remark) and last.text == "See section 4.2, p. 61 below."


def test_an_environment_inside_a_latex_note_prints_its_body_not_its_name() -> None:
    """``\\begin{quote}`` in a note sets a quotation off; the word ``quote`` is not printed."""
    text = (
        "\\begin{document}\nText.\\footnote{Section 1503(a) provides:\n\\begin{quote}\nWhoever \\dots\\ obstructs justice.\n"
        "\\end{quote}}\nMore.\\footnote{A list: \\begin{itemize}\\item one \\item two\\end{itemize} done.}\n\\end{document}\n"
    )
    notes = read_notes(text, fmt="latex").notes
    assert notes[0].text == "Section 1503(a) provides: Whoever … obstructs justice."
    assert "itemize" not in notes[1].text and "one" in notes[1].text and notes[1].text.endswith("done.")


def test_a_suspended_hyphen_at_a_line_end_keeps_its_space() -> None:
    """``Druck-`` / ``und Verlagswesen`` prints ``Druck- und``; ``counter-`` / ``terrorism`` is one word."""
    doc = (
        "Text.[^1] More.[^2]\n\n[^1]: Lüthi, Versuch einer Bibliographie zur heimischen Druck-\n"
        "    und Pressegeschichte; pre-\n    and post-war counter-\n    terrorism.\n"
        "[^2]: Land-\n    en tuinbouw; Ein-\n    bzw. Ausfuhr; Druck-,\n    Verlags- und Buchwesen; micro-\n    et macro-économie.\n"
    )
    texts = [n.text for n in read_notes(doc, fmt="markdown").notes]
    assert texts[0] == "Lüthi, Versuch einer Bibliographie zur heimischen Druck- und Pressegeschichte; pre- and post-war counter-terrorism."
    assert texts[1] == "Land- en tuinbouw; Ein- bzw. Ausfuhr; Druck-, Verlags- und Buchwesen; micro- et macro-économie."
    plain = "1. Zur Druck-\noder Verlagsgeschichte, short-\nto medium-term, well-\nto-do.\n"
    assert _text(plain, "plain") == "Zur Druck- oder Verlagsgeschichte, short- to medium-term, well-to-do."


def test_a_links_url_stays_in_its_own_sentence_and_beside_a_link_in_prose() -> None:
    """The URL goes to the end of the citation the link is in, not after the prose that follows it."""
    doc = (
        "A.[^1] B.[^2]\n\n"
        '[^1]: See "AHA Tuning Project: [2016 Core](https://www.historians.org/core)," (accessed June 1, 2016). '
        "The critical search process is fairly irrelevant to many fields.\n"
        "[^2]: Voir aussi la [Knowledge Ecology International](http://www.keionline.org), une ONG spécialisée.\n"
    )
    texts = [n.text for n in read_notes(doc, fmt="markdown").notes]
    assert texts[0] == (
        'See "AHA Tuning Project: 2016 Core," (accessed June 1, 2016), https://www.historians.org/core. '
        "The critical search process is fairly irrelevant to many fields."
    )
    assert texts[1] == "Voir aussi la Knowledge Ecology International, http://www.keionline.org, une ONG spécialisée."


def test_a_wikipedia_citations_url_goes_before_its_final_stop() -> None:
    doc = (
        '<html><body><ol class="references"><li id="cite_note-2"><span class="reference-text">'
        '<cite class="citation web"><a class="external text" href="https://www.mozilla.org/foundation/moco/">'
        '"About the Mozilla Corporation"</a>. Mozilla Foundation. Retrieved 2012-08-18.</cite> - a comment.</span></li></ol></body></html>'
    )
    assert _text(doc, "html") == (
        '"About the Mozilla Corporation". Mozilla Foundation. Retrieved 2012-08-18, https://www.mozilla.org/foundation/moco/. - a comment.'
    )


def test_a_lettered_markdown_label_does_not_renumber_the_notes_after_it() -> None:
    """``[^15a]`` is a note inserted after 15 (a later edition's); 16 stays note 16."""
    doc = "A.[^14] B.[^15] C.[^15a] D.[^16]\n\n[^14]: Four.\n[^15]: Five.\n[^15a]: Inserted.\n[^16]: Six.\n"
    found = read_notes(doc, fmt="markdown")
    assert [(n.number, n.printed, n.text) for n in found.notes] == [
        (14, "14", "Four."), (15, "15", "Five."), (15, "15a", "Inserted."), (16, "16", "Six.")
    ]
    assert found.problems == ()
    assert found.ranges == ((14, 16),)


def test_a_wikipedia_citation_is_upright_and_only_its_titles_are_italic() -> None:
    """MediaWiki wraps a whole reference in ``<cite class="citation">`` and sets it upright."""
    doc = (
        '<html><body><ol class="references"><li id="cite_note-5"><span class="reference-text">'
        '<cite class="citation book">Payment, S. (2007). <i>Marc Andreessen and Jim Clark</i>. Rosen Publishing Group.</cite>'
        "</span></li></ol></body></html>"
    )
    (note,) = read_notes(doc, fmt="html").notes
    assert [note.text[a:b] for a, b in note.emphasis] == ["Marc Andreessen and Jim Clark"]
