"""Plain text <-> the LaTeX that goes inside a .bib field.

Why our own encoder rather than pybtex's: pybtex escapes a value it is given, so it
cannot tell our protective braces (``{UN}``) from a brace in a title, and it has no notion
of which capitals to protect. We escape first, then add braces, and hand pybtex finished
values.
"""

from __future__ import annotations

import codecs

import latexcodec  # noqa: F401  (registers the "ulatex" codec; comes with pybtex)
import re
from typing import cast

_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "$": r"\$",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_SPECIAL_RE = re.compile("|".join(re.escape(c) for c in _SPECIAL))

# ISO 639-1 (and a few 639-3) codes -> babel/polyglossia names that biblatex's langid takes.
ISO_TO_BABEL = {
    "en": "english", "ru": "russian", "uk": "ukrainian", "be": "belarusian", "kk": "kazakh",
    "ky": "kyrgyz", "uz": "uzbek", "tg": "tajik", "tk": "turkmen", "az": "azerbaijani",
    "tr": "turkish", "ar": "arabic", "fa": "persian", "ps": "pashto", "ur": "urdu",
    "de": "ngerman", "fr": "french", "es": "spanish", "it": "italian", "pt": "portuguese",
    "nl": "dutch", "pl": "polish", "cs": "czech", "sk": "slovak", "hu": "magyar",
    "ro": "romanian", "bg": "bulgarian", "sr": "serbian", "hr": "croatian", "sl": "slovene",
    "el": "greek", "he": "hebrew", "zh": "chinese", "ja": "japanese", "ko": "korean",
    "sv": "swedish", "da": "danish", "no": "norsk", "nb": "norsk", "fi": "finnish",
    "et": "estonian", "lv": "latvian", "lt": "lithuanian", "ka": "georgian", "hy": "armenian",
    "mn": "mongolian", "hi": "hindi", "id": "indonesian", "ms": "malay", "vi": "vietnamese",
}
BABEL_TO_ISO = {v: k for k, v in ISO_TO_BABEL.items()} | {"german": "de", "american": "en", "british": "en", "UKenglish": "en", "USenglish": "en"}


def iso_to_babel(language: str | None) -> str | None:
    """``ru``, ``ru-Latn``, ``russian`` -> ``russian``; unknown or empty -> None."""
    if not language:
        return None
    low = language.strip().lower()
    if low in BABEL_TO_ISO:
        return low
    return ISO_TO_BABEL.get(re.split(r"[-_]", low)[0])


def _escape(text: str, ascii: bool) -> str:
    out = _SPECIAL_RE.sub(lambda m: _SPECIAL[m.group(0)], text)
    if "--" in out:  # a literal double hyphen, not TeX's en-dash ligature
        out = out.replace("--", "-{}-")
    if ascii and not out.isascii():
        out = "".join(_ascii_char(c) if ord(c) > 127 else c for c in out)
    return out


def _ascii_char(c: str) -> str:
    """One non-ASCII character as LaTeX (``ö`` -> ``{\\"o}``); a letter LaTeX has no macro
    for (Cyrillic, Arabic) stays as it is, since classic BibTeX passes bytes through."""
    try:
        latex = cast(str, codecs.encode(c, "ulatex+ascii"))
    except UnicodeEncodeError:
        return c
    return "{" + latex.strip() + "}" if latex.startswith("\\") else latex


def _needs_braces(word: str, first: bool) -> bool:
    letters = [c for c in word if c.isalpha()]
    if not any(c.isupper() for c in letters):
        return False
    if first:
        # The first word keeps its capital in every style; protect only inner capitals (UN, iPhone).
        return any(c.isupper() for c in letters[1:])
    return True


def encode(text: str, *, ascii: bool = False, protect: bool = False, whole: bool = False) -> str:
    """Plain text -> a .bib field value: escapes, then (``protect``) braces round each word
    with a capital after the first, or (``whole``) round the whole value."""
    if whole:
        return "{" + _escape(text, ascii) + "}"
    if not protect:
        return _escape(text, ascii)
    parts = re.split(r"(\s+)", text)
    out: list[str] = []
    first = True
    for part in parts:
        if not part or part.isspace():
            out.append(part)
            continue
        if _needs_braces(part, first):
            # Braces round the word itself, not the quotes or brackets around it.
            m = re.match(r"^(\W*)(.*?)(\W*)$", part, flags=re.S)
            lead, core, trail = m.groups() if m else ("", part, "")
            out.append(_escape(lead, ascii) + "{" + _escape(core, ascii) + "}" + _escape(trail, ascii))
        else:
            out.append(_escape(part, ascii))
        first = False
    return "".join(out)




_PLAIN_LIGATURES = (("---", "—"), ("--", "–"), ("``", "“"), ("''", "”"))
# The escapes ``encode`` writes, resolved without latexcodec; private-use placeholders keep
# them out of the brace stripping and the ligatures.
_SIMPLE = (
    (r"\textbackslash{}", "\ue000", "\\"), (r"\textbackslash", "\ue000", "\\"),
    (r"\textasciitilde{}", "\ue001", "~"), (r"\textasciicircum{}", "\ue002", "^"),
    (r"\{", "\ue003", "{"), (r"\}", "\ue004", "}"), (r"\&", "\ue005", "&"), (r"\%", "\ue006", "%"),
    (r"\#", "\ue007", "#"), (r"\_", "\ue008", "_"), (r"\$", "\ue009", "$"),
)


def decode(value: str) -> str:
    """A .bib field value -> plain text: LaTeX accents and escapes resolved, braces gone.

    latexcodec is slow (it tokenises every character), so it only sees values that still
    hold a command (an accent such as ``{\\"o}``) once the simple escapes are resolved.
    """
    text = value
    if "\\" in text:
        for tex, mark, _ in _SIMPLE:
            if tex in text:
                text = text.replace(tex, mark)
    if "\\" in text:
        try:
            text = cast(str, codecs.decode(text, "ulatex"))  # type: ignore[call-overload]
        except (UnicodeDecodeError, ValueError):
            pass
    else:
        for tex, char in _PLAIN_LIGATURES:
            if tex in text:
                text = text.replace(tex, char)
    if "{" in text or "}" in text:
        text = re.sub(r"(?<!\\)[{}]", "", text)
    for _, mark, char in _SIMPLE:
        if mark in text:
            text = text.replace(mark, char)
    return " ".join(text.split())
