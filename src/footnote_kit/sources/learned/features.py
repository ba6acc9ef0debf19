"""A scan's tokens as CRF features: what each token is, where it stands, what surrounds it.

Every feature comes from the one scan of the note (its tokens, quote and bracket depth,
italics) or from small word lists, so that computing them costs one pass over the
tokens. Word lists name the words that mark fields in the languages notes are written in
(``ed.``/``Hrsg.``/``trad.``, ``p.``/``S.``/``с.``, ``See``/``Vgl.``/``Voir``), so that
the model learns the role of a marker once for all of them.
"""

from __future__ import annotations

import re
from typing import Sequence

from footnote_kit.sources.dates import _MONTHS
from footnote_kit.sources.scan import NUMBER, PUNCT, URL, WORD, Scan, Token

_LEXICON: dict[str, str] = {}


def _words(kind: str, words: str) -> None:
    for w in words.split():
        _LEXICON.setdefault(w, kind)


_words("sig", "see cf compare vgl siehe voir véase vease ср см cp also further esp especially e.g eg z.b zb quoted cited")
_words("role", "ed eds edited editor editors edn hrsg hg herausgegeben trans translated translator übers übersetzt trad traduit traducción dir éd éds coord comp")
_words("pg", "p pp pg pgs page pages s ss с стр at f ff passim")
_words("vol", "vol vols volume bd band t tome tom т")
_words("no", "no nos nr issue iss num heft №")
_words("ibid", "ibid ibidem id idem ebd ebenda ders dies eadem там же op loc cit a.a.o")
_words("in", "in dans en в")
_words("and", "and und et y e и &")
_words("acc", "accessed retrieved consulted viewed visited abgerufen consulté consultado zugegriffen доступ")
_words("onl", "online available verfügbar disponible url")
_words("pub", "press university verlag éditions editions editorial books publishers publishing publications издательство presses universitaires")
_words("org", "ministry council committee commission office department agency institute institution foundation center centre bank fund organisation organization association group watch nations union court government")
_words("gen", "report paper brief thesis dissertation diss phd memo statement release speech letter interview testimony hearing")
_words("nd", "n.d nd s.d o.j")
_words("by", "by von par por")
_words("etal", "et al u.a")
for _m in _MONTHS:
    _LEXICON.setdefault(_m, "mon")

_ROMAN = re.compile(r"^[ivxlcdm]+$", re.I)
_SHAPE_MAP = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
    "xxxxxxxxxxxxxxxxxxxxxxxxxxXXXXXXXXXXXXXXXXXXXXXXXXXXdddddddddd",
)


def _shape(text: str) -> str:
    """``Xxxx`` → ``Xx``, ``1990`` → ``d``: character classes with runs collapsed."""
    out = []
    last = ""
    for c in text[:12]:
        if c.isalpha():
            s = "X" if c.isupper() else "x"
        elif c.isdigit():
            s = "d"
        else:
            s = c
        if s != last:
            out.append(s)
            last = s
    return "".join(out)


def _word_kind(low: str) -> str | None:
    return _LEXICON.get(low.rstrip("."))


_STATIC: dict[tuple[str, str], tuple[str, str, tuple[str, ...]]] = {}
"""(token text, kind) -> (its word feature, its shape, the features of the token alone):
words repeat across notes, so each is described once per process."""


def _static(text: str, kind: str) -> tuple[str, str, tuple[str, ...]]:
    key = (text, kind)
    hit = _STATIC.get(key)
    if hit is not None:
        return hit
    if kind == WORD or kind == NUMBER:
        low = text.lower()
        w = low if len(low) <= 20 else low[:20]
        shape = _shape(text)
    elif kind == PUNCT:
        w = shape = text
    else:
        w = shape = "<" + kind + ">"
    f = ["w=" + w, "sh=" + shape, "k=" + kind]
    if kind == WORD:
        if len(w) > 3:
            f.append("p3=" + w[:3])
            f.append("s3=" + w[-3:])
        first = text[0]
        if first.isupper():
            f.append("cap")
            if text.isupper() and len(text) > 1:
                f.append("upper")
        lex = _word_kind(w)
        if lex:
            f.append("lex=" + lex)
        if _ROMAN.match(w) and len(w) <= 6:
            f.append("roman")
        if text.endswith(("'s", "’s")):
            f.append("poss")
        if not text.isascii():
            f.append("nonascii")
            if "\u0400" <= first <= "\u04ff":
                f.append("cyr")
    elif kind == NUMBER:
        if len(text) == 4 and text.isdigit() and ("1500" <= text <= "2099"):
            f.append("year")
        elif "–" in text or "-" in text or "—" in text:
            f.append("range")
        elif text.isdigit():
            f.append("dig" + str(min(len(text), 5)))
        else:
            f.append("numx")
    out = (w, shape, tuple(f))
    if len(_STATIC) < 200_000:
        _STATIC[key] = out
    return out


_REL = tuple(f"rel={k}" for k in range(10))
_POS = ("pos=0", "pos=1", "pos=2")
_Q = ("", "q1", "q2")
_B = ("", "b1", "b2")


def token_features(sc: Scan) -> list[list[str]]:
    """Feature strings for each token of ``sc``.

    Each token's own features come from ``_static`` (once per word and process); the
    features of its neighbours are built once per note as whole lists, since every
    token's ``w-1`` is its left neighbour's ``w+1`` word."""
    toks = sc.tokens
    n = len(toks)
    if not n:
        return []
    static = [_static(t.text, t.kind) for t in toks]
    basic = [s[0] for s in static]
    shapes = [s[1] for s in static]
    lex = [_word_kind(w) for w in basic]
    note = _note_features(toks, basic)
    pairs = [basic[i] + "|" + basic[i + 1] for i in range(n - 1)]
    near_year = _near(n, [i for i, s in enumerate(static) if "year" in s[2]], 6)
    near_quote = _near(n, [i for i, t in enumerate(toks) if t.quote], 4)
    out: list[list[str]] = []
    seen_quote = False
    seen_paren = False
    last = n - 1
    for i, t in enumerate(toks):
        f = list(static[i][2])
        kind = t.kind
        if kind == WORD:
            text = t.text
            if len(text) == 1 and text.isupper() and i < last and toks[i + 1].text == ".":
                f.append("initial")
            if basic[i] in _FUNCTION:
                f.append("fn")
            if i > 1 and basic[i - 1] == "." and text[:1].isupper() and toks[i - 2].kind == WORD and len(toks[i - 2].text) > 3:
                f.append("sentstart")
        if t.quote:
            f.append(_Q[min(t.quote, 2)])
            seen_quote = True
        elif seen_quote:
            f.append("afterq")
        if t.bracket:
            f.append(_B[min(t.bracket, 2)])
            seen_paren = True
        elif seen_paren:
            f.append("afterb")
        if t.italic:
            f.append("it")
        if t.space_before:
            f.append("sp")
        if i < 3:
            f.append(_POS[i])
        if i >= n - 2:
            f.append("last" + str(last - i))
        f.append(_REL[10 * i // n])
        if i:
            f.append("w-1=" + basic[i - 1])
            f.append("sh-1=" + shapes[i - 1])
            f.append("w-1|w=" + pairs[i - 1])
            before = lex[i - 1]
            if before:
                f.append("lex-1=" + before)
            if i > 1:
                f.append("w-2=" + basic[i - 2])
        else:
            f.append("BOS")
        if i < last:
            f.append("w+1=" + basic[i + 1])
            f.append("sh+1=" + shapes[i + 1])
            f.append("w|w+1=" + pairs[i])
            after = lex[i + 1]
            if after:
                f.append("lex+1=" + after)
            if i + 2 < n:
                f.append("w+2=" + basic[i + 2])
        else:
            f.append("EOS")
        if near_year[i]:
            f.append("yearnear")
        if near_quote[i]:
            f.append("quotenear")
        f.extend(note)
        out.append(f)
    return out


def _near(n: int, marks: Sequence[int], width: int) -> list[bool]:
    """For each of ``n`` tokens, whether one of ``marks`` is at most ``width`` away."""
    out = [False] * n
    for m in marks:
        for j in range(max(0, m - width), min(n, m + width + 1)):
            out[j] = True
    return out


_FUNCTION = frozenset(
    "the a an of to in and or but is are was were be been has have had that this these those it its he she they we "
    "his her their our which who whom what when where not no as at by for from with on also than then there here "
    "der die das und ist sind war ein eine nicht le la les et est sont un une des du de que qui il elle el los las y es "
    "son una que no в и на не что это как".split()
)


def _note_features(toks: Sequence[Token], basic: Sequence[str]) -> list[str]:
    """What the whole note is like, given to every token: prose is many function words
    and few numbers; a citation is names, a title, a year."""
    words = [w for t, w in zip(toks, basic) if t.kind == WORD]
    fn = sum(1 for w in words if w in _FUNCTION)
    share = fn / len(words) if words else 0.0
    out = ["nfn=" + str(min(int(share * 10), 4)), "nlen=" + str(min(len(toks) // 15, 5))]
    if any(t.kind == URL for t in toks):
        out.append("nurl")
    return out
