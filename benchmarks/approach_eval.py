"""The approach check on the frozen independent messages, before (a git revision) and after (this tree).

Usage, from the repository root:

    .venv/bin/python benchmarks/approach_eval.py                  # before = 173afc7, after = this tree
    .venv/bin/python benchmarks/approach_eval.py --before REV     # another revision as "before"
    .venv/bin/python benchmarks/approach_eval.py --format json
    .venv/bin/python benchmarks/approach_eval.py --corpus tests/check/independent_messages_2.json

"Before" runs the check of revision REV, unpacked with `git archive` into a scratch folder, in its own
process; "after" runs this tree's check the same way. Both are scored by spyglass/check/scoring.py (the
code the CI floor test uses): share of resembling messages flagged, share of ordinary ones flagged,
share of resembling messages where a method listed is one the writer's patterns describe, for the whole
corpus, the half the features were tuned on and the held-out half.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from spyglass.check.scoring import CORPUS, THIRD, figures, held_back_ids, load_corpus, outcomes, tune_walks  # noqa: E402

BEFORE = "173afc7"  # the commit that froze the corpus, before any change to the check
_RUN = (
    "import json, sys\n"
    "from spyglass.check.approach import check_message\n"
    "messages = json.load(sys.stdin)\n"
    "print(json.dumps({m['id']: [x.method for x in check_message(m['text']).matches] for m in messages}))\n"
)


def listed_by(package_root: Path, messages: list[dict]) -> dict[str, list[str]]:
    """Method ids the check in `package_root` lists for each message, run in a fresh process."""
    done = subprocess.run([sys.executable, "-c", _RUN], input=json.dumps(messages), capture_output=True,
                          text=True, cwd=package_root, env={"PYTHONPATH": str(package_root), "PATH": ""},
                          check=True)
    result: dict[str, list[str]] = json.loads(done.stdout)
    return result


def unpack(rev: str, into: Path) -> Path:
    """The `spyglass` package of git revision `rev`, unpacked under `into`."""
    archive = subprocess.run(["git", "archive", "--format=tar", rev, "spyglass"], cwd=ROOT, capture_output=True,
                             check=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", default=BEFORE, help=f"git revision measured as 'before' (default {BEFORE})")
    parser.add_argument("--no-before", action="store_true", help="measure this tree only")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument("--corpus", type=Path, default=None,
                        help="another frozen corpus (default tests/check/independent_messages.json; the second, "
                             "never seen while the signs were built: tests/check/independent_messages_2.json)")
    args = parser.parse_args()
    messages = load_corpus(args.corpus) if args.corpus else load_corpus()
    runs: dict[str, dict[str, list[str]]] = {}
    if not args.no_before:
        with tempfile.TemporaryDirectory() as scratch:
            runs[f"before ({args.before})"] = listed_by(unpack(args.before, Path(scratch)), messages)
    runs["after (this tree)"] = listed_by(ROOT, messages)
    tune = tune_walks(args.corpus or CORPUS)
    # The third corpus is split by id, not walk: its held-out half is only ever seen as figures.
    back = held_back_ids(messages) if args.corpus and args.corpus.name == THIRD.name else None
    report = {name: [f.to_dict() for f in figures(outcomes(messages, lambda t, got=got, by_text={
        m["text"]: m["id"] for m in messages}: got[by_text[t]]), tune, back)] for name, got in runs.items()}
    if back is not None:  # the held-back half is seen as figures only: which messages it missed stays unsaid
        for parts in report.values():
            parts[2]["missed"], parts[2]["false_flags"] = [], []
    if args.format == "json":
        print(json.dumps(report, indent=2))
        return 0
    for name, parts in report.items():
        print(f"== {name}: {len(messages)} messages")
        for part in parts:
            print(f"  {part['part']}: resembling flagged {part['resembling_flagged']:.0%}, ordinary flagged "
                  f"{part['ordinary_flagged']:.0%}, named right {part['named_right_of_resembling']:.0%} "
                  f"of resembling ({part['counts']})")
        whole = parts[0]
        for part in parts[1:2] if back is not None else parts[1:]:  # held-back misses stay unnamed
            print(f"  {part['part'].split(' (')[0]}: missed: {' '.join(part['missed']) or 'none'}; "
                  f"ordinary flagged: {'; '.join(part['false_flags']) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
