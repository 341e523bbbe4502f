#!/usr/bin/env bash
# Run the test suite and the evaluation gate (scores against ../shared gold must stay above their floors).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/spyglass ] || scripts/setup.sh
SHARED="${SPYGLASS_SHARED:-../shared}"
.venv/bin/python -m pytest -q "$@"
echo "== mypy"
.venv/bin/python -m mypy spyglass --ignore-missing-imports
if [ -d "$SHARED/seed" ] && [ -d "$SHARED/devset" ]; then
    echo "== evaluation gate (floors in evaluation/floors.json)"
    .venv/bin/spyglass eval --gold "$SHARED/seed/gold.json" "$SHARED/seed/000_1093f815807a083d.txt" \
        --floors evaluation/floors.json --format json > /tmp/spyglass-eval-seed.json
    .venv/bin/spyglass eval --gold "$SHARED/devset/gold.json" "$SHARED/devset/docs" \
        --floors evaluation/floors.json --format json > /tmp/spyglass-eval-devset.json
    echo "seed and devset scores are at or above their floors"
else
    echo "evaluation gate skipped: $SHARED/seed and $SHARED/devset not found"
fi
