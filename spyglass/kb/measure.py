"""Measure agency linking on the seed and the devset: each gold agency name found in a document, linked in its context.

Gold lists every form of an agency's name a corpus uses: the state_agency and agency_unit
entities (the seed: name and aliases) and the cases' sponsor, parent, arresting and
arresting-parent agencies (the devset: canonical name and every `*_aliases` form, garbles
included; a sponsor that is a country is skipped). Each form is looked for in the raw text of
every document (HTML as the file holds it; any apostrophe matches any); a form found only inside
a longer gold form at the same place ("Ministry of State Security" inside "China's Ministry of
State Security") is one mention, the longer one. The expected entry is the one the canonical
gold name links to; canonicals that link to none are skipped and listed. Every mention is then
linked with the document text around it as context, and counted as right only when it links to
the expected entry.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from spyglass.errors import InputError
from spyglass.extract.places import country_name
from spyglass.kb.garble import occurrences
from spyglass.kb.link import link
from spyglass.store import Store

CORPORA: tuple[str, ...] = ("seed", "devset")
AGENCY_TYPES: tuple[str, ...] = ("state_agency", "agency_unit")
CASE_FIELDS: tuple[str, ...] = ("sponsor", "parent_agency", "arresting_agency", "arresting_parent_agency")
# characters of context either side of a mention: about a news article (2-4k characters), since an
# acronym or a place that settles a name is often given once, paragraphs away ("Hunan ... (HSSD)")
WINDOW = 1500


@dataclass(frozen=True)
class GoldForm:
    """One way a gold agency is written: the form, its canonical name and where gold gives it."""

    corpus: str
    canonical: str
    form: str
    where: str  # "entity" or a case field, e.g. "c08 arresting_agency_aliases"


@dataclass(frozen=True)
class Mention:
    """One occurrence of a gold form in a document and what linking made of it."""

    corpus: str
    doc: str
    offset: int
    text: str  # as the document writes it
    form: str
    canonical: str
    expected: str
    status: str
    kb_ids: tuple[str, ...]
    reason: str

    @property
    def correct(self) -> bool:
        return self.status == "linked" and bool(self.kb_ids) and self.kb_ids[0] == self.expected

    def as_dict(self) -> dict[str, Any]:
        return asdict(self) | {"kb_ids": list(self.kb_ids), "correct": self.correct}


def agency_linking(shared_dir: Path, store: Store | None = None) -> dict[str, Any]:
    """Linked-correctly / total for the seed, the devset and both; failures and skipped forms listed."""
    shared_dir = Path(shared_dir)
    mentions: list[Mention] = []
    skipped: list[dict[str, str]] = []
    absent: list[dict[str, str]] = []
    for corpus in CORPORA:
        gold, texts = _read_corpus(shared_dir / corpus)
        forms = gold_forms(corpus, gold)
        expected: dict[str, str] = {}
        for canonical in dict.fromkeys(f.canonical for f in forms):
            if country_name(canonical):  # a case sponsored by a state, not by a named agency
                skipped.append({"corpus": corpus, "canonical": canonical, "status": "country",
                                "reason": f"{canonical!r} is a country, not an agency"})
                continue
            result = link(canonical, store=store)
            if result.status == "linked":
                expected[canonical] = result.kb_ids[0]
            else:
                skipped.append({"corpus": corpus, "canonical": canonical, "status": result.status,
                                "reason": result.reason})
        kept = [f for f in forms if f.canonical in expected]
        found = _mentions(kept, texts)
        absent += [{"corpus": corpus, "canonical": f.canonical, "form": f.form} for f in kept
                   if not any(occurrences(f.form, text) for text in texts.values())]
        for doc, spans in found.items():
            text = texts[doc]
            for (start, end), form in spans:
                written = text[start:end]
                result = link(written, context=text[max(0, start - WINDOW):end + WINDOW], store=store)
                mentions.append(Mention(
                    corpus=corpus, doc=doc, offset=start, text=written, form=form.form, canonical=form.canonical,
                    expected=expected[form.canonical], status=result.status, kb_ids=tuple(result.kb_ids),
                    reason=result.reason,
                ))
    return {
        "corpora": {c: _share([m for m in mentions if m.corpus == c]) for c in CORPORA},
        "overall": _share(mentions),
        "failures": [m.as_dict() for m in mentions if not m.correct],
        "skipped": skipped,
        "absent": _dedupe(absent),
        "mentions": [m.as_dict() for m in mentions],
    }


def gold_forms(corpus: str, gold: dict[str, Any]) -> list[GoldForm]:
    """Every gold form of an agency name in one corpus's gold file (see the module text)."""
    forms: list[GoldForm] = []
    for entity in gold.get("entities", []):
        if entity.get("type") in AGENCY_TYPES:
            for form in [entity["name"], *entity.get("aliases", [])]:
                forms.append(GoldForm(corpus, entity["name"], form, "entity"))
    for case in gold.get("cases", []):
        for field in CASE_FIELDS:
            canonical = case.get(field)
            if not isinstance(canonical, str) or not canonical:
                continue
            label = f"{case.get('case_id', '?')} {field}"
            forms.append(GoldForm(corpus, canonical, canonical, label))
            for form in case.get(f"{field}_aliases") or []:
                forms.append(GoldForm(corpus, canonical, form, f"{label}_aliases"))
    return list({(f.canonical, f.form): f for f in forms}.values())


def _mentions(forms: list[GoldForm], texts: dict[str, str]) -> dict[str, list[tuple[tuple[int, int], GoldForm]]]:
    """Each document's mentions: the longest gold form at each place, one per span."""
    found: dict[str, list[tuple[tuple[int, int], GoldForm]]] = {}
    for doc, text in texts.items():
        spans: dict[tuple[int, int], GoldForm] = {}
        for form in forms:
            for span in occurrences(form.form, text):
                spans.setdefault(span, form)
        outer = [s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]
        if outer:
            found[doc] = [(s, spans[s]) for s in sorted(outer)]
    return found


def _share(mentions: list[Mention]) -> dict[str, Any]:
    right = sum(m.correct for m in mentions)
    return {"linked": right, "total": len(mentions), "share": round(right / len(mentions), 4) if mentions else None,
            "forms": len({(m.canonical, m.form) for m in mentions}), "documents": len({m.doc for m in mentions})}


def _dedupe(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    return list({json.dumps(r, sort_keys=True): r for r in rows}.values())


def _read_corpus(folder: Path) -> tuple[dict[str, Any], dict[str, str]]:
    path = folder / "gold.json"
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}; point --shared at the folder holding "
                         "seed/ and devset/") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON (line {exc.lineno}): {exc.msg}") from exc
    texts: dict[str, str] = {}
    for doc in gold.get("documents", []):
        file = folder / doc["file"]
        try:
            texts[doc["doc_id"]] = file.read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(f"cannot read {file} (listed in {path}): {exc.strerror or exc}") from exc
    return gold, texts
