"""The shipped CRF model, loaded on first use.

Why lazily: the pre-commit hook and every command that never reads fields (``check`` on
a warm cache) must not pay for loading a model; ``python-crfsuite`` is imported and the
model file opened the first time a note is tagged.
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from typing import Any, Callable, NamedTuple, Sequence

MODEL_NAME = "model.crfsuite"
ENV_MODEL = "FOOTNOTE_KIT_MODEL"
"""A path to another model file (the training script evaluates candidates this way)."""


class Tagged(NamedTuple):
    labels: list[str]
    confidence: list[float]
    """The marginal probability of each token's label."""
    marginal: Callable[[str, int], float]
    """The probability that token i has a given label; valid until the next ``tag``."""


def model_path() -> str | None:
    """The model file to use: ``$FOOTNOTE_KIT_MODEL``, else the one shipped in the package
    (None when the package was built without one)."""
    env = os.environ.get(ENV_MODEL)
    if env:
        return env if os.path.exists(env) else None
    ref = resources.files("footnote_kit.sources.learned").joinpath(MODEL_NAME)
    return str(ref) if ref.is_file() else None


@lru_cache(maxsize=4)
def _tagger(path: str) -> Any:
    import pycrfsuite  # a C extension: imported only when a note is tagged

    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    return tagger


def available() -> bool:
    """Whether the learned reader can run here (the model file and python-crfsuite)."""
    path = model_path()
    if path is None:
        return False
    try:
        _tagger(path)
    except (ImportError, OSError):
        return False
    return True


def tag(features: Sequence[Sequence[str]], path: str | None = None) -> Tagged:
    """Label each token described by ``features`` with the model's best sequence."""
    tagger = _tagger(path or model_path() or "")
    if not features:
        return Tagged([], [], tagger.marginal)
    tagger.set(features)
    labels = tagger.tag()
    confidence = [tagger.marginal(label, i) for i, label in enumerate(labels)]
    return Tagged(labels, confidence, _safe(tagger, _labels(path or model_path() or "")))


@lru_cache(maxsize=4)
def _labels(path: str) -> frozenset[str]:
    return frozenset(_tagger(path).labels())


def _safe(tagger: Any, known: frozenset[str]) -> Callable[[str, int], float]:
    """``tagger.marginal``, answering 0 for a label the model never learned."""

    def marginal(label: str, i: int) -> float:
        return float(tagger.marginal(label, i)) if label in known else 0.0

    return marginal
