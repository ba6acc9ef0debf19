"""``Ibid.``, ``Ibid., p. 4``, ``Id. at 12`` and ``Author, op. cit., p. 5``, in the languages
notes are written in: ``Ebd.``/``Ebenda`` and ``a.a.O.`` (German), ``Ibíd.``/``Íd.`` and
``ob. cit.``/``cit.`` (Spanish, Italian), ``art. cit.``/``loc. cit.``/``l. c.`` (French,
Latin), ``Там же`` and ``цит. соч.`` (Russian), ``Tamże`` (Polish); a
pointer before them (``Vgl. ebd.``, ``See ibid.``) is no part of the repetition.

``Ibid.`` repeats the source(s) of the citation just before it (the previous note, or
the previous part of the same note); ``op. cit.`` names an author and repeats that
author's latest source. Resolution needs the notes before, so it happens in
``sources.parse_notes``; this module only recognises and reads the locator.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from footnote_kit.sources import locators, signals

IBID_RE = re.compile(r"^(?:ibid|ibidem|ib|id|ibíd|íd|ebd|ebda|ebenda|там\s+же|тамъ\s+же|там\s+само|tamże)\.?(?=$|[\s,.:;])(?P<rest>.*)$", re.I)
_CIT = r"(?:op\.?\s*cit|loc\.?\s*cit|art\.?\s*cit|ob\.?\s*cit|obra\s+cit|a\.?\s*a\.?\s*O|цит\.?\s*соч|cit)"
OPCIT_RE = re.compile(rf"^(?P<who>[^,“”\"]{{2,80}}?),?\s+{_CIT}\.?(?P<rest>.*)$", re.I)
_OPCIT_ALONE = re.compile(
    r"^(?:op\.?\s*cit|loc\.?\s*cit|a\.?\s*a\.?\s*O|[lL]\.\s?[cс]\.(?=\s*(?:$|[,;]|[pр]{1,2}\.|стр\.|§|t\.|cap\.|qu\.)))\.?(?=$|[\s,.:;])(?P<rest>.*)$",
    re.I,
)
"""``Op. cit., p. 5``, ``a.a.O., S. 4``, ``L. c., p. 90`` (loco citato; the ``c`` Latin or Cyrillic,
and lower case or before a locator, so that ``L. C. Smith`` stays a name)."""
_IBID_FIRST = "iIİıíÍeEтТtT"
"""What IBID_RE's first letter matches ignoring case: ``i``, ``I``, ``İ``, ``ı``, ``í``, ``e``,
and the ``т`` of Russian ``Там же`` and ``t`` of Polish ``Tamże``."""
_PAGES_FIRST = re.compile(r"pp?\.")
_AT_NUMBER = re.compile(r"^(?:at\s+)?(\d+(?:[-–]\d+)?)\b(.*)$")


class IbidRef(NamedTuple):
    author: str | None
    """For ``op. cit.``: the author named; None for ``Ibid.``."""
    locator: str | None
    rest: str
    """Words after the locator that are no locator (``quoting X``), kept for the user."""


def _locator(rest: str) -> tuple[str | None, str]:
    text = rest.strip(" ,.;:")
    if not text:
        return None, ""
    head, _, tail = text.partition(",") if not _PAGES_FIRST.match(text) else (text, "", "")
    for candidate in (text, head):
        page = locators.page(candidate) or locators.bare_page(candidate)
        if page:
            return page, (tail.strip() if candidate is head else "")
    m = _AT_NUMBER.match(text)
    if m:
        return m.group(1), m.group(2).strip(" ,.")
    return None, text


def match(text: str) -> IbidRef | None:
    t = signals.strip(text.strip())[1].strip()
    m = IBID_RE.match(t) if t[:1] in _IBID_FIRST else None
    if m is None and t[:1] in "oOlLaA":
        m = _OPCIT_ALONE.match(t)  # ``Op. cit., p. 5``, ``a.a.O., S. 4``: the work just cited
    if m:
        loc, rest = _locator(m.group("rest"))
        return IbidRef(None, loc, rest)
    m = OPCIT_RE.match(t)
    if m and (m.group("rest")[:1] in ("", ",", " ", ".", ";", ":") or m.group("rest").startswith(",")):
        loc, rest = _locator(m.group("rest"))
        return IbidRef(m.group("who").strip(), loc, rest)
    return None
