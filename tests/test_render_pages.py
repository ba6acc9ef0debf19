"""Page ranges, locators, signal words and commentary, rendered as each style prints them.

Every expected string is citeproc-js 2.4.63's output (the processor inside Zotero) for the
same items and cites: the items and clusters footnote-kit's notes mode hands its engine,
rendered with ``scripts/js/render_js.js`` (``--clusters``, with the cites' ``prefix`` and
``suffix`` where a note has them). Only the note numbers, the writer's own words around a
citation and, for APA's in-text citations, the note's closing stop are footnote-kit's.
"""

from __future__ import annotations

from pathlib import Path

from footnote_kit.model import Citation, Name, Note, Source
from footnote_kit.render.engine import CiteRef, make_processor
from footnote_kit.render.pipeline import render_file, render_notes
from footnote_kit.render.styles import resolve_style

NOTES = """1 Kirsten Westphal, Central Asian Energy Security (Berlin: SWP, 2015), 112–14.
2 Olivier Roy, “The Islamic Movement in Central Asia,” in Central Asia at the End of Transition, ed. Boris Rumer (Armonk, NY: M. E. Sharpe, 2005), 231–40.
3 Noah Tucker, “Public and State Responses,” Central Asian Survey 38, no. 3 (2019): 479–94.
4 Westphal, Central Asian Energy Security, 120.
5 Tucker, “Public and State Responses,” 480.
"""

CHICAGO_NOTES = [
    "1 Kirsten Westphal, Central Asian Energy Security (SWP, 2015), 112–14.",
    # the chapter's pages, which the note printed, are not lost (Chicago prints a chapter's
    # pages only as the note's locator)
    "2 Olivier Roy, “The Islamic Movement in Central Asia,” in Central Asia at the End of Transition, ed. Boris Rumer (M. E. Sharpe, 2005), 231–40.",
    "3 Noah Tucker, “Public and State Responses,” Central Asian Survey 38, no. 3 (2019): 479–94.",
    "4 Westphal, Central Asian Energy Security, 120.",
    "5 Tucker, “Public and State Responses,” 480.",
]
CHICAGO_BIBLIOGRAPHY = [
    "Roy, Olivier. “The Islamic Movement in Central Asia.” In Central Asia at the End of Transition, edited by Boris Rumer. M. E. Sharpe, 2005.",
    "Tucker, Noah. “Public and State Responses.” Central Asian Survey 38, no. 3 (2019): 479–94.",
    # the book's cited pages are no part of its entry
    "Westphal, Kirsten. Central Asian Energy Security. SWP, 2015.",
]
APA_BIBLIOGRAPHY = [
    # APA's page-range-format is "expanded": 231–40 prints 231–240
    "Roy, O. (2005). The Islamic Movement in Central Asia. In B. Rumer (Ed.), Central Asia at the End of Transition (pp. 231–240). M. E. Sharpe.",
    "Tucker, N. (2019). Public and State Responses. Central Asian Survey, 38(3), 479–494.",
    "Westphal, K. (2015). Central Asian Energy Security. SWP.",
]
APA_NOTES = [
    "1 (Westphal, 2015, pp. 112–14).",
    "2 (Roy, 2005, pp. 231–40).",
    "3 (Tucker, 2019, pp. 479–94).",
    "4 (Westphal, 2015, p. 120).",
    "5 (Tucker, 2019, p. 480).",
]


def _document(tmp_path: Path) -> Path:
    path = tmp_path / "notes.txt"
    path.write_text(NOTES, encoding="utf-8")
    return path


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def test_chicago_notes_print_each_notes_pages(tmp_path: Path) -> None:
    rendered = render_file(_document(tmp_path), style="chicago-notes-bibliography", mode="notes")
    assert _lines(rendered.text) == CHICAGO_NOTES


def test_chicago_bibliography_keeps_article_ranges_and_drops_cited_pages(tmp_path: Path) -> None:
    rendered = render_file(_document(tmp_path), style="chicago-notes-bibliography")
    assert _lines(rendered.text) == CHICAGO_BIBLIOGRAPHY


def test_apa_expands_page_ranges_in_the_reference_list(tmp_path: Path) -> None:
    assert _lines(render_file(_document(tmp_path), style="apa").text) == APA_BIBLIOGRAPHY
    notes = _lines(render_file(_document(tmp_path), style="apa", mode="notes").text)
    assert notes[:5] == APA_NOTES and notes[6:] == APA_BIBLIOGRAPHY


CHAPTER = Source(
    type="chapter",
    author=(Name("Roy", "Olivier"),),
    editor=(Name("Rumer", "Boris"),),
    title="The Islamic Movement in Central Asia",
    container_title="Central Asia at the End of Transition",
    publisher="M. E. Sharpe",
    publisher_place="Armonk, NY",
    page="231–40",
    issued=(2005,),
)
ARTICLE = Source(
    type="article-journal",
    author=(Name("Tucker", "Noah"),),
    title="Public and State Responses",
    container_title="Central Asian Survey",
    volume="38",
    issue="3",
    page="479–94",
    issued=(2019,),
)


def test_signal_words_and_commentary_are_printed_again_around_the_citation() -> None:
    text2 = "See: Olivier Roy, “The Islamic Movement in Central Asia,” in Central Asia at the End of Transition, ed. Boris Rumer (Armonk, NY: M. E. Sharpe, 2005), 231–40, arguing that the movement was weak."
    text3 = "Cf. Noah Tucker, “Public and State Responses,” Central Asian Survey 38, no. 3 (2019): 479–94, at 480."
    notes = [
        Note(2, text2, parts=(Citation(CHAPTER, text2, prefix="See", suffix="arguing that the movement was weak"),)),
        Note(3, text3, parts=(Citation(ARTICLE, text3, prefix="Cf.", locator="480"),)),
    ]
    rendered = render_notes(notes, "chicago-notes-bibliography")
    assert _lines(rendered.text) == [
        "2 See: Olivier Roy, “The Islamic Movement in Central Asia,” in Central Asia at the End of Transition, ed. Boris Rumer (M. E. Sharpe, 2005), 231–40, arguing that the movement was weak.",
        "3 Cf. Noah Tucker, “Public and State Responses,” Central Asian Survey 38, no. 3 (2019): 480.",
    ]


def test_a_cites_prefix_and_suffix_are_spaced_as_citeproc_js_spaces_them() -> None:
    style = resolve_style("chicago-notes-bibliography")
    item = dict(CHAPTER.to_csl(), id="roy")
    processor = make_processor(str(style.path), "en-US", [item])
    first = processor.cite([CiteRef("roy", "233", prefix="See", suffix="arguing that the movement was weak")], note_index=1)
    assert first == "See Olivier Roy, “The Islamic Movement in Central Asia,” in Central Asia at the End of Transition, ed. Boris Rumer (M. E. Sharpe, 2005), 233 arguing that the movement was weak."
    apa = make_processor(str(resolve_style("apa").path), "en-US", [item])
    assert apa.cite([CiteRef("roy", "233", prefix="cf.")], note_index=1) == "(cf. Roy, 2005, p. 233)"
