"""Repetitions in the languages notes are written in: Russian ``Там же`` and ``цит. соч.``,
Polish ``Tamże``, Latin ``l. c.`` (loco citato), each resolved to the work cited before."""

from __future__ import annotations

from footnote_kit.model import Citation, Ibid, RawNote
from footnote_kit.sources import parse_notes


def _parts(*texts: str) -> list[list[object]]:
    notes, _ = parse_notes([RawNote(n, t) for n, t in enumerate(texts, start=1)])
    return [list(n.parts) for n in notes]


def test_russian_and_polish_ibid_repeat_the_work_before() -> None:
    parts = _parts("К. Маркс, «Капитал», т. III, ч. 1, стр. 403.", "Там же, стр. 404.", "Tamże, s. 12.")
    assert isinstance(parts[0][0], Citation)
    for repeat, page in ((parts[1][0], "404"), (parts[2][0], "12")):
        assert isinstance(repeat, Ibid) and repeat.refers_to == 1 and repeat.locator == page


def test_loco_citato_is_a_repetition_and_initials_are_not() -> None:
    parts = _parts("W. Petty, A Treatise of Taxes (London, 1662), p. 50.", "L. c., p. 90.", "L. с. р. 19.")
    assert [(type(p[0]), getattr(p[0], "locator", None)) for p in parts[1:]] == [(Ibid, "90"), (Ibid, "19")]
    (name,) = _parts("L. C. Knights, Drama and Society (London, 1937), p. 4.")[0]
    assert isinstance(name, Citation) and name.source.author[0].family == "Knights"


def test_russian_op_cit_names_the_author_it_repeats() -> None:
    parts = _parts("Е. Бем-Баверк, «Теория Маркса и ее критика», СПб., 1897, стр. 68.", "Бем-Баверк, цит. соч., стр. 70.")
    repeat = parts[1][0]
    assert isinstance(repeat, Ibid) and repeat.refers_to == 1 and repeat.locator == "70"
