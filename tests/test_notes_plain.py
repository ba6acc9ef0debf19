"""Finding numbered notes in text copied from a PDF or a web page."""

from __future__ import annotations

from pathlib import Path

import pytest

from footnote_kit.errors import InputError
from footnote_kit.notes import read_notes
from footnote_kit.notes.plain import find_notes

SEED = Path(__file__).parent / "data" / "central-asia-posts.txt"


def numbers(found) -> list[int]:
    return [n.number for n in found.notes]


def by_number(found) -> dict:
    return {n.number: n for n in found.notes}


def codes(found) -> list[str]:
    return [p.code for p in found.problems]


# --- the seed document ------------------------------------------------------------------


def test_seed_block_is_found_without_being_told() -> None:
    found = find_notes(SEED.read_text(encoding="utf-8"), file="posts.txt")
    assert found.ranges == ((698, 753),)
    assert numbers(found) == list(range(698, 754))
    assert found.problems == ()
    first, last = found.notes[0], found.notes[-1]
    assert (first.location.file, first.location.line) == ("posts.txt", 452)
    assert last.location.line == 566


def test_seed_wrapped_notes_are_joined_and_the_next_post_is_not_glued_on() -> None:
    notes = by_number(find_notes(SEED.read_text(encoding="utf-8")))
    assert notes[720].text.endswith("Security Council, p.15, 20 January 2020, https://undocs.org/S/2020/53.")
    assert "TOLOnews, 9 July 2020, https://tolonews.com/afghanistan/uzbek-militantgroup-claims" in notes[724].text
    assert "has been arrested in Greece,” Greek City Times" in notes[744].text
    assert notes[753].text.endswith("how-did-it-change-over-the-past-few-years.")
    assert "Oxus Society" not in notes[753].text
    # A space inside a URL as printed is the URL repairer's business: kept as one space.
    assert "eksperty.h tml;" in notes[698].text
    assert notes[698].text.startswith("i) Tokhir Safar and Mumin Ahmadi")
    assert all("\n" not in n.text for n in notes.values())


def test_seed_range_selects_only_those_notes_and_each_stops_at_the_next() -> None:
    found = find_notes(SEED.read_text(encoding="utf-8"), notes=(700, 702))
    assert numbers(found) == [700, 701, 702]
    assert found.ranges == ((700, 702),)
    assert by_number(found)[702].text.endswith("(he spoke at 2: 01).")


def test_range_that_matches_nothing_names_what_was_found() -> None:
    with pytest.raises(InputError) as err:
        find_notes(SEED.read_text(encoding="utf-8"), file="posts.txt", notes=(900, 910))
    assert str(err.value) == "posts.txt: --notes 900-910 matches no note; notes found: 698-753"


def test_text_without_notes_is_an_input_error() -> None:
    text = "A body of text.\n\nIt has 2,000 Tajik fighters and 1,003 returnees.\n\n19 Afghan policemen died.\n"
    with pytest.raises(InputError) as err:
        find_notes(text, file="body.txt")
    assert "no numbered notes found" in str(err.value) and str(err.value).startswith("body.txt: ")


# --- hand-written shapes ----------------------------------------------------------------

DENSE = """\
The report was cited widely.1 Critics disagreed.2 A third view emerged.3

Notes
1 Jane Smith, “A Title,” The Times, 3 May 2020,
https://example.com/news/2020/05/03/a-very-long-
slug-that-wraps.html.
2 Ibid., p. 4.
3 John Doe and Ann Roe, Another Book (London: Verso,
2019), 12.
Chapter Two
The story went on.
"""


def test_dense_notes_with_wrapped_lines_and_text_after() -> None:
    found = find_notes(DENSE)
    assert found.ranges == ((1, 3),)
    notes = by_number(found)
    assert notes[1].text == "Jane Smith, “A Title,” The Times, 3 May 2020, https://example.com/news/2020/05/03/a-very-long-slug-that-wraps.html."
    assert notes[2].text == "Ibid., p. 4."
    assert notes[3].text == "John Doe and Ann Roe, Another Book (London: Verso, 2019), 12."
    assert notes[3].location.line == 8


TWO_BLOCKS = """\
First post. In 2019 things changed.1 And again.2 And once more.3

1 Alpha, “One,” Outlet, 2019.
2 Beta, “Two,” Outlet, 2019.
3 Gamma, “Three,” Outlet, 2019.

Second post

Another story begins here.1 It goes on.2 And ends.3 Finally.4

1 Delta, “Four,” Outlet, 2020.

2 Epsilon, “Five,” Outlet, 2020.

3 Zeta, “Six,” Outlet, 2020.

4 Eta, “Seven,” Outlet, 2020.
"""


def test_two_blocks_of_notes_are_both_found() -> None:
    found = find_notes(TWO_BLOCKS)
    assert found.ranges == ((1, 3), (1, 4))
    assert [n.text.split(",")[0] for n in found.notes] == ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta"]
    assert found.problems == ()
    assert "Second post" not in found.notes[2].text


BODY_NUMBERS = """\
2019 was a hard year for the region.
2020 was worse.
2021 brought some relief.
19 Afghan policemen were killed in one attack.
2,000 Tajik fighters went to Syria; 1,003 came back.
1. First recommendation, which is numbered.
2. Second recommendation.

10 This note explains a point.

11 Sam Author, “Title,” Outlet, 5 May 2020.

12 Ibid.
"""


def test_numbers_in_the_body_are_not_notes() -> None:
    found = find_notes(BODY_NUMBERS, notes=None)
    assert found.ranges == ((10, 12),)
    assert [n.text for n in found.notes] == ["This note explains a point.", "Sam Author, “Title,” Outlet, 5 May 2020.", "Ibid."]


def test_a_numbered_list_is_dropped_when_the_notes_are_called_from_the_body() -> None:
    text = (
        "Some claims are made here.1 Others there.2 A third.3\n"
        "Our advice:\n1. Do this.\n2. Do that.\n3. Do the other.\n\n"
        "Notes\n\n1. A. Author, Book (2001).\n\n2. B. Author, Book (2002).\n\n3. Ibid.\n"
    )
    found = find_notes(text)
    assert found.ranges == ((1, 3),)
    assert [n.text for n in found.notes] == ["A. Author, Book (2001).", "B. Author, Book (2002).", "Ibid."]


@pytest.mark.parametrize(
    "lines",
    [
        ["12. Smith, Book.", "13. Jones, Book.", "14. Ibid."],
        ["[12] Smith, Book.", "[13] Jones, Book.", "[14] Ibid."],
        ["12) Smith, Book.", "13) Jones, Book.", "14) Ibid."],
        ["¹² Smith, Book.", "¹³ Jones, Book.", "¹⁴ Ibid."],
        ["12\tSmith, Book.", "13\tJones, Book.", "14\tIbid."],
    ],
)
def test_common_numbering_forms(lines: list[str]) -> None:
    found = find_notes("Body text with 3 numbers 4 in it.\n\n" + "\n".join(lines) + "\n")
    assert found.ranges == ((12, 14),)
    assert [n.text for n in found.notes] == ["Smith, Book.", "Jones, Book.", "Ibid."]


def test_a_wrapped_line_starting_with_the_next_number_is_not_a_note() -> None:
    text = (
        "7 A. Author, “Title,” Outlet,\n"
        "8 July 2020, https://example.com/a.\n"
        "8 B. Author, “Other,” Outlet, 9 May 2021.\n"
        "9 Ibid.\n"
    )
    found = find_notes(text)
    assert numbers(found) == [7, 8, 9]
    assert by_number(found)[7].text == "A. Author, “Title,” Outlet, 8 July 2020, https://example.com/a."
    assert found.problems == ()


PDF_PAGES = """\
The first page of the body says something.1 And something else.2
It goes on for a while, as bodies do.
1 A. Author, “First,” Outlet, 2019.
2 B. Author, “Second,” Outlet,
2020.
\f2
The second page of the body goes on.3 And on.4
3 C. Author, “Third,” Outlet, 2021.
4 Ibid., p. 7.
"""


def test_footnotes_at_the_foot_of_each_pdf_page() -> None:
    found = find_notes(PDF_PAGES)
    assert found.ranges == ((1, 4),)
    assert [n.text for n in found.notes] == [
        "A. Author, “First,” Outlet, 2019.",
        "B. Author, “Second,” Outlet, 2020.",
        "C. Author, “Third,” Outlet, 2021.",
        "Ibid., p. 7.",
    ]


def test_a_page_of_body_between_notes_is_not_glued_on_without_a_page_break() -> None:
    body = "\n".join(f"Body line {i} of the next page, which runs on." for i in range(12))
    text = f"1 First note.\n2 Second note.\n{body}\n3 Third note.\n"
    found = find_notes(text)
    assert [n.text for n in found.notes] == ["First note.", "Second note.", "Third note."]


def test_two_notes_alone_are_notes_but_not_beside_a_longer_block() -> None:
    assert numbers(find_notes("Text.\n\n1 One.\n2 Two.\n")) == [1, 2]
    text = "1. A list item.\n2. Another.\n\nBody.\n\n1 Note one.\n2 Note two.\n3 Note three.\n"
    assert [n.text for n in find_notes(text).notes] == ["Note one.", "Note two.", "Note three."]


def test_a_single_note_after_body_text_needs_a_range() -> None:
    with pytest.raises(InputError, match="no numbered notes found"):
        find_notes("Text.\n\n5 The only note.\n")
    assert [n.text for n in find_notes("Text.\n\n5 The only note.\n", notes=(5, 5)).notes] == ["The only note."]


def test_a_file_that_starts_with_a_note_is_a_notes_file() -> None:
    found = find_notes("\n744 Paul Antonopoulos, “Leading member,” Greek City Times,\n5 October 2020.\n")
    assert [(n.number, n.text, n.location.line) for n in found.notes] == [
        (744, "Paul Antonopoulos, “Leading member,” Greek City Times, 5 October 2020.", 2)
    ]


# --- warnings ---------------------------------------------------------------------------


def test_missing_note_is_a_warning_with_its_place() -> None:
    text = "1 One.\n\n2 Two.\n\n4 Four.\n\n5 Five.\n"
    found = find_notes(text, file="f.txt")
    assert numbers(found) == [1, 2, 4, 5]
    [problem] = found.problems
    assert problem.code == "missing-note" and problem.note == 3
    assert (problem.location.file, problem.location.line) == ("f.txt", 5)
    assert "note 3 is missing" in problem.message


def test_note_out_of_sequence_is_kept_and_reported() -> None:
    text = "1 One.\n\n2 Two.\n\n4 Four.\n\n3 Three.\n\n5 Five.\n\n6 Six.\n"
    found = find_notes(text)
    assert sorted(numbers(found)) == [1, 2, 3, 4, 5, 6]
    assert by_number(found)[4].text == "Four."
    assert codes(found) == ["out-of-sequence"]
    assert found.problems[0].location.line in (5, 7)


def test_duplicate_note_is_kept_and_reported() -> None:
    text = "1 One.\n\n2 Two.\n\n2 Two again.\n\n3 Three.\n\n4 Four.\n"
    found = find_notes(text)
    assert numbers(found) == [1, 2, 2, 3, 4]
    assert codes(found) == ["duplicate-note"]
    assert found.problems[0].location.line == 5
    assert by_number(found)[2].text in ("Two.", "Two again.")


def test_range_reaching_past_the_notes_warns_about_the_missing_ones() -> None:
    found = find_notes(SEED.read_text(encoding="utf-8"), notes=(750, 760))
    assert numbers(found) == [750, 751, 752, 753]
    assert codes(found) == ["missing-note"]
    assert "notes 754-760 are missing" in found.problems[0].message


# --- joining lines ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wrapped", "joined"),
    [
        ("See https://example.com/a/\nb/c.html.", "See https://example.com/a/b/c.html."),
        ("See https://example.com/a-\nb.html.", "See https://example.com/a-b.html."),
        ("See https://example.com/page\n_two?id=3.", "See https://example.com/page_two?id=3."),
        ("See https://undocs.org/S/2020/717.\nAccessed 5 May 2021.", "See https://undocs.org/S/2020/717. Accessed 5 May 2021."),
        ("A counter-\nterrorism plan.", "A counter-terrorism plan."),
        ("A terror-\nism plan.", "A terror-ism plan."),
        ("A terror\u00ad\nism plan.", "A terrorism plan."),
        ("Radio Ozodi –\nRFE/RL", "Radio Ozodi – RFE/RL"),
        ("An  odd\u00a0 spacing\u200b here,\n  and more.", "An odd spacing here, and more."),
    ],
)
def test_wrapped_lines_are_mended(wrapped: str, joined: str) -> None:
    text = "1 " + wrapped + "\n2 Second.\n3 Third.\n"
    assert find_notes(text).notes[0].text == joined


def test_read_notes_picks_plain_for_text_files() -> None:
    found = read_notes(DENSE, file="notes.txt")
    assert found.ranges == ((1, 3),)


def test_back_links_copied_from_a_web_page_are_dropped() -> None:
    text = "1. ^ Smith, Book (2001).\n2. ^ a b Jones, “Title,” Outlet, 2020.\n3. ↑ Ibid.\n"
    assert [n.text for n in find_notes(text).notes] == ["Smith, Book (2001).", "Jones, “Title,” Outlet, 2020.", "Ibid."]


# --- page breaks inside a block of endnotes (pdftotext output) ----------------------------

PAGED_ENDNOTES = (
    "Body text of the chapter.1 More text.2 Yet more.3 And more.4 Last.5\n\n"
    "Notes\n"
    "1 Smith, Anna. 2020. Water and Power. London: Verso.\n"
    "2 Jones, Bo. 2019. “Clouds.” Policy Review, 13(2). https://doi.org/10.1/x; Widder,\n"
    "\n"
    "9\n"
    "\n"
    "\fDavid Gray, Open (For Business). Available at SSRN: https://ssrn.com/abstract=1.\n"
    "3 https://example.org/one\n"
    "4\n"
    "\n"
    "10\n"
    "\n"
    "\fhttps://example.org/two\n"
    "5 Lee, Kim. 2021. Ground. Paris: Seuil.\n"
)


def test_a_note_goes_on_after_a_page_break_and_its_page_number() -> None:
    notes = by_number(find_notes(PAGED_ENDNOTES))
    assert notes[2].text == (
        "Jones, Bo. 2019. “Clouds.” Policy Review, 13(2). https://doi.org/10.1/x; Widder, "
        "David Gray, Open (For Business). Available at SSRN: https://ssrn.com/abstract=1."
    )


def test_a_note_number_left_alone_before_a_page_break_starts_its_note() -> None:
    found = find_notes(PAGED_ENDNOTES)
    assert numbers(found) == [1, 2, 3, 4, 5]
    notes = by_number(found)
    assert notes[3].text == "https://example.org/one"
    assert notes[4].text == "https://example.org/two"
    assert "missing-note" not in codes(found)


def test_short_lines_of_a_note_after_a_sentence_end_stay_with_it() -> None:
    """A PDF sets the end of a long reference one word a line; the next note is right below."""
    doc = (
        "Notes\n1 Short note one.\n"
        "2 Bria, Francesca, Johnny Ryan, Sophie Bloemen, Matthias Pfeffer, Leevi Saari, Fabian\n"
        "Ferrari. 2024. Time To Build A European Digital Ecosystem, 9\n"
        "December 2024. https://feps-europe.eu/a.pdf; Bria, Francesca. 2025. EUROSTACK: Building a\n"
        "European alternative for technological sovereignty. https://www.euro-stack.info/; Baur,\n"
        "Andreas. (2023). European Dreams of the Cloud: Imagining Innovation and Political\n"
        "Control.\nGeopolitics,\n29(3),\n796–820.\nhttps://doi.org/\n10.1080/14650045.2022.2151902.\n"
        "3 See https://ibestuur.nl/a/.\n4 Short note four.\n"
    )
    notes = by_number(find_notes(doc))
    assert notes[2].text.endswith("Political Control. Geopolitics, 29(3), 796–820. https://doi.org/10.1080/14650045.2022.2151902.")
    assert notes[3].text == "See https://ibestuur.nl/a/."


def test_body_text_after_a_page_break_is_not_glued_onto_a_footnote() -> None:
    """Footnotes at a page's foot: the next page starts with body text, many lines of it."""
    body = "\n".join(f"Body line {i} of the next page goes on and on" for i in range(12))
    doc = (
        "Text.1 More.2 Again.3\n\n1 Smith, Water, 12.\n2 Jones, Power,\n\n9\n\n\f" + body + "\n"
        "3 Lee, Ground, 4.\n4 Kim, Air, 5.\n"
    )
    notes = by_number(find_notes(doc))
    assert notes[2].text == "Jones, Power,"
