"""Legal citations: cases (``Brown v. Board of Education, 347 U.S. 483, 495 (1954)``,
``R v Smith [2001] UKHL 22``) and statutes (``Civil Rights Act of 1964, Pub. L. No. 88-352,
78 Stat. 241 (1964)``, ``42 U.S.C. § 1983 (2018)``).

Why a reader of their own: a reporter citation (volume, reporter, first page) has no
title, outlet or publisher to find, and read as an ordinary note its numbers become a
container and an issue. CSL reads a case as ``legal_case`` with the reporter as
``container-title``, and a statute as ``legislation``; the court goes to ``authority``.
"""

from __future__ import annotations

import re

from footnote_kit.sources import dates
from footnote_kit.sources.draft import Draft

_Y = r"(?:1[5-9]\d\d|20\d\d)"
# ``Name v. Name, 347 U.S. 483, 495 (D.C. Cir. 1954)``: volume, reporter, first page,
# pinpoint, then the court (if any) and year in brackets.
_US_CASE = re.compile(
    rf"^(?P<name>[^,()]{{2,200}}?\sv\.?\s[^()]{{2,200}}?),\s+(?P<vol>\d{{1,4}})\s+(?P<rep>[A-Z][A-Za-z.\d ]{{0,30}}?\.?)\s+(?P<page>\d{{1,5}})"
    rf"(?:,\s*(?:at\s+)?(?P<pin>\d{{1,5}}(?:\s*[-–]\s*\d{{1,5}})?))?\s*\((?P<court>[^()]*?)\s*(?P<year>{_Y})\)"
)
# ``R v Smith [2001] UKHL 22``, ``Donoghue v Stevenson [1932] AC 562``: the year in square brackets.
_UK_CASE = re.compile(rf"^(?P<name>[^,()\[\]]{{1,200}}?\sv\.?\s[^()\[\]]{{2,200}}?),?\s+[\[(](?P<year>{_Y})[\])]\s+(?P<rest>[^,;]{{2,60}}?)(?:,\s*(?:at\s+)?(?:para\s+)?(?P<pin>\[?\d+\]?))?$")
_REPORT = re.compile(r"^(?:(?P<vol>\d{1,3})\s+)?(?P<rep>[A-Z][A-Za-z.]*(?:\s(?:[A-Z][A-Za-z.]*|\(\w+\)))*)\s+(?P<page>\d{1,5})$")
# ``Civil Rights Act of 1964, Pub. L. No. 88-352, 78 Stat. 241 (1964)``
_PUBLIC_LAW = re.compile(r"(?:^|,\s*)Pub\.\s?L\.\s+(?:No\.\s+)?(?P<no>\d+[-–]\d+)")
# A session law: ``116 Stat. 2899 (2002)``: volume, reporter, first page.
_SESSION = re.compile(r"(?:^|,\s*)(?P<vol>\d{1,4})\s+(?P<rep>Stat\.)\s+(?P<page>\d[\d,]*)")
# A code: ``44 U.S.C. § 3541, et seq.``, ``5 USC 552(a)(2)``, ``36 C.F.R. § 1236.10``: title,
# code, section (CSL ``section``, kept in ``extra``).
_CODE = re.compile(
    r"(?:^|[,;]\s*)(?P<vol>\d{1,4})\s+(?P<rep>U\.\s?S\.\s?C\.(?:\s?A\.)?|USCA?|C\.\s?F\.\s?R\.|CFR)\s*(?:§§?\s*)?"
    r"(?P<section>[\dA-Za-z][\w.()-]*(?:,?\s*et\s+seq\.?)?)?"
)
_SECTION_FIRST = re.compile(r"^(?:Section|Sec\.|§)\s*(?P<section>\d[\w.()-]*),\s*")
_CODIFIED = re.compile(r"\s*(\((?:codified|as amended|amended)[^()]*(?:\([^()]*\)[^()]*)*\))")
_YEAR_PAREN = re.compile(rf"\((?P<year>{_Y})\)")
_ACT = re.compile(r"^(?P<title>[A-Z][^,]{2,150}?\b(?:Act|Code|Law|Statute|Order|Regulation)(?: of (?P<year>\d{4}))?)\s*(?:,|$)")


def read(text: str, d: Draft) -> bool:
    """Read ``text`` as a case or a statute into ``d``; False when it is neither."""
    t = text.strip().rstrip(".")
    if " v" in t:
        m = _US_CASE.match(t)
        if m:
            _put(d, "title", m.group("name"))
            _put(d, "volume", m.group("vol"))
            _put(d, "container_title", m.group("rep"))
            _put(d, "page", m.group("page"))
            if m.group("pin"):
                d.locator = m.group("pin")
            if m.group("court").strip():
                _put(d, "authority", m.group("court"))
            d.issued = dates.parse_date(m.group("year"))
            d.ev.shapes.add("legal_case")
            return True
        m = _UK_CASE.match(t)
        if m:
            _put(d, "title", m.group("name"))
            report = _REPORT.match(m.group("rest"))
            if report:  # ``[1932] AC 562``, ``[2001] 1 WLR 24``, ``[2001] UKHL 22``
                if report.group("vol"):
                    _put(d, "volume", report.group("vol"))
                _put(d, "container_title", report.group("rep"))
                _put(d, "page", report.group("page"))
            else:
                _put(d, "container_title", m.group("rest"))
            if m.group("pin"):
                d.locator = m.group("pin").strip("[]")
            d.issued = dates.parse_date(m.group("year"))
            d.ev.shapes.add("legal_case")
            return True
    if "Stat." in t or "U.S" in t or "USC" in t or "Pub. L." in t or "C.F.R." in t or "CFR" in t:
        return _statute(t + "." if t.endswith(" seq") else t, d)  # ``et seq.`` keeps its stop
    return False


def _put(d: Draft, key: str, value: str) -> None:
    """The field as printed: a reporter's or court's final stop (``U.S.``, ``D.C. Cir.``,
    ``Stat.``) is its abbreviation's, which ``Draft.set`` would cut."""
    value = value.strip(" ,;")
    if value:
        d.text.setdefault(key, value)
        d.certain.add(key)


def _statute(t: str, d: Draft) -> bool:
    """A statute: a public law, a session law, a code section, and the act's name."""
    codified = _CODIFIED.search(t)
    if codified:  # ``(codified as 44 U.S.C. § 3501 note)``: the writer's pointer, not this law
        d.suffix.append(codified.group(1))
        t = t[: codified.start()] + t[codified.end() :]
    first = _SECTION_FIRST.match(t)
    if first:
        _put(d, "section", first.group("section"))
        t = t[first.end() :]
    act = _ACT.match(t)
    law = _PUBLIC_LAW.search(t)
    session = _SESSION.search(t)
    code = _CODE.search(t) if not session else None
    if not (law or session or code):
        return False
    if act:
        _put(d, "title", act.group("title"))
    if law:
        _put(d, "number", law.group("no"))
    found = session or code
    if found:
        _put(d, "volume", found.group("vol"))
        _put(d, "container_title", found.group("rep"))
    if session:
        _put(d, "page", session.group("page"))
    elif code and code.group("section"):
        _put(d, "section", code.group("section"))
    year = _YEAR_PAREN.search(t)
    if year or (act and act.group("year")):
        d.issued = dates.parse_date(year.group("year") if year else act.group("year"))  # type: ignore[union-attr]
    d.ev.shapes.add("legislation")
    return True
