"""Notes mode planning: positions (first, subsequent, ibid, ibid-with-locator) and the writer's words."""

from __future__ import annotations

from footnote_kit.model import Citation, Ibid, Note, Remark, Source
from footnote_kit.records import build
from footnote_kit.render.positions import FIRST, IBID, IBID_WITH_LOCATOR, SUBSEQUENT, plan_notes

REPORT = Source(type="report", title="Report of the Monitoring Team", publisher="United Nations", issued=(2020, 7, 23), URL="https://undocs.org/S/2020/717")
NEWS = Source(type="article-newspaper", title="Afghan Taliban said planning to attack", container_title="BBC Monitoring", issued=(2020, 12, 11))


def _plan(notes: list[Note]):  # type: ignore[no-untyped-def]
    bib = build(notes)
    return plan_notes(notes, [n.cites for n in bib.per_note])


def _positions(notes: list[Note]) -> list[list[tuple[str, str | None]]]:
    plans = _plan(notes)
    return [[(c.position, c.locator) for s in p.segments if s.cluster for c in s.cluster.cites] for p in plans]


def _cite(n: int, source: Source, text: str = "x") -> Note:
    return Note(n, text, parts=(Citation(source, text),))


def test_first_then_ibid_then_ibid_with_locator_then_subsequent() -> None:
    notes = [
        _cite(1, REPORT.with_changes(page="15")),
        Note(2, "Ibid.", parts=(Ibid("Ibid.", refers_to=1, sources=(REPORT.with_changes(page="15"),)),)),
        Note(3, "Ibid., 17.", parts=(Ibid("Ibid., 17.", refers_to=2, sources=(REPORT,), locator="17"),)),
        _cite(4, NEWS),
        _cite(5, REPORT.with_changes(page="p.20")),
    ]
    assert _positions(notes) == [
        [(FIRST, "15")],
        [(IBID, "15")],
        [(IBID_WITH_LOCATOR, "17")],
        [(FIRST, None)],
        [(SUBSEQUENT, "20")],
    ]


def test_no_ibid_after_a_note_that_cited_two_works() -> None:
    notes = [
        Note(1, "a; b", parts=(Citation(REPORT, "a"), Citation(NEWS, "b"))),
        _cite(2, NEWS),
    ]
    assert _positions(notes)[1] == [(SUBSEQUENT, None)]


def test_ibid_without_page_after_a_page_repeats_the_short_form() -> None:
    notes = [_cite(1, REPORT.with_changes(page="15")), _cite(2, REPORT)]
    assert _positions(notes)[1] == [(SUBSEQUENT, None)]


def test_a_page_range_is_the_works_extent_and_what_its_note_points_at() -> None:
    # The record keeps an article's range; the note that printed it points at those pages,
    # so its re-rendering prints them again (Chicago prints a chapter's pages only so).
    article = Source(type="article-journal", title="Jihadists in Idlib", container_title="CTC Sentinel", page="7-47", issued=(2020,))
    assert _positions([_cite(1, article)]) == [[(FIRST, "7-47")]]
    assert build([_cite(1, article)]).records[0].source.page == "7-47"


def test_the_writers_words_and_glue_are_kept_in_order() -> None:
    text = "i) Safar, “Istochniki,” 2019; ii) The figure was revealed in Tbilisi. See: “Report,” UN, 2020."
    note = Note(
        698,
        text,
        parts=(
            Citation(NEWS, "Safar, “Istochniki,” 2019"),
            Remark("The figure was revealed in Tbilisi. See:"),
            Citation(REPORT, "“Report,” UN, 2020"),
        ),
    )
    (plan,) = _plan([note])
    assert plan.number == 698
    shown = ["<cite>" if s.cluster else s.text for s in plan.segments]
    assert shown == ["i) ", "<cite>", "; ii) ", "The figure was revealed in Tbilisi. See:", " ", "<cite>", "."]


def test_an_ibid_that_names_no_source_follows_the_note_it_refers_to() -> None:
    notes = [_cite(1, REPORT), Note(2, "Ibid., 9.", parts=(Ibid("Ibid., 9.", refers_to=1, locator="9"),))]
    assert _positions(notes)[1] == [(IBID_WITH_LOCATOR, "9")]


def test_a_citation_that_names_nothing_keeps_its_words() -> None:
    note = Note(1, "Interview with an official, Dushanbe.", parts=(Citation(Source(type="interview"), "Interview with an official, Dushanbe."),))
    (plan,) = _plan([note])
    assert [s.text for s in plan.segments] == ["Interview with an official, Dushanbe."]


def test_the_writers_words_inside_a_citation_are_put_back_around_it() -> None:
    text = "livestream recorded here: https://a.org/v.html (he spoke at 2:01)."
    source = Source(type="webpage", URL="https://a.org/v.html", issued=(2020, 11, 10), note="livestream recorded here: (he spoke at 2:01)")
    (plan,) = _plan([Note(702, "He spoke online, " + text, parts=(Remark("He spoke online,"), Citation(source, text)))])
    shown = ["<cite>" if s.cluster else s.text for s in plan.segments]
    assert shown == ["He spoke online,", " ", "livestream recorded here: ", "<cite>", " (he spoke at 2:01)"]
    assert plan.ending == "."


def test_signal_words_and_commentary_are_put_back_before_and_after_the_citation() -> None:
    text = "See also: “Report,” UN, 2020, arguing that the count was low"
    citation = Citation(REPORT, text, prefix="See also", suffix="arguing that the count was low")
    (plan,) = _plan([Note(5, text + ".", parts=(citation,))])
    shown = ["<cite>" if s.cluster else s.text for s in plan.segments]
    assert shown == ["See also: ", "<cite>", ", arguing that the count was low", "."]
