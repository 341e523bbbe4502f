"""Case scores against gold (shared/gold-schema.md): matching by alias, then field by field."""

from __future__ import annotations

from typing import Any

from spyglass.evaluate.claims import date_right
from spyglass.evaluate.compare import norm
from spyglass.model import Case
from spyglass.resolve.cases import sponsor_aliases

DATE_FIELDS = ("arrested", "charged", "convicted", "sentenced")


def _key(name: str) -> str:
    """Normalised, word order ignored ("Yanjun Xu" = "Xu Yanjun")."""
    return " ".join(sorted((norm(name) or "").split()))


def score_cases(cases: list[Case], gold: dict[str, Any], gold_doc_of: dict[str, str]) -> dict[str, Any]:
    """`gold_doc_of` maps a stored document id to its gold doc_id."""
    gold_cases = gold.get("cases", [])
    docs_of_case: dict[str, set[str]] = {}
    for entry in gold["documents"]:
        for case_id in entry.get("cases", []):
            docs_of_case.setdefault(case_id, set()).add(entry["doc_id"])
    wrong_claims = [(entry["doc_id"], claim) for entry in gold["documents"] for claim in entry.get("claims", [])
                    if claim.get("agrees_with_record") is False]
    tallies: dict[str, list[int]] = {}
    misses: list[str] = []
    matched_predictions: set[str] = set()

    def tally(name: str, ok: bool, why: str = "") -> None:
        tallies.setdefault(name, [0, 0])
        tallies[name][0] += ok
        tallies[name][1] += 1
        if not ok and why:
            misses.append(why)

    for g in gold_cases:
        keys = {_key(a) for a in [g["person"], *g.get("aliases", [])]}
        case = next((c for c in cases if {_key(a) for a in [c.name, *c.aliases]} & keys), None)
        tally("cases.recall", case is not None, f"{g['case_id']} {g['person']}: no case")
        if case is None:
            continue
        matched_predictions.add(case.case_id)
        label = f"{g['case_id']} {g['person']}"
        sponsors = {norm(x) for x in sponsor_aliases(case.sponsor)} if case.sponsor else set()
        gold_sponsors = {norm(x) for x in [g.get("sponsor"), *g.get("sponsor_aliases", [])] if x}
        ok = (not gold_sponsors and not sponsors) or bool(sponsors & gold_sponsors)
        tally("cases.sponsor", ok, f"{label}: sponsor {case.sponsor!r}, gold {g.get('sponsor')!r}")
        tally("cases.status", case.status == g.get("status"), f"{label}: status {case.status}, gold {g.get('status')}")
        tally("cases.sentence_months", case.sentence_months == g.get("sentence_months"),
              f"{label}: sentence {case.sentence_months}, gold {g.get('sentence_months')}")
        events = {e.status: e.date for e in case.timeline}
        events.setdefault("charged", events.get("indicted"))  # gold's "charged" covers an indictment
        all_dates_right = True
        for field in DATE_FIELDS:
            value = (g.get("dates") or {}).get(field)
            if value:
                precision = (g.get("date_precision") or {}).get(field) or {4: "year", 7: "month"}.get(len(value), "day")
                ok = date_right(events.get(field), value, precision)
                all_dates_right &= ok
                tally("cases.dates", ok, f"{label}: {field} {events.get(field)}, gold {value}")
        tally("cases.dates_all_right", all_dates_right)
        gold_aliases = g.get("aliases", [])
        have = {_key(a) for a in [case.name, *case.aliases]}
        for alias in gold_aliases:
            tally("cases.aliases", _key(alias) in have, f"{label}: alias {alias!r} missing")
        wrong_fields = {claim["field"] for doc_id, claim in wrong_claims if claim["case"] == g["case_id"]}
        for conflict in case.conflicts:
            tally("cases.conflicts_justified", conflict["field"] in wrong_fields,
                  f"{label}: conflict on {conflict['field']} where gold has no wrong claim")
        predicted_docs = {gold_doc_of[d] for d in case.documents if d in gold_doc_of}
        expected = docs_of_case.get(g["case_id"], set())
        if docs_of_case:  # only gold that lists each document's cases scores document links
            for doc in expected:
                tally("cases.documents.recall", doc in predicted_docs, f"{label}: misses document {doc}")
            for doc in predicted_docs:
                tally("cases.documents.precision", doc in expected, f"{label}: wrongly cites {doc}")
        for doc_id, claim in wrong_claims:
            if claim["case"] != g["case_id"]:
                continue
            field = claim["field"]
            flagged = any(conflict["field"] == field and any(doc_id in {gold_doc_of.get(d) for d in v["documents"]}
                                                              for v in conflict["values"]) for conflict in case.conflicts)
            tally("cases.conflicts", flagged, f"{label}: {doc_id}'s wrong {field} not flagged")
    gold_keys = [{_key(a) for a in [g["person"], *g.get("aliases", [])]} for g in gold_cases]
    for c in cases:  # a predicted case answering to two gold cases merged them
        names = {_key(a) for a in [c.name, *c.aliases]}
        tally("cases.not_merged", sum(bool(names & keys) for keys in gold_keys) <= 1, f"{c.name}: merges gold cases")
    for g, keys in zip(gold_cases, gold_keys):  # two predicted cases answering to one gold case split it
        hits = sum(bool({_key(a) for a in [c.name, *c.aliases]} & keys) for c in cases)
        tally("cases.not_split", hits <= 1, f"{g['case_id']}: split into {hits} cases")
    # realdev: people named near a case who face no action there must never be cases; names the
    # gold leaves unscored (co-defendants of other cases) count neither way
    for c in cases:  # a fragment of a gold case is not a false case (not_split counts it)
        if any({_key(a) for a in [c.name, *c.aliases]} & keys for keys in gold_keys):
            matched_predictions.add(c.case_id)
    bystanders = {_key(b["name"] if isinstance(b, dict) else b) for b in gold.get("bystanders", [])}
    unscored = {_key(n) for n in gold.get("unscored_names", [])}
    predicted_real = []
    for c in cases:
        names = {_key(a) for a in [c.name, *c.aliases]}
        if names & bystanders:
            tally("cases.no_bystanders", False, f"{c.name}: a bystander built as a case")
        if c.case_id in matched_predictions or not (names & unscored):
            predicted_real.append(c)
        if c.case_id not in matched_predictions and not (names & unscored):
            misses.append(f"{c.name}: a case no gold case answers to")
    if bystanders:
        tallies.setdefault("cases.no_bystanders", [0, 0])
        built = tallies["cases.no_bystanders"][1]
        tallies["cases.no_bystanders"] = [len(cases) - built, len(cases)]
    scores = {name: round(right / total, 4) for name, (right, total) in tallies.items()}
    scores["cases.precision"] = round(len(matched_predictions) / len(predicted_real), 4) if predicted_real else 0.0
    return {"scores": scores, "counts": {f"{k}_n": f"{r}/{t}" for k, (r, t) in tallies.items()}, "misses": misses}
