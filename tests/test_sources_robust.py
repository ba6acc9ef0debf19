"""No text of any kind makes the parser crash or hang."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from footnote_kit.model import RawNote
from footnote_kit.parse import parse_text
from footnote_kit.sources import parse_notes

# Pieces that steer the recognisers into their tricky paths, mixed with arbitrary text.
_PIECES = st.sampled_from(
    ["“", "”", "„", "«", "»", "‘", "’", "'", '"', "″", "(", ")", "[", "]", ";", ",", ".", ":",
     " i) ", "; ii) ", " and iv) ", "Ibid.", "op. cit.", "See: ", " in ", " ed. ", "(London: Verso, 2019)",
     "12, no. 3 (2019): 45–67", "p.15", "pp. 3–5", "19 December 2019", "December 19, 2019", "November 10",
     "https://example.org/a b.h tml", "doi:10.1000/x", "S/2020/717", "accessed 3 May 2021", "Smith, Jane",
     "A and B", " ", "\t", "\u00a0", "0", "2020"]
)
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=20)), max_size=40).map("".join)


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TEXT, min_size=1, max_size=5))
@example([",\tdoi:10.1000/xSmith, JaneSmith, Jane"])  # a name whose family part is only white space
def test_parse_notes_never_crashes(texts: list[str]) -> None:
    raw = [RawNote(number=i + 1, text=t) for i, t in enumerate(texts)]
    notes, problems = parse_notes(raw)
    assert [n.number for n in notes] == [r.number for r in raw]
    for note in notes:
        for part in note.parts:
            part.to_json()


@settings(max_examples=100, deadline=2000)
@given(_TEXT)
def test_parse_text_never_crashes(text: str) -> None:
    from footnote_kit.errors import FootnoteKitError

    try:
        parse_text("1 " + text + "\n2 Ibid.\n")
    except FootnoteKitError:
        pass


def test_long_pathological_notes_finish() -> None:
    """Inputs built to make backtracking regexes or quote matching blow up still parse
    (no timing assert here: a blow-up shows as this test hanging; scripts/bench_parse.py
    measures speed)."""
    nasty = [
        "“" * 5000,
        "a, " * 5000,
        "(" * 3000 + "2019" + ")" * 3000,
        "Smith " * 3000 + "2019",
        "i) " * 2000,
        "1.1.1." * 2000,
        "https://" + "a" * 20000,
        "“" + "x " * 5000 + "” (‘" + "y " * 5000,
    ]
    notes, _ = parse_notes([RawNote(number=i + 1, text=t) for i, t in enumerate(nasty)])
    assert len(notes) == len(nasty) and all(n.parts for n in notes)


def test_parsed_notes_are_ordinary_dataclasses(example) -> None:  # type: ignore[no-untyped-def]
    """The parser builds sources without ``Source.__init__`` (for speed): each note, part
    and source must still equal and print like the same fields passed to the constructor, and
    copy with changes like one, since records merge repeated sources by comparing them."""
    from dataclasses import fields, replace

    from footnote_kit.model import Citation, Ibid

    result = parse_text(example.read_text(encoding="utf-8"))
    repeats = parse_text(
        "1 Jane Smith, “The Long Road Home,” Foreign Affairs 12, no. 3 (2019): 45–67.\n2 Ibid., 50.\n"
        "3 Smith, “Long Road Home,” 60.\n"
    )
    notes = [*result.notes, *repeats.notes]
    built = [*notes, *(p for n in notes for p in n.parts)]
    built += [p.source for p in built if isinstance(p, Citation)]
    built += [s for p in built if isinstance(p, Ibid) for s in p.sources]
    assert len(built) > 150 and any(isinstance(p, Ibid) and p.locator for p in built)
    for obj in built:
        rebuilt = type(obj)(**{f.name: getattr(obj, f.name) for f in fields(obj) if f.init})
        assert obj == rebuilt and repr(obj) == repr(rebuilt) and vars(obj) == vars(rebuilt)
    source = next(p.source for p in built if isinstance(p, Citation))
    assert replace(source, page="9").page == "9"
