#!/usr/bin/env bash
# Set everything up, then run the main job on the example corpus that ships with spyglass.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export SPYGLASS_DB="${SPYGLASS_DB:-example.db}"
echo; echo "== spyglass ingest examples/corpus  (store: $SPYGLASS_DB)"
.venv/bin/spyglass ingest examples/corpus
echo; echo "== spyglass docs"
.venv/bin/spyglass docs
echo; echo "== spyglass search \"state security\""
.venv/bin/spyglass search '"state security"'
echo; echo "Next: .venv/bin/spyglass show rhine-ledger   |   .venv/bin/spyglass --help"
