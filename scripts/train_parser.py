"""Train the learned field reader (a linear-chain CRF) from files in this repository.

    python scripts/train_parser.py [-o MODEL] [--sources anystyle,grobid,synthetic,dev]
                                   [--iterations N] [--c1 X] [--c2 Y]

Writes the model the package ships, ``fields.crfsuite`` (the field of each token), into
``src/footnote_kit/sources/learned/`` unless ``-o`` names another folder. Training data, each with its licence:
- AnyStyle's core.xml (BSD-2-Clause), never its gold.xml, whose other references are the
  held-out fold ``scripts/eval_parse.py`` reports;
- GROBID's citation evaluation files (CC-BY 4.0);
- synthetic notes rendered by our own engine (``scripts/make_synthetic_notes.py``, seed
  1, made here once and kept in ``build/``);
- the ``train`` split of the development corpus (tests/data/gold/*.json), never a
  ``heldout`` file, never the bundled example.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import parser_data  # noqa: E402
from footnote_kit.sources.learned import features as feats  # noqa: E402
from footnote_kit.sources.learned.align import token_labels  # noqa: E402
from footnote_kit.sources.scan import scan  # noqa: E402

MODELS = ROOT / "src" / "footnote_kit" / "sources" / "learned"


def examples(sources: list[str], synthetic_limit: int) -> list[parser_data.Example]:
    out: list[parser_data.Example] = []
    if "anystyle" in sources:
        out += parser_data.anystyle_train()
    if "grobid" in sources:
        out += parser_data.grobid()
    if "synthetic" in sources:
        out += parser_data.synthetic(synthetic_limit)
    if "dev" in sources:
        out += parser_data.dev("train")
    return out


def sequence(ex: parser_data.Example) -> tuple[list[list[str]], list[str]]:
    """Features and field labels of one example."""
    sc = scan(ex.text, ex.emphasis)
    return feats.token_features(sc), token_labels(sc, ex.labelled)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-o", "--output", type=Path, default=MODELS, help="the folder to write fields.crfsuite to")
    ap.add_argument("--sources", default="anystyle,grobid,synthetic,dev")
    ap.add_argument("--iterations", type=int, default=100)
    ap.add_argument("--c1", type=float, default=0.2)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--synthetic", type=int, default=8000, help="how many synthetic notes (made once, kept in build/)")
    ap.add_argument("--dev-weight", type=int, default=3, help="repeat each development-corpus note this many times")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    import pycrfsuite

    t0 = time.perf_counter()
    data = examples(args.sources.split(","), args.synthetic)
    rng = random.Random(args.seed)
    rng.shuffle(data)
    trainer = pycrfsuite.Trainer(verbose=False)
    counts: dict[str, int] = {}
    for ex in data:
        xseq, yseq = sequence(ex)
        if not xseq:
            continue
        items = pycrfsuite.ItemSequence(xseq)
        for _ in range(args.dev_weight if ex.corpus.startswith("dev") else 1):
            trainer.append(items, yseq)
        counts[ex.corpus] = counts.get(ex.corpus, 0) + 1
    t1 = time.perf_counter()
    args.output.mkdir(parents=True, exist_ok=True)
    params = {"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations, "feature.possible_transitions": True}
    trainer.set_params(params)
    trainer.train(str(args.output / "fields.crfsuite"))
    t2 = time.perf_counter()
    print(f"examples: {', '.join(f'{k} {v}' for k, v in sorted(counts.items()))}")
    size = (args.output / "fields.crfsuite").stat().st_size / 1e6
    print(f"features {t1 - t0:.1f} s, training {t2 - t1:.1f} s; {args.output / 'fields.crfsuite'}: {size:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
