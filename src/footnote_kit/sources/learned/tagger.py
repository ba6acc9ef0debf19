"""The shipped CRF model, loaded on first use.

The model (``fields.crfsuite``) labels each token of a note with the field it belongs to.

Why lazily: the pre-commit hook and every command that never reads fields (``check`` on
a warm cache) must not pay for loading a model; ``python-crfsuite`` is imported and the
model file opened the first time a note is tagged.
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from typing import Any, Callable, NamedTuple, Sequence

ENV_MODEL_DIR = "FOOTNOTE_KIT_MODEL_DIR"
"""A folder with another model file (the training script measures candidates this way)."""


class Tagged(NamedTuple):
    labels: list[str]
    confidence: list[float]
    """The marginal probability of each token's label."""
    marginal: Callable[[str, int], float]
    """The probability that token i has a given label; valid until the next ``tag``."""


def model_path(name: str = "fields") -> str | None:
    """The file of model ``name``: in ``$FOOTNOTE_KIT_MODEL_DIR``, else the one shipped in
    the package (None when there is none)."""
    return _model_path(name, os.environ.get(ENV_MODEL_DIR))


@lru_cache(maxsize=16)
def _model_path(name: str, folder: str | None) -> str | None:
    """Looked up once per process and folder: every note asks."""
    if folder:
        path = os.path.join(folder, f"{name}.crfsuite")
        return path if os.path.exists(path) else None
    ref = resources.files("footnote_kit.sources.learned").joinpath(f"{name}.crfsuite")
    return str(ref) if ref.is_file() else None


@lru_cache(maxsize=8)
def _tagger(path: str) -> Any:
    import pycrfsuite  # type: ignore[import-untyped]  # a C extension (no stubs), imported only when a note is tagged

    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    return tagger


@lru_cache(maxsize=8)
def _labels(path: str) -> frozenset[str]:
    return frozenset(_tagger(path).labels())


def available(name: str = "fields") -> bool:
    """Whether model ``name`` can run here (its file, and python-crfsuite)."""
    path = model_path(name)
    if path is None:
        return False
    try:
        _tagger(path)
    except (ImportError, OSError):
        return False
    return True


def items(features: Sequence[Sequence[str]]) -> Any:
    """The features in the form the models read, built once for both."""
    import pycrfsuite

    return pycrfsuite.ItemSequence(features)


def tag(features: Any, name: str = "fields", confidence: bool = True) -> Tagged:
    """Label each token described by ``features`` (a list, or ``items(list)``) with the
    model's best sequence; ``confidence=False`` leaves the per-token confidence empty, for
    a caller that asks ``marginal`` for the few tokens it needs."""
    path = model_path(name) or ""
    tagger = _tagger(path)
    tagger.set(features)
    labels = tagger.tag()
    marginal = tagger.marginal
    sure = [marginal(label, i) for i, label in enumerate(labels)] if confidence else []
    return Tagged(labels, sure, _safe(tagger, _labels(path)))


def _safe(tagger: Any, known: frozenset[str]) -> Callable[[str, int], float]:
    """``tagger.marginal``, answering 0 for a label the model never learned."""

    def marginal(label: str, i: int) -> float:
        return float(tagger.marginal(label, i)) if label in known else 0.0

    return marginal
