"""Words in URL slugs: transliteration-tolerant matching and splitting of run-together tokens.

A URL that wrapped at a line break in a PDF loses the hyphen at the break, so two slug
words run together (``kazakhstantsevposledovatelej``). The words are nearly always words
of the cited title, but transliterated by the site's own scheme, not the note's
(``posledovateley`` in the title, ``posledovatelej`` in the slug; ``Jizzakh`` and
``zhizzakh``; ``Salokha`` and ``saloha``). So words are compared through a *skeleton*:
transliterated to Latin, digraphs folded to one letter (``zh``/``dzh``/Uzbek ``j``,
``shch``/``sch``/``sh``, ``ts``/``c``), and the letters transliteration schemes disagree
on (vowels, ``y``/``j`` glides, ``h``/``kh``) dropped.

Standard library only, and pure: the lexicon is built from what the document says.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable

# Weights of where a word was seen: the note's own title is the best witness of a slug,
# then the site's other URLs, then the rest of the document, then a short list of
# function words of the languages notes cite in, and pieces of the host name.
TITLE = 3.0
SITE = 2.5
DOCUMENT = 2.0
COMMON = 1.5
HOST = 1.5

_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґәғқңөұүһ",
        "a b v g d e e zh z i j k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya i yi ye g a gh q ng o u u h".split(),
    )
)
_CYRILLIC = {k: ("" if v == "_" else v) for k, v in _CYRILLIC.items()}

# Function words: they are what a title-less slug splits on most often (``in``+``poland``,
# ``pressemitteilung``+``vom``). Two letters at least: a lone ``a``/``v``/``i`` counts only
# when the note's title has it.
COMMON_WORDS = frozenset(
    """
    an the of in on at to for and or by as is it its be are was how why what who with from into
    over after new not no up out says said than that this their they we you our via per about
    vo na za iz ili so ko po ot do ob pri pro dlya kak chto ne eto ego ikh nad pod bez
    der die das den dem des und im vom von zum zur mit auf fur bei nach aus ein eine ist am
    le la les de des du un une et en au aux sur pour par dans
    el los las del con por para em da
    va bilan uchun ham ve ile bir
    """.split()
)

_DIGRAPHS = re.compile(r"shch|sch|dzh|zh|kh|ch|sh|ts(?=[aeiouy])|tz|cz|ck|ph|[jhaeiouy]")
_DIGRAPH_MAP = {
    "shch": "S", "sch": "S", "sh": "S", "dzh": "J", "zh": "J", "j": "J", "ch": "C", "ts": "C",
    "tz": "C", "cz": "C", "ck": "k", "ph": "f", "kh": "",
}


@functools.lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Lower case, Latin letters and digits only: ``Gibel’`` -> ``gibel``, ``Жив`` -> ``zhiv``."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFKD", word.lower()):
        if ch in _CYRILLIC:
            out.append(_CYRILLIC[ch])
        elif ch == "ß":
            out.append("ss")
        elif ch.isascii() and ch.isalnum():
            out.append(ch)
        elif ch == "\u0306" and out and out[-1] == "i":  # й decomposes to и + breve
            out[-1] = "j"
    return "".join(out)


def _fold_digraph(m: re.Match[str]) -> str:
    found = m.group(0)
    if found == "j":  # a consonant before a vowel or at the start (Uzbek ``Jizzakh``), else a glide
        after = m.string[m.end() : m.end() + 1]
        return "J" if m.start() == 0 or (after and after in "aeiouy") else ""
    return _DIGRAPH_MAP.get(found, "")


@functools.lru_cache(maxsize=1 << 16)
def skeleton(word: str) -> str:
    """What stays the same across transliterations of one word (see the module docstring)."""
    text = fold(word).replace("x", "ks").replace("q", "k").replace("w", "v")
    text = _DIGRAPHS.sub(_fold_digraph, text)
    return text.replace("c", "C")


_HEAD = re.compile(r"dzh|zh|dj|j|kh|h|x|shch|sch|sh|ch|ts|[aeiouy]")
_HEAD_MAP = {"dzh": "J", "zh": "J", "dj": "J", "j": "J", "kh": "H", "h": "H", "x": "k", "shch": "S",
             "sch": "S", "sh": "S", "ch": "C", "ts": "C"}


@functools.lru_cache(maxsize=1 << 16)
def head(word: str) -> str:
    """The first sound of a word, as transliterations agree on it (``Jizzakh``/``zhizzakh``:
    ``J``; any vowel: ``V``). A skeleton drops vowels and ``h``; this keeps a split from
    moving them across the cut (``etnicheski|hterroristicheskih``)."""
    text = fold(word)
    m = _HEAD.match(text)
    if m:
        return _HEAD_MAP.get(m.group(0), "V")
    return text[:1]


def _vowels(word: str) -> str:
    return re.sub(r"[^aeiou]", "", word)


_WORD = re.compile(r"[^\W_]+(?:['’ʼ][^\W_]+)*")
_URL_IN_TEXT = re.compile(r"(?:https?://|www\.)\S+")


def words_of(text: str) -> list[str]:
    """The words of a title or a note, folded; ``Julani’s`` gives ``julanis`` and ``julani``."""
    out: list[str] = []
    for match in _WORD.finditer(_URL_IN_TEXT.sub(" ", text)):
        word = match.group(0)
        pieces = re.split(r"['’ʼ]", word)
        if len(pieces) > 1:
            out.append(fold("".join(pieces)))
            out.extend(fold(p) for p in pieces if len(p) > 1)  # not the ``s`` of ``Julani’s``
        else:
            out.append(fold(word))
    return [w for w in out if w]


def elisions(text: str) -> dict[str, int]:
    """Elided words (``l’énergie``, ``d’Asie``) -> where the apostrophe was.

    Sites write them with a separator (``l-energie``), where a possessive
    (``Julani’s``) is written joined (``julanis``): so an elision is a place to split
    even though the joined form is a word of the title.
    """
    out: dict[str, int] = {}
    for match in _WORD.finditer(_URL_IN_TEXT.sub(" ", text)):
        pieces = re.split(r"['’ʼ]", match.group(0))
        if len(pieces) == 2 and 1 <= len(fold(pieces[0])) <= 2 and len(fold(pieces[1])) >= 3:
            out[fold("".join(pieces))] = len(fold(pieces[0]))
    return out


@dataclass
class Lexicon:
    """Known words with the weight of their best witness, indexed for exact and skeleton look-up.

    A lexicon may have a ``parent`` whose words it knows too (``child()``): a document's
    words are indexed once, a site's URLs once per host, and each URL adds only its own
    title on top, instead of copying the document's whole vocabulary for every URL.
    """

    exact: dict[str, float] = field(default_factory=dict)
    skeletons: dict[str, dict[str, float]] = field(default_factory=dict)
    """skeleton -> {folded word: weight}"""
    hosts: list[str] = field(default_factory=list)
    elided: dict[str, int] = field(default_factory=dict)
    _sorted: list[str] = field(default_factory=list)
    _dirty: bool = False
    parent: "Lexicon | None" = None

    def add(self, words: Iterable[str], weight: float) -> None:
        for word in words:
            word = fold(word)
            if not word or word.isdigit():
                continue
            if self.exact.get(word, 0.0) < weight:
                self.exact[word] = weight
            skel = skeleton(word)
            if len(skel) >= 2:
                spellings = self.skeletons.setdefault(skel, {})
                if spellings.get(word, 0.0) < weight:
                    spellings[word] = weight
                self._dirty = True

    def child(self) -> "Lexicon":
        """An empty lexicon that also knows every word of this one (which it never changes).

        The parent's index is built now, once, so that children used from several
        threads only ever read it.
        """
        for layer in self._layers():
            if layer._dirty:
                layer._sorted = sorted(layer.skeletons)
                layer._dirty = False
        return Lexicon(parent=self)

    def copy(self) -> "Lexicon":
        return Lexicon(
            exact=dict(self.exact),
            skeletons={k: dict(v) for k, v in self.skeletons.items()},
            hosts=list(self.hosts),
            elided=dict(self.elided),
            _sorted=list(self._sorted),
            _dirty=self._dirty,
            parent=self.parent,
        )

    def _layers(self) -> Iterable["Lexicon"]:
        layer: Lexicon | None = self
        while layer is not None:
            yield layer
            layer = layer.parent

    def known(self, word: str) -> float:
        """The weight of ``word`` (folded) exactly as written; 0 when unknown."""
        return max(layer.exact.get(word, 0.0) for layer in self._layers())

    def elision(self, word: str) -> int | None:
        """Where an elided word (``l'énergie``, folded) splits, if a witness wrote it so."""
        for layer in self._layers():
            cut = layer.elided.get(word)
            if cut is not None:
                return cut
        return None

    def add_host(self, host: str) -> None:
        """Host labels (``iraqinews``) name the site's subject; their ends are words."""
        for label in host.lower().split("."):
            if len(label) >= 6:
                self.hosts.append(label)

    def score(self, piece: str, *, exclude: str = "", inflect: bool = True) -> float:
        """How well ``piece`` is known: 0 when not at all.

        ``exclude`` is the token being split: it cannot vouch for its own pieces
        (``antiterr`` is not a word because ``antiterror`` is).
        """
        word = fold(piece)
        if not word or word == exclude:
            return 0.0
        best = self.known(word)
        if len(word) <= 2:
            return best if best >= TITLE or word in COMMON_WORDS else 0.0
        if word in COMMON_WORDS:
            best = max(best, COMMON)
        if len(word) >= 4:
            skel = skeleton(word)
            best = max(best, 0.9 * self._spelled(word, skel, exclude))
            if len(skel) >= 4 and inflect:
                best = max(best, 0.7 * self._inflected(skel, skeleton(exclude) if exclude else "", head(word), len(word)))
            for layer in self._layers():
                for label in layer.hosts:
                    if label != word and (label.startswith(word) or label.endswith(word)):
                        best = max(best, HOST)
        return best

    def whole(self, token: str) -> float:
        """How well the unsplit token is known as one word (exact or another spelling)."""
        word = fold(token)
        best = self.known(word)
        skel = skeleton(word)
        if len(skel) >= 3:
            best = max(best, 0.9 * self._spelled(word, skel, ""), 0.7 * self._inflected(skel, "", head(word), len(word)))
        return best

    def _spelled(self, word: str, skel: str, exclude: str) -> float:
        """Best weight of another spelling of ``word``: same skeleton, nearly the same length
        (``posledovatelej``/``posledovateley``, ``saloha``/``salokha``)."""
        best = 0.0
        slack = 2 if len(skel) >= 3 else 1
        for layer in self._layers():
            for other, weight in layer.skeletons.get(skel, {}).items():
                if other == exclude or abs(len(other) - len(word)) > slack or head(other) != head(word):
                    continue
                # Two consonants say little (``ciety``/``city``): then the vowels must agree too.
                if len(skel) < 3 and _vowels(other) != _vowels(word):
                    continue
                best = max(best, weight)
        return best

    def _inflected(self, skel: str, exclude: str, start: str, length: int) -> float:
        """Best weight of a word whose skeleton differs from ``skel`` only by an ending
        (one consonant, three letters at most: ``kazahstan``/``kazakhstane``,
        ``pressemitteilung``/``pressemitteilungen``)."""
        best = 0.0
        stem = skel[:-2] if len(skel) > 5 else skel
        for layer in self._layers():
            if layer._dirty:
                layer._sorted = sorted(layer.skeletons)
                layer._dirty = False
            for other in layer._sorted[bisect.bisect_left(layer._sorted, stem) :]:
                if not other.startswith(stem):
                    break
                if other == exclude or other == skel:
                    continue
                shorter, longer = sorted((skel, other), key=len)
                if longer.startswith(shorter) and len(longer) - len(shorter) <= 1:
                    for spelling, weight in layer.skeletons[other].items():
                        if head(spelling) == start and abs(len(spelling) - length) <= 3:
                            best = max(best, weight)
        return best


_DIGRAPH_CUT = re.compile(r"[zkscdtp]h|ts")
_VOWEL = re.compile(r"[aeiouy]")


def plausible_word(piece: str) -> bool:
    """Could an unknown piece be a word of its own? Four letters, a vowel, no digit."""
    word = fold(piece)
    return len(word) >= 4 and word.isalpha() and bool(_VOWEL.search(word))


@dataclass(frozen=True)
class Split:
    """One way to read a token as several words: the pieces, and how sure we are."""

    pieces: tuple[str, ...]
    gain: float


def splits(
    token: str,
    lexicon: Lexicon,
    *,
    whole: float = 0.0,
    breaks: Iterable[int] = (),
    max_pieces: int = 3,
    limit: int = 4,
) -> list[Split]:
    """Ways to cut a run-together token into known words, best first.

    A cut needs every piece known, or all but one piece known with the unknown one a
    plausible word and its neighbours well known (a lone ``in`` does not make
    ``information`` into ``in formation``). A token the document uses as one word is
    not cut (``whole`` says how well it is known as one word: the caller knows which
    witnesses count for that, the document's prose rather than other, maybe damaged,
    URLs). ``breaks`` are offsets in the token where the copied text broke a line:
    the likeliest place of all for a lost hyphen.
    """
    if len(token) < 4 or not any(c.isalpha() for c in token) or "%" in token:
        return []
    cut = lexicon.elision(fold(token))
    if cut is not None and len(fold(token)) == len(token):
        return [Split((token[:cut], token[cut:]), TITLE)]
    if whole >= TITLE * 0.9:
        return []  # the title has this very word: it was never two
    break_set = set(breaks)
    found: list[Split] = []

    def walk(start: int, pieces: list[str], cuts: list[int]) -> None:
        rest = token[start:]
        if len(pieces) + 1 <= max_pieces and pieces:
            _consider(pieces + [rest], cuts)
        if len(pieces) + 1 >= max_pieces:
            return
        for end in range(start + 1, len(token)):
            walk(end, pieces + [token[start:end]], cuts + [end])

    def _consider(pieces: list[str], cuts: list[int]) -> None:
        values = [lexicon.score(p, exclude=fold(token)) for p in pieces]
        # Two neighbours that together make a known word were one word (``tysyach|i``).
        for left, right in zip(pieces, pieces[1:]):
            if lexicon.score(left + right, exclude=fold(token)) >= TITLE * 0.6:
                return
        unknown = [i for i, v in enumerate(values) if v == 0.0]
        at_break = sum(1 for c in cuts if c in break_set)
        if len(unknown) > 1:
            return
        if unknown:
            i = unknown[0]
            others = [v for j, v in enumerate(values) if j != i]
            # ... and its neighbours known as they are, not as another form of a word
            # (``livestr|eaming`` because ``livestream`` is known).
            strong = all(
                lexicon.score(p, exclude=fold(token), inflect=False) > COMMON and len(fold(p)) >= 4
                for j, p in enumerate(pieces)
                if j != i
            )
            if not (plausible_word(pieces[i]) and (strong or at_break)):
                return
            values[i] = 0.5 if others else 0.0
        # A short function word that ends a token is more often an inflection
        # (``tajikist|an``, ``pressemitteilung|en``) unless the title has it there.
        last = fold(pieces[-1])
        if len(last) <= 2 and min(values[-2:]) < TITLE * 0.85:
            return
        # A cut inside a digraph (``rubez|hvyekhalo``) is a transliteration artefact of
        # the skeleton, not a reading anyone would print.
        torn = sum(1 for c in cuts if _DIGRAPH_CUT.fullmatch(fold(token[c - 1 : c + 1])))
        low = min(values)
        gain = low - 1.0 * torn + 0.25 * (sum(values) - low) - 0.5 * (len(pieces) - 2) + 1.5 * at_break
        gain -= whole
        if gain > 0:
            found.append(Split(tuple(pieces), round(gain, 3)))

    walk(0, [], [])
    found.sort(key=lambda s: (-s.gain, len(s.pieces)))
    return found[:limit]


def camel_split(token: str) -> tuple[str, ...]:
    """``CouncilMeeting`` -> (``Council``, ``Meeting``); anything else -> (token,)."""
    parts = re.split(r"(?<=[a-z])(?=[A-Z][a-z])", token)
    return tuple(parts)
