"""Hand-written bad request bodies for the API's writes: each must get 400 or 422 in the error shape."""

from __future__ import annotations

from typing import Any

ROW_SHAPES: list[Any] = [{}, "Ann Lee", None, ["Ann Lee"], 42, True, {"name": ""}, {"name": "   "},
                         {"name": None}, {"name": "Ann Lee", "birth_year": "nineteen eighty"},
                         {"name": "Ann Lee", "birth_year": "abc"}, {"name": "Ann Lee", "birth_year": [1980]},
                         {"name": "Ann Lee", "country": {"code": "CN"}}, {"name": ["Ann", "Lee"]},
                         {"name": {"first": "Ann"}}, {"full_name": ""}, {"name": "x" * 600}]

BODIES: list[tuple[str, Any]] = (
    [("/api/screen", {"rows": [row]}) for row in ROW_SHAPES]
    + [("/api/screen", body) for body in ({}, {"rows": []}, {"rows": None}, {"rows": "Ann Lee"}, {"rows": {}},
                                          {"rows": [{"name": "A"}] * 1001}, [], "rows", None, 3)]
    + [("/api/judgements", body) for body in (
        {"kind": "merge", "target": "Ann Lee", "value": ["Lee Ann"], "by": "me"},
        {"kind": "merge", "target": "Ann Lee", "value": {"x": 1}, "by": "me"},
        {"kind": "merge", "target": ["Ann Lee"], "by": "me"},
        {"kind": "nonsense", "target": "Ann Lee", "by": "me"},
        {"kind": "merge", "target": "Ann Lee", "by": ""},
        {"kind": "merge", "target": "  ", "by": "me"},
        {"kind": "merge", "target": "Ann Lee"},
        {"kind": "choose", "target": "Ann Lee", "value": "colour=red", "by": "me"},
        {"kind": "choose", "target": "Ann Lee", "by": "me"},
        {}, [], "merge", None, {"kind": None, "target": None, "by": None})]
    + [("/api/check-approach", body) for body in (
        {}, {"text": ""}, {"text": "   "}, {"text": None}, {"text": ["a"]}, {"text": 12}, {"text": "x" * 100_001},
        [], "text", None)]
)
