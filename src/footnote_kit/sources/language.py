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
_ENDINGS = {
    "ru": tuple("ogo ykh ikh iye yye aya oye oy yy iy ali ili ayut yut ovat tsii tsiya stvo ennyy skiy skoy nyye ovaniye ila ala ilo yat yet ut".split()),
    "uz": tuple("lari larida laridan ning dagi ini iga ga dan da lar mizga idi ildi moqda".split()),
    "de": tuple("ung ungen keit heit schaft lich isch chen mmer".split()),
}
# Letters typical of each language, counted with str.count (a regex alternation tried at
# every position was the slowest step of language scoring); uz's o‘/g‘ needs a regex,
# run only when an apostrophe is there.
_LETTER_COUNTS = (
    ("de", tuple("äöüß")),
    ("fr", tuple("éèêàçœ")),
    ("es", tuple("ñ¿¡áíóú")),
    ("tr", tuple("şğı")),
    ("pl", tuple("łąęśźżćń")),
    ("uz", ("q",)),
    ("ru", ("zh", "kh", "shch", "ts")),
)
_UZ_APOSTROPHE = re.compile(r"[oOgG][‘’'ʻ`](?=\w)")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_CYR_LANG = [("kk", re.compile(r"[әұіңғқөүһ]")), ("tg", re.compile(r"[ӣӯҳҷ]")), ("uk", re.compile(r"[іїєґ]")), ("uz", re.compile(r"[ўқғҳ]")), ("ky", re.compile(r"[ңөү]"))]
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_PERSIAN = re.compile(r"[پچژگ]")
_CJK = re.compile(r"[\u3040-\u30ff]|[\u4e00-\u9fff]|[\uac00-\ud7af]")
# any of _CYRILLIC, _ARABIC, _CJK in one scan: most non-ASCII titles are in Latin letters
_NON_LATIN = re.compile(r"[\u0400-\u04FF\u0600-\u06FF\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
_WORD = re.compile(r"[^\W\d_][\w’'ʻ‘-]*")
# _WORD on ASCII text: there its classes hold just these characters, and plain ranges
# are a fifth faster to scan than a negated class of categories
_ASCII_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_'-]*")
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


# The endings by their last two letters (every ending has two or more): a word's last two
# letters pick the few languages and endings it can end with, instead of 62 endswith tests.
_ENDINGS_BY_TAIL: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {}
for _tail in sorted({e[-2:] for endings in _ENDINGS.values() for e in endings}):
    _ENDINGS_BY_TAIL[_tail] = tuple(
        (lang, tuple(e for e in endings if e.endswith(_tail))) for lang, endings in _ENDINGS.items() if any(e.endswith(_tail) for e in endings)
    )
assert min(len(e) for endings in _ENDINGS.values() for e in endings) >= 2
_STOP_INDEX: dict[str, tuple[str, ...]] = {}
for _lang, _words in _STOP.items():
    for _w in _words:
        _STOP_INDEX[_w] = _STOP_INDEX.get(_w, ()) + (_lang,)
_ALL_STOP = frozenset(_STOP_INDEX)
# every language at 0.0, in _STOP's order (guess takes the first listed on a tie)
_ZERO = {lang: 0.0 for lang in _STOP}
_APOSTROPHES = ("‘", "’", "'", "ʻ", "`")


def _find_words(text: str) -> list[str]:
    """``_WORD.findall(text)``."""
    return (_ASCII_WORD if text.isascii() else _WORD).findall(text)


def _best_other(s: dict[str, float]) -> float:
    """The top score of the languages other than English: the largest value, or the
    second largest when English holds the largest (sorting nine floats runs in C)."""
    vals = sorted(s.values())
    return vals[-2] if s["en"] == vals[-1] else vals[-1]


def scores(title: str, *, english_exit: bool = False) -> dict[str, float]:
    """Evidence per language: stop words count 1; in lower-case words (a transliterated
    title is in sentence case, and ``Kazakhstan`` is a name in any language), a typical
    ending or letter counts 0.5. With ``english_exit``, a title whose stop words are
    plainly English is not scored further (most titles are; this is the fast path)."""
    words = _find_words(title)
    out = _ZERO.copy()
    # a stop word counts once however often it recurs: one C intersection with all stop
    # words finds the few there are, the index says whose they are
    for w in _ALL_STOP.intersection(map(str.lower, words)):
        for lang in _STOP_INDEX[w]:
            out[lang] += 1
    if english_exit:
        en = out["en"]
        if en >= 2 and en >= 2 * _best_other(out):
            return out
    lower_words = [w for w in words if w[:1].islower()]
    if not lower_words:
        return out
    for low in lower_words:
        if len(low) > 4:
            for lang, endings in _ENDINGS_BY_TAIL.get(low[-2:], ()):
                if low.endswith(endings):
                    out[lang] += 0.5
    joined = " ".join(lower_words)
    if joined.isascii():
        # ASCII words can hold none of the accented letters: count only q and the digraphs
        n = joined.count("q")
        if n:
            out["uz"] += 0.5 * n
        n = joined.count("zh") + joined.count("kh") + joined.count("shch") + joined.count("ts")
        if n:
            out["ru"] += 0.5 * n
        if "'" in joined or "`" in joined:
            out["uz"] += 0.5 * len(_UZ_APOSTROPHE.findall(joined))
        return out
    for lang, needles in _LETTER_COUNTS:
        n = 0
        for x in needles:
            n += joined.count(x)
        if n:
            out[lang] += 0.5 * n
    if any(a in joined for a in _APOSTROPHES):
        out["uz"] += 0.5 * len(_UZ_APOSTROPHE.findall(joined))
    return out


def guess(title: str | None, *, url: str | None = None, translated: bool = False, context: str | None = None) -> str | None:
    """The title's language code, or None (English, or not sure).

    ``context`` is the outlet's name: its articles (``Der Spiegel``, ``Le Monde``) are
    evidence of the language it publishes in, counted as stop words."""
    if not title:
        return None
    if title.isascii() or not _NON_LATIN.search(title):
        pass
    elif _CYRILLIC.search(title):
        for code, letters in _CYR_LANG:
            if letters.search(title):
                return code
        return "ru"
    elif _ARABIC.search(title):
        return "fa" if _PERSIAN.search(title) else "ar"
    elif _CJK.search(title):
        return None
    s = scores(title, english_exit=not translated and title.isascii())
    if context:
        for word in _find_words(context):
            if len(word) > 1:
                for lang in _STOP_INDEX.get(word.lower(), ()):
                    s[lang] += 1
    english = s["en"]
    other = _best_other(s)
    # The URL adds 1 to one language at most. When English leads by 1 or more, English
    # stays on top whatever it adds (a tie goes to English, listed first); untranslated,
    # with no other language at 1 or more, none can reach the 2 needed. Either way: None.
    if english >= other + 1 or (not translated and other < 1):
        return None
    hint = from_url(url)
    if hint and hint in s:
        s[hint] += 1.0
    vals = sorted(s.values())
    top = vals[-1]
    # English is listed first, so it is the best language whenever it has the top score
    if s["en"] == top:
        return None
    need = 1.0 if translated else 2.0
    # and top > english, as English is not the top score; the runner-up's score is the
    # second largest value (the best language holds the largest)
    if top >= need and top >= vals[-2] * 1.5:
        # the best language: the first listed on a tie, as a stable sort would give
        return next(k for k, v in s.items() if v == top)
    if translated and hint and hint != "en":
        return hint
    return None
