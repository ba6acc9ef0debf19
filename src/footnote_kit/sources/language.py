"""The language of a title, as a CSL ``language`` code, guessed only when confident.

Why it matters: CSL processors, biblatex and pandoc title-case English titles; a
transliterated Russian or Uzbek title must carry its language or it comes out as
``Istochniki: V Sirii Arestovany Tadzhikskiye``. English gets no code (the processors'
default), and a guess is made only from clear evidence: the script, stop words, the
word endings of a transliteration, a language segment in the URL (``/ru/``, ``rus.``).
A title followed by a printed translation is known to be non-English, which lowers the bar.
"""

from __future__ import annotations

import re

_STOP = {
    "en": "the of and in to a for on with is are was were by from as at that has have its it how what who why will be not after over into about their this new".split(),
    "de": "der die das und ein eine einer eines mit von vom zu zum zur für auf im ist nicht nach bei den dem des sich aus über wie als auch gegen unter wird".split(),
    "fr": "le la les des du et un une pour dans sur avec au aux est qui que ne pas par entre sont leur contre selon".split(),
    "es": "el los las del y en un una para con por que se su es al como sobre entre contra según".split(),
    "it": "il lo gli della delle di e per con che del nel nella sono una alla".split(),
    "ru": "v na iz za po ne ot dlya ili kak chto pri bez nad pod ob eto ego ikh uzhe kto gde i s o k u vo so".split(),
    "uz": "va bilan uchun ham bu nafar yil emas qanday".split(),
    "tr": "ve bir bu için ile olarak gibi daha çok".split(),
    "pl": "w z na i do się nie o że od dla jak po przez".split(),
}
_STOPSETS = {lang: frozenset(words) for lang, words in _STOP.items()}
_ENDINGS = {
    "ru": re.compile(r"(?:ogo|ykh|ikh|iye|yye|aya|oye|oy|yy|iy|ali|ili|ayut|yut|ovat|tsii|tsiya|stvo|ennyy|skiy|skoy|nyye|ovaniye|ila|ala|ilo|yat|yet|ut)$"),
    "uz": re.compile(r"(?:lari|larida|laridan|ning|dagi|ini|iga|ga|dan|da|lar|mizga|idi|ildi|moqda)$"),
    "de": re.compile(r"(?:ung|ungen|keit|heit|schaft|lich|isch|chen|mmer)$"),
}
_LETTERS = {
    "de": re.compile(r"[äöüß]"),
    "fr": re.compile(r"[éèêàçœ]"),
    "es": re.compile(r"[ñ¿¡áíóú]"),
    "tr": re.compile(r"[şğı]"),
    "pl": re.compile(r"[łąęśźżćń]"),
    "uz": re.compile(r"[oOgG][‘’'ʻ`](?=\w)|q"),
    "ru": re.compile(r"zh|kh|shch|ts"),
}
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_CYR_LANG = [("kk", re.compile(r"[әұіңғқөүһ]")), ("tg", re.compile(r"[ӣӯҳҷ]")), ("uk", re.compile(r"[іїєґ]")), ("uz", re.compile(r"[ўқғҳ]")), ("ky", re.compile(r"[ңөү]"))]
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_PERSIAN = re.compile(r"[پچژگ]")
_CJK = re.compile(r"[\u3040-\u30ff]|[\u4e00-\u9fff]|[\uac00-\ud7af]")
_WORD = re.compile(r"[^\W\d_][\w’'ʻ‘-]*")
_URL_LANG = re.compile(r"^https?://(?:(?P<sub>[a-z]{2,7})\.)?[^/]+(?:/(?P<path>[a-z]{2,3})(?:[-_][a-z]{2})?)?(?:/|$)", re.I)
_URL_CODES = {"ru": "ru", "rus": "ru", "russian": "ru", "de": "de", "fr": "fr", "es": "es", "uz": "uz", "uzb": "uz", "tj": "tg", "kz": "kk", "kk": "kk", "ky": "ky", "it": "it", "tr": "tr", "pl": "pl", "en": "en", "eng": "en", "english": "en", "uzkr": "uz"}


def from_url(url: str | None) -> str | None:
    """A language the URL names in its first path segment or its subdomain."""
    if not url:
        return None
    m = _URL_LANG.match(url)
    if not m:
        return None
    for key in (m.group("path"), m.group("sub")):
        if key and key.lower() in _URL_CODES:
            return _URL_CODES[key.lower()]
    return None


def scores(title: str) -> dict[str, float]:
    words = _WORD.findall(title)
    out = {lang: 0.0 for lang in _STOP}
    for k, word in enumerate(words):
        low = word.lower()
        for lang, stop in _STOPSETS.items():
            if low in stop:
                out[lang] += 1
        if word[:1].islower() or k == 0:
            for lang, ending in _ENDINGS.items():
                if len(low) > 4 and ending.search(low):
                    out[lang] += 0.5
            for lang, letters in _LETTERS.items():
                if word[:1].islower() and letters.search(word):
                    out[lang] += 0.5
    return out


def guess(title: str | None, *, url: str | None = None, translated: bool = False, context: str | None = None) -> str | None:
    """The title's language code, or None (English, or not sure).

    ``context`` is the outlet's name: its articles (``Der Spiegel``, ``Le Monde``) are
    evidence of the language it publishes in, counted as stop words."""
    if not title:
        return None
    if _CYRILLIC.search(title):
        for code, letters in _CYR_LANG:
            if letters.search(title):
                return code
        return "ru"
    if _ARABIC.search(title):
        return "fa" if _PERSIAN.search(title) else "ar"
    if _CJK.search(title):
        return None
    s = scores(title)
    if context:
        for word in _WORD.findall(context):
            for lang, stop in _STOPSETS.items():
                if word.lower() in stop and len(word) > 1:
                    s[lang] += 1
    hint = from_url(url)
    if hint and hint in s:
        s[hint] += 1.0
    ranked = sorted(s.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if best == "en":
        return None
    english = s["en"]
    need = 1.0 if translated else 2.0
    if top >= need and top > english and top >= second * 1.5:
        return best
    if translated and hint and hint != "en":
        return hint
    return None
