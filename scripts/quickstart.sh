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
echo; echo "== spyglass cases   (one case file per person, across every report)"
.venv/bin/spyglass cases
echo; echo "== spyglass case \"Pieter D.\"   (timeline with sources; the content farm's wrong sentence is flagged)"
.venv/bin/spyglass case "Pieter D."
echo; echo "Next: .venv/bin/spyglass claims | conflicts | kb show MSS | check-approach MESSAGE.txt | --help"
