"""What a page says about itself: a soft-404 or a bot wall behind a 200 (or a 403).

Kept apart from the HTTP client because it is pure (bytes in, verdict out) and is where
false alarms are born: every pattern here is anchored so that news about things "not
found" stays a live page, and body markers of bot walls count only on a refusal.
"""

from __future__ import annotations

import re
from typing import Any

from footnote_kit.model import LinkStatus

# Phrases a "not found" page puts in its title or heading. Anchored so that news about
# things not found ("Missing plane not found", "Flight 404 lands") stays a live page.
_NOT_FOUND = re.compile(
    r"\b(?:page|file|article|document|content|story|resource|url)s?\s+(?:you\s+requested\s+)?(?:was\s+|is\s+|could\s+)?"
    r"(?:not\s+(?:be\s+)?found|can(?:[’']?t|not)\s+be\s+found|no\s+longer\s+(?:exists|available)|does\s*n[o'’]t\s+exist|cannot\s+be\s+found)"
    r"|^\W*(?:error\s*)?(?:404\W*)?not\s+found\b|\b(?:error|fehler|erreur|ошибка|hata|xato)\s*:?\s*404\b|^\W*404\b"
    r"|\b404\s*(?:error|not\s+found|page)\b|\b(?:can[’']?t|cannot|could\s*n[’']?t|could\s+not)\s+find\s+(?:that|the|this)\s+page|\boops\b.{0,30}\b(?:not\s+found|can[’']?t\s+find|doesn[’']?t\s+exist)"
    r"|страница\s+не\s+(?:найдена|существует)|запрашиваемая\s+страница|page\s+introuvable|seite\s+nicht\s+gefunden"
    r"|p[aá]gina\s+no\s+encontrada|p[aá]gina\s+n[aã]o\s+encontrada|sayfa\s+bulunamad|sahifa\s+topilmadi|саҳифа\s+ёфт\s+нашуд"
    r"|бет\s+табылмады|бет\s+табылган\s+жок|الصفحة\s+غير\s+موجودة|页面不存在|找不到(?:该|此)?页面",
    re.I,
)
_CHALLENGE_TITLE = re.compile(
    r"just a moment|attention required|checking your browser|ddos-guard|access denied|are you a robot|"
    r"captcha|verify you are human|security check|request unsuccessful|pardon our interruption",
    re.I,
)
_CHALLENGE_BODY = re.compile(
    rb"challenge-platform|cf-chl|cf_chl_|__cf_bm|_Incapsula_Resource|px-captcha|ddos-guard|g-recaptcha|hcaptcha|"
    rb"Enable JavaScript and cookies to continue",
    re.I,
)


_TITLE_TAG = re.compile(rb"<title[^>]*>.{0,1000}?</title\s*>", re.I | re.S)
_H1_TAG = re.compile(rb"<h1[\s>].{0,2000}?</h1\s*>", re.I | re.S)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w\-]+)""", re.I)


def page_texts(body: bytes, content_type: str = "") -> tuple[str, str]:
    """The ``<title>`` and first ``<h1>`` of a (capped) HTML body, decoded as the page says.

    Only those two elements are handed to beautifulsoup4 (imported here, on first use):
    parsing a whole page's head for every link would cost more CPU than the checking.
    The encoding comes from the HTTP header, else the page's ``<meta charset>``, else
    beautifulsoup4's detection, so a windows-1251 page reads as Cyrillic, not mojibake.
    """
    parts = [m.group(0) for m in (_TITLE_TAG.search(body), _H1_TAG.search(body)) if m]
    if not parts:
        return "", ""
    from bs4 import BeautifulSoup

    enc = None
    m = re.search(r"charset=([\w\-]+)", content_type or "", re.I)
    if m:
        enc = m.group(1)
    else:
        mb = _META_CHARSET.search(body[:8192])
        enc = mb.group(1).decode("ascii", "replace") if mb else None
    soup = BeautifulSoup(b"<html>" + b"".join(parts) + b"</html>", "html.parser", from_encoding=enc)
    title = soup.find("title")
    h1 = soup.find("h1")
    return (title.get_text(" ", strip=True) if title else ""), (h1.get_text(" ", strip=True) if h1 else "")


def judge_body(body: bytes, content_type: str, headers: Any) -> tuple[LinkStatus, str] | None:
    """``soft-404`` or ``blocked`` when a page answering 200 says it is neither; else None."""
    if "html" not in (content_type or "html").lower() or not body:
        return None
    title, h1 = page_texts(body, content_type)
    if is_challenge(title, body, headers):
        return LinkStatus.BLOCKED, f"bot wall: {title or 'challenge page'!r}"
    for text, where in ((title, "title"), (h1, "heading")):
        if text and len(text) <= 120 and _NOT_FOUND.search(text):
            return LinkStatus.SOFT_404, f"{where} says {text!r}"
    return None


def is_challenge(title: str, body: bytes, headers: Any, refused: bool = False) -> bool:
    """A Cloudflare-style bot wall: the page probably exists but refuses robots.

    Body markers count only on a refusal (403/429/503): Cloudflare injects its challenge
    script into many ordinary pages that answer 200, and those are live.
    """
    if headers is not None and str(headers.get("cf-mitigated", "")).lower() == "challenge":
        return True
    if title and _CHALLENGE_TITLE.search(title):
        return True
    return refused and bool(_CHALLENGE_BODY.search(body[:65536]))
