"""What every command module shares: opening the store and printing JSON.

The command modules import this, never `cli.py`, which imports them to build the parser."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from spyglass.errors import SpyglassError
from spyglass.settings import Settings


def emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def open_store(settings: Settings, must_exist: bool = False) -> Any:
    from spyglass.store import Store

    if must_exist and not Path(settings.db_path).exists():
        raise SpyglassError(
            f"no store at {settings.db_path}; run `spyglass ingest PATH` first or point --db / SPYGLASS_DB at one"
        )
    return Store(settings.db_path)
