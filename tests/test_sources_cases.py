"""Hand-written notes of every common shape, each with the parts a careful reader expects.

One file per case in ``tests/data/parse/``: a ``NOTES`` section (one note a line, each
opening with its number) and an ``EXPECTED`` section (JSON: for each note, its parts).
A citation's ``item`` must match exactly: a missing field fails, and so does a field the
note never printed (the parser must not invent data). A note or ibid part is compared
on the keys the case gives.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from footnote_kit.model import RawNote
from footnote_kit.sources import parse_notes

CASES = sorted((Path(__file__).parent / "data" / "parse").glob("*.txt"))


def read_case(path: Path) -> tuple[list[RawNote], list[dict]]:
    text = path.read_text(encoding="utf-8")
    m = re.search(r"^NOTES\n(.*?)^EXPECTED\n(.*)$", text, flags=re.S | re.M)
    assert m, f"{path.name}: needs NOTES and EXPECTED sections"
    raw = []
    for line in m.group(1).splitlines():
        if line.strip():
            number, _, body = line.partition(" ")
            raw.append(RawNote(number=int(number), text=body))
    return raw, json.loads(m.group(2))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case(path: Path) -> None:
    raw, expected = read_case(path)
    notes, _ = parse_notes(raw)
    got = [{"number": n.number, "parts": [p.to_json() for p in n.parts]} for n in notes]
    assert len(got) == len(expected)
    for g, e in zip(got, expected):
        assert [p["kind"] for p in g["parts"]] == [p["kind"] for p in e["parts"]], g
        for gp, ep in zip(g["parts"], e["parts"]):
            for key, value in ep.items():
                assert gp.get(key) == value, f"note {g['number']} {key}:\n got {json.dumps(gp.get(key), ensure_ascii=False)}\nwant {json.dumps(value, ensure_ascii=False)}"
