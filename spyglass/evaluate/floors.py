"""Pinned score floors: CI fails when a score drops below its floor (raising one is a commit)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def check_floors(result: dict[str, Any], floors_path: str) -> list[str]:
    """Each score of this corpus that is below its floor, as a message; [] when all pass."""
    floors = json.loads(Path(floors_path).read_text("utf-8")).get(result["corpus"], {})
    failures = []
    for name, floor in floors.items():
        value = result["scores"].get(name) if not name.startswith("counts.") else result["counts"].get(name[7:])
        if value is None:
            failures.append(f"{result['corpus']} {name}: no such score")
        elif name.startswith("counts.") and value > floor:
            failures.append(f"{result['corpus']} {name} = {value}, ceiling {floor}")
        elif not name.startswith("counts.") and value < floor:
            failures.append(f"{result['corpus']} {name} = {value}, floor {floor}")
    return failures
