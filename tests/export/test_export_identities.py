"""One real thing, one exported object: every gold agency and front company of the devset (read in
place from ../shared) is one STIX object and one FollowTheMoney entity, whichever spellings the
reports use, and each carries the id of its entity in the store's entity layer."""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import shared_path

pytest.importorskip("followthemoney", reason="followthemoney is not installed")


def folded(name: str) -> str:
    text = unicodedata.normalize("NFKC", re.sub(r"\s*\([^)]*\)", "", name) or name).casefold()
    return " ".join(sorted(re.sub(r"[^\w\s]", " ", text).split()))


def agencies_and_fronts() -> dict[str, set[str]]:
    """Each gold sponsor, parent agency and company case: its name -> every folded spelling."""
    gold = json.loads(Path(shared_path("devset", "gold.json")).read_text(encoding="utf-8"))
    out: dict[str, set[str]] = {}
    for case in gold["cases"]:
        for field in ("sponsor", "parent_agency"):
            if case.get(field):
                names = [case[field], *(case.get(f"{field}_aliases") or [])]
                out.setdefault(case[field], set()).update(folded(n) for n in names)
        if case["kind"] != "person":
            out.setdefault(case["person"], set()).update(folded(n) for n in [case["person"], *case["aliases"]])
    return out


@pytest.fixture(scope="module")
def devset_copy(devset_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("identities") / "devset.db"
    shutil.copy(devset_db, copy)
    return copy


NAMED_STIX = ("identity", "threat-actor", "intrusion-set")
NAMED_FTM = ("Person", "Organization", "PublicBody", "Company")


def stix_names(obj: dict[str, Any]) -> set[str]:
    return {folded(n) for n in [obj["name"], *(obj.get("aliases") or []), *(obj.get("x_spyglass_aliases") or [])]}


def test_one_stix_object_per_gold_agency_and_front(devset_copy: Path) -> None:
    from spyglass.export.stix import export_bundle
    from spyglass.store import Store

    with Store(devset_copy) as store:
        bundle, _ = export_bundle(store)
    named = [o for o in bundle["objects"] if o["type"] in NAMED_STIX]
    things = agencies_and_fronts()
    assert len(things) >= 5
    for thing, wanted in things.items():
        hits = [o["name"] for o in named if stix_names(o) & wanted]
        assert len(hits) == 1, (thing, hits)
    ids = [o["x_spyglass_entity_id"] for o in named if o.get("x_spyglass_entity_id")]
    assert len(ids) == len(set(ids)) > 30  # one object per entity id


def test_one_ftm_entity_per_gold_agency_and_front(devset_copy: Path) -> None:
    from spyglass.export.ftm import export_entities
    from spyglass.store import Store

    with Store(devset_copy) as store:
        entities, _ = export_entities(store)
    named = [e for e in entities if e["schema"] in NAMED_FTM]
    for thing, wanted in agencies_and_fronts().items():
        hits = [e["properties"]["name"] for e in named
                if {folded(n) for k in ("name", "alias") for n in e["properties"].get(k, [])} & wanted]
        assert len(hits) == 1, (thing, hits)


def test_export_ids_are_made_from_the_entity_layer_ids(devset_copy: Path) -> None:
    """An entity's STIX and FtM ids are made from its entity-layer id, so the same entity id always
    gives the same exported id, whatever graph key the export read it under."""
    from followthemoney import model

    from spyglass.export.ftm import SCHEMATA, export_entities
    from spyglass.export.stix import export_bundle, stix_id
    from spyglass.store import Store

    with Store(devset_copy) as store:
        bundle, _ = export_bundle(store)
        entities, _ = export_entities(store)
    layered = [o for o in bundle["objects"] if o.get("x_spyglass_entity_id") and not o["id"].startswith("intrusion-set")]
    assert len(layered) > 30
    for obj in layered:
        assert obj["id"] == stix_id(obj["type"], obj["x_spyglass_entity_id"]), obj["name"]
    ftm_ids = {e["id"] for e in entities}
    for obj in layered:
        schema = SCHEMATA.get(obj["x_spyglass_type"])
        if schema is not None:
            proxy = model.make_entity(schema)
            proxy.make_id("spyglass", schema, obj["x_spyglass_entity_id"])
            assert proxy.id in ftm_ids, obj["name"]
