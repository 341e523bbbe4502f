"""Fit the approach check's weights on the frozen independent corpora, and check them writer by writer.

    .venv/bin/python benchmarks/fit_check_weights.py [--write] [CORPUS.json ...]

Default corpora: tests/check/independent_messages.json and independent_messages_2..7.json, each written
by a different writer who never saw the code. Each message becomes its signs (spyglass/check/signs.json)
and its content words (`spyglass.check.learned.message_words`); words used by fewer than MIN_DF messages
are left out. L2-regularised logistic regression (plain gradient descent from zero, a fixed number of
steps: the same corpora always give the same weights) fits one weight per sign and per word and a bias.

First it holds out each corpus in turn, fits on the others and prints the held-out writer's figures
(resembling flagged, ordinary flagged): how the weights carry over to a writer they never saw. Then it
fits on all of them and, with --write, writes spyglass/check/learned_weights.json (with the sha256 of
every corpus it was fitted on).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from spyglass.check.learned import RESEMBLES, message_words  # noqa: E402
from spyglass.check.signs import find_signs, parser, sign_book  # noqa: E402

L2 = 3.0
MIN_DF = 5
STEPS = 2000
RATE = 0.5
CORPORA = [ROOT / "tests" / "check" / "independent_messages.json",
           *(ROOT / "tests" / "check" / f"independent_messages_{n}.json" for n in range(2, 8))]
OUT = ROOT / "spyglass" / "check" / "learned_weights.json"

Row = tuple[str, bool, set[str], set[str]]  # corpus, resembles, signs, words


def rows_of(paths: list[Path]) -> list[Row]:
    book, nlp = sign_book(), parser()
    out = []
    for path in paths:
        for message in json.loads(path.read_text(encoding="utf-8"))["messages"]:
            doc = nlp(message["text"])
            out.append((path.name, message["label"] == "resembles", set(find_signs(message["text"], book, doc)),
                        message_words(doc)))
    return out


def fit(rows: list[Row]) -> tuple[float, dict[str, float], dict[str, float]]:
    signs = sorted(sign_book().signs)
    df = Counter(w for row in rows for w in row[3])
    words = sorted(w for w, n in df.items() if n >= MIN_DF)
    features = [("s", s) for s in signs] + [("w", w) for w in words]
    index = {f: i for i, f in enumerate(features)}
    x = np.zeros((len(rows), len(features)))
    for r, row in enumerate(rows):
        for s in row[2]:
            x[r, index[("s", s)]] = 1.0
        for w in row[3]:
            if ("w", w) in index:
                x[r, index[("w", w)]] = 1.0
    y = np.array([1.0 if row[1] else 0.0 for row in rows])
    weight, bias = np.zeros(len(features)), 0.0
    for _ in range(STEPS):
        p = 1 / (1 + np.exp(-(x @ weight + bias)))
        weight -= RATE * (x.T @ (p - y) / len(y) + L2 * weight / len(y))
        bias -= RATE * float(np.mean(p - y))
    sign_w = {s: round(float(weight[index[("s", s)]]), 4) for s in signs}
    word_w = {w: round(float(weight[index[("w", w)]]), 4) for w in words}
    return round(bias, 4), sign_w, word_w


def flagged(row: Row, bias: float, signs: dict[str, float], words: dict[str, float]) -> bool:
    logit = bias + sum(signs.get(s, 0.0) for s in row[2]) + sum(words.get(w, 0.0) for w in row[3])
    return 1 / (1 + np.exp(-logit)) >= RESEMBLES


def main() -> int:
    parser_ = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser_.add_argument("corpora", nargs="*", type=Path, help="frozen corpora to fit on (default: the seven)")
    parser_.add_argument("--write", action="store_true", help=f"write {OUT.relative_to(ROOT)}")
    args = parser_.parse_args()
    paths = args.corpora or CORPORA
    rows = rows_of(paths)
    print("each corpus held out in turn (fitted on the others): resembling flagged, ordinary flagged")
    for path in paths:
        held = [r for r in rows if r[0] == path.name]
        bias, signs, words = fit([r for r in rows if r[0] != path.name])
        hits = [flagged(r, bias, signs, words) for r in held]
        res = [h for h, r in zip(hits, held) if r[1]]
        ordinary = [h for h, r in zip(hits, held) if not r[1]]
        print(f"  {path.name}: {sum(res)}/{len(res)} resembling flagged, {sum(ordinary)}/{len(ordinary)} ordinary flagged")
    bias, signs, words = fit(rows)
    print(f"fitted on all {len(rows)} messages: {len(signs)} signs, {len(words)} words, bias {bias}")
    if args.write:
        OUT.write_text(json.dumps({
            "_about": "Weights of the approach check, fitted by benchmarks/fit_check_weights.py (see "
                      "spyglass/check/learned.py): L2-regularised logistic regression on the frozen corpora "
                      "below. A message resembles an approach when the logistic of the bias plus the weights "
                      "of its signs and content words reaches 0.5.",
            "l2": L2, "min_df": MIN_DF, "steps": STEPS,
            "trained_on": [f"{p.name} sha256:{hashlib.sha256(p.read_bytes()).hexdigest()}" for p in paths],
            "bias": bias, "signs": signs, "words": words}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
