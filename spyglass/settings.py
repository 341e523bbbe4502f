"""Settings in one place: SPYGLASS_* environment variables, overridden by CLI flags."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DB = "spyglass.db"
DEFAULT_MAX_BYTES = 5_000_000  # a news page is far smaller; anything bigger is not an article


@dataclass(frozen=True)
class Settings:
    db_path: Path
    max_bytes: int

    @classmethod
    def from_env(cls, db: str | None = None, max_bytes: int | None = None) -> "Settings":
        return cls(
            db_path=Path(db or os.environ.get("SPYGLASS_DB") or DEFAULT_DB),
            max_bytes=max_bytes or int(os.environ.get("SPYGLASS_MAX_BYTES") or DEFAULT_MAX_BYTES),
        )


# Documented for `spyglass --help` and checked by a test: every setting must be listed here.
ENVIRONMENT = {
    "SPYGLASS_DB": f"path of the SQLite store (default ./{DEFAULT_DB}); --db overrides it",
    "SPYGLASS_MAX_BYTES": f"largest input file accepted, in bytes (default {DEFAULT_MAX_BYTES})",
    "SPYGLASS_TOKEN": "token that writes (upload, judgements) must carry in `spyglass serve`; without it, a server listening beyond loopback refuses writes",
    "SPYGLASS_METHODS": "an extra JSON file of tradecraft methods added to the built-in vocabulary",
}
