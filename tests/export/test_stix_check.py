"""The audit of a STIX bundle against its store: the hand-built store's export owes nothing, and each
way a bundle can fail its sources is caught and counted."""

import copy
from pathlib import Path
from typing import Callable

import pytest

pytest.importorskip("stix2", reason="stix2 is not installed: pip install 'stix2>=3.0,<4'")
pytest.importorskip("stix2validator", reason="stix2-validator is not installed")

from export_corpus import REPORTS, hand_store

from spyglass.export.stix import export_bundle
from spyglass.export.stix_check import Audit, audit
from spyglass.store import Store


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    db = tmp_path_factory.mktemp("audit") / "hand.db"
    with hand_store(db) as store:
        return export_bundle(store)[0], db


def test_the_export_owes_nothing(exported: tuple[dict, Path]) -> None:
    bundle, db = exported
    with Store(db) as store:
        found = audit(bundle, store)
    assert found.problems() == []
    figures = found.figures()
    assert figures["validator_errors"] == 0 and set(figures["validator_warnings"]) <= {"103", "202", "302", "401"}
    assert {k: figures[k] for k in ("documents", "reports", "reports_first_stored", "documents_without_report",
                                    "unreachable", "unsourced", "methods_documented", "attack_patterns", "uses",
                                    "threat_actors", "threat_actors_not_defendants", "dangling_refs")} == {
        "documents": len(REPORTS), "reports": len(REPORTS), "reports_first_stored": 2, "documents_without_report": 0,
        "unreachable": 0, "unsourced": 0, "methods_documented": 3, "attack_patterns": 3, "uses": 2,
        "threat_actors": 2, "threat_actors_not_defendants": 0, "dangling_refs": 0}


def _objects(bundle: dict, kind: str) -> list[dict]:
    return [o for o in bundle["objects"] if o["type"] == kind]


def drop_a_report(bundle: dict) -> None:
    bundle["objects"].remove(_objects(bundle, "report")[0])


def forget_a_relationship(bundle: dict) -> None:
    rel = next(r for r in _objects(bundle, "relationship") if r["relationship_type"] == "uses")
    for report in _objects(bundle, "report"):
        report["object_refs"] = [ref for ref in report["object_refs"] if ref != rel["id"]]


def unsource_a_relationship(bundle: dict) -> None:
    _objects(bundle, "relationship")[0].pop("external_references")


def accuse_a_lawyer(bundle: dict) -> None:
    lawyer = next(o for o in bundle["objects"] if o.get("name") == "Maria Lindqvist")
    bundle["objects"].append({**lawyer, "type": "threat-actor", "id": lawyer["id"].replace("identity", "threat-actor")})


def drop_the_patterns(bundle: dict) -> None:
    for pattern in _objects(bundle, "attack-pattern"):
        bundle["objects"].remove(pattern)


def drop_the_uses(bundle: dict) -> None:
    for rel in _objects(bundle, "relationship"):
        if rel["relationship_type"] == "uses":
            bundle["objects"].remove(rel)


@pytest.mark.parametrize("breaking, field, count", [
    (drop_a_report, "documents_without_report", 1),
    (forget_a_relationship, "unreachable", 1),
    (unsource_a_relationship, "unsourced", 1),
    (accuse_a_lawyer, "threat_actors_not_defendants", 1),
    (drop_the_patterns, "methods_without_pattern", 3),
    (drop_the_patterns, "dangling_refs", 5),  # two `uses` and three reports point at them
])
def test_each_failure_is_caught(exported: tuple[dict, Path], breaking: Callable[[dict], None], field: str,
                                count: int) -> None:
    bundle, db = exported
    broken = copy.deepcopy(bundle)
    breaking(broken)
    with Store(db) as store:
        found = audit(broken, store, run_validator=False)
    assert len(getattr(found, field)) == count
    assert found.problems()


def test_uses_are_owed_when_methods_name_their_actors(exported: tuple[dict, Path]) -> None:
    bundle, db = exported
    broken = copy.deepcopy(bundle)
    drop_the_uses(broken)
    with Store(db) as store:
        found = audit(broken, store, run_validator=False)
    assert found.uses == 0 and found.method_claims_with_actor == 2
    assert any("no `uses` relationship" in p for p in found.problems())


def test_validator_errors_are_problems() -> None:
    from spyglass.export.stix_check import Validation
    from collections import Counter

    assert Audit(validation=Validation(["bad lang"], Counter())).problems() == ["1 validator errors: bad lang"]
    assert Audit(validation=Validation([], Counter({"103": 4}))).problems() == []
