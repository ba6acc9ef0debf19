"""Seed vocabulary: the AnyStyle-derived word lists, loaded once.

``data/anystyle-seed.json`` holds titles, journal and book titles, publishers, places and
names taken from AnyStyle's ``core.xml`` (BSD-2-Clause, (c) Sylvester Keil; licence in
``tests/data/anystyle/LICENSE``), rebuilt by ``scripts/make_synthetic_vocab.py``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

SEED = Path(__file__).resolve().parent / "data" / "anystyle-seed.json"


@lru_cache(maxsize=1)
def seed() -> dict[str, list[str]]:
    data = json.loads(SEED.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if isinstance(v, list)}
