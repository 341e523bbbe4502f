"""The app's writes: ingest uploaded files, record analyst judgements (both checked by security.check_write)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from spyglass.errors import InputError
from spyglass.serve.data import Data

_SAFE = re.compile(r"[^\w.\-]+")
SUFFIXES = (".txt", ".html", ".htm", ".jsonl")


def ingest_uploads(data: Data, files: list[tuple[str, bytes]], max_bytes: int, extract: bool = True) -> dict[str, Any]:
    """Store uploaded files as `spyglass ingest` would (rejections come back with reasons), then extract them."""
    from spyglass.ingest.run import ingest

    if not files:
        raise InputError("no files were uploaded; choose .txt, .html or .jsonl files")
    with tempfile.TemporaryDirectory(prefix="spyglass-upload-") as tmp:
        paths = []
        for i, (name, content) in enumerate(files):
            # the client's file name is only a hint: keep its last part, safe characters, a known suffix
            base = _SAFE.sub("_", Path(name or "upload.txt").name)[-80:] or "upload.txt"
            if not base.lower().endswith(SUFFIXES):
                base += ".txt"
            path = Path(tmp) / f"{i:03d}-{base}"
            path.write_bytes(content)
            paths.append(str(path))
        summary = ingest(paths, data.store(), max_bytes)
    out = summary.as_dict()
    # the temporary folder is nobody's business: name the uploaded file instead
    out["rejections"] = [{"source": Path(r.source).name[4:], "reason": r.reason, "detail": r.detail.replace(tmp, "")}
                         for r in summary.rejected]
    if extract:  # every pending document, whatever this upload added (an earlier one may have been cut short)
        from spyglass.run.local import extract_pending
        from spyglass.run.resolution import refresh

        errors: list[tuple[str, str]] = []
        done, claims = extract_pending(data.store(), errors=errors)
        refresh(data.store())  # the uploads' blocks are resolved now, not by the next reader
        out["extracted"] = {"documents": done, "claims": claims,
                            "failed": [{"document": s.replace(tmp, ""), "reason": e} for s, e in errors]}
    if summary.ingested:
        data.wrote()
    return out


def judge(data: Data, body: dict[str, Any]) -> dict[str, Any]:
    from spyglass.resolve.judgements import record

    missing = [k for k in ("kind", "target", "by") if not body.get(k)]
    if missing:
        raise InputError(f"a judgement needs {', '.join(missing)}")
    j = record(data.store(), str(body["kind"]), str(body["target"]), body.get("value"), str(body["by"]), body.get("note"))
    data.wrote()
    return {"kind": j.kind, "target": j.target, "value": j.value, "made_by": j.made_by, "made_at": j.made_at,
            "note": j.note}
