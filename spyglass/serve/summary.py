"""A case in words: who is accused of what, for whom, where, and what happened, each fact with its sources.

Only what the case's own evidence says is used: charges and targets are read from the sentences its
claims already quote ("charged with X", "stealing secrets from Y"), the prosecuting country from the
court, judge or prosecutors those sentences name (the arresting police of another state do not
prosecute). Nothing is inferred from a name or a job. A value is marked "alleged" while the case has
no conviction, and "one side only" when every report of it attributes it to the accusing side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from spyglass.serve.data import Snapshot
from spyglass.serve.labels import event_words, months

CONVICTED = ("convicted", "pleaded_guilty", "sentenced")
SPONSOR_PREDICATES = ("officer_of", "agent_of", "contractor_for", "recruited_by", "attributed_to", "hired_by")
HEDGED = ("alleged", "attributed", "claimed", "reported")

_ACCUSED = re.compile(r"\b(?:charged(?: \w+)? with|on charges? of|accused of|indicted (?:on|for)|on suspicion of|"
                      r"charged \w+(?: in \w+)? under)\s+(?P<x>[^.;:()\"“”]+)", re.IGNORECASE)
_CONVICTED = re.compile(r"\b(?:convicted(?: [\w.,]+){0,5}? of|found guilty of|pleaded guilty(?: \w+){0,3}? to|"
                        r"acquitted of)\s+(?P<x>[^.;()\"“”]+)", re.IGNORECASE)
_TARGET = re.compile(r"\b(?:(?:steal|stealing|stole|stolen|theft of)\b[^.;]{0,80}?\bfrom (?:the )?"
                     r"(?P<org>[A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,5})|spy(?:ing)? on (?P<what>[^.;,]+)|"
                     r"hacked (?P<hacked>[^.;,]+))")
_STOP = re.compile(r",? (?:contrary to|an offence|which|who|after|before|said|according|when|while|as part|"
                   r"in a |in the |in what |in U\.S\.|in federal|at the |on (?:Monday|Tuesday|Wednesday|Thursday|Friday|"
                   r"Saturday|Sunday)|and was|and is|and has|for the|on behalf|for Russia|for China|for Iran)\b|,(?= [A-Z(])| \(")
_PROSECUTING = re.compile(r"\b(?P<who>[A-Z][\w.]*(?:'s)?) (?:(?:federal|district|regional|state|higher|supreme|criminal) )*"
                          r"(?:court|courts|judge|jury|prosecutors?|criminal code|district court|attorney)\b", re.IGNORECASE)


@dataclass
class Fact:
    """One thing the summary says, with the documents behind it and how sure the reporting is."""

    label: str
    values: list[str]
    documents: list[str] = field(default_factory=list)
    marker: str | None = None  # "alleged", "one side only"
    note: str | None = None

    def as_dict(self, group_of: dict[str, str]) -> dict[str, Any]:
        return {"label": self.label, "values": self.values, "documents": self.documents,
                "independent_sources": len({group_of.get(d, d) for d in self.documents}),
                "marker": self.marker, "note": self.note}


def trimmed(phrase: str) -> str:
    phrase = _STOP.split(phrase, maxsplit=1)[0]
    phrase = " ".join(phrase.split()).strip(" ,-–—")
    return phrase if len(phrase) <= 200 else phrase[:200].rsplit(" ", 1)[0] + " …"


def _good(phrase: str) -> bool:
    words = phrase.split()
    return len(phrase) >= 5 and len(words) <= 20 and words[0].casefold() not in ("him", "her", "them", "it", "the")


def phrases(pattern: re.Pattern[str], sentences: list[tuple[str, str]]) -> dict[str, list[str]]:
    """Each phrase `pattern` captures in the (document, sentence) pairs, with the documents saying it."""
    found: dict[str, list[str]] = {}
    keys: dict[str, str] = {}
    for doc, sentence in sentences:
        for m in pattern.finditer(sentence):
            raw = next((g for g in m.groups() if g), "")
            phrase = trimmed(raw)
            if not _good(phrase):
                continue
            key = keys.setdefault(phrase.casefold(), phrase)
            found.setdefault(key, [])
            if doc not in found[key]:
                found[key].append(doc)
    return without_parts(found)


def without_parts(found: dict[str, list[str]]) -> dict[str, list[str]]:
    """Drop a phrase another one contains ("foreign interference" inside "one count of reckless foreign
    interference"), giving its documents to the longer one."""
    kept: dict[str, list[str]] = {}
    for phrase in sorted(found, key=len, reverse=True):
        whole = next((k for k in kept if phrase.casefold() in k.casefold()), None)
        if whole is None:
            kept[phrase] = list(found[phrase])
        else:
            kept[whole] += [d for d in found[phrase] if d not in kept[whole]]
    return {k: kept[k] for k in found if k in kept}


def _country(word: str) -> str | None:
    from spyglass.extract.places import country_name, country_of_demonym

    word = word.removesuffix("'s")
    return country_name(word) or country_of_demonym(word)


def summarise(file: dict[str, Any], row: dict[str, Any], snap: Snapshot, group_of: dict[str, str]) -> dict[str, Any]:
    """The case's facts in words, each with sources and markers (see the module's first lines)."""
    names = {n.casefold() for n in [file["name"], *file["aliases"]]}
    kinds = {ev["event"] for ev in file["timeline"]}
    convicted = bool(kinds & set(CONVICTED)) and file["status"] != "acquitted"
    by_event: dict[str, list[tuple[str, str]]] = {}
    for ev in file["timeline"]:
        by_event.setdefault(ev["event"], []).extend((s["document"], s["evidence"]) for s in ev["sources"])
    accusing = [p for k in ("arrested", "charged", "indicted", "alleged", "extradited") for p in by_event.get(k, [])]
    judging = [p for k in ("convicted", "pleaded_guilty", "sentenced", "acquitted") for p in by_event.get(k, [])]
    own = [c for c in snap.claims if c["subject"].casefold() in names and c["doc_id"] in set(row_docs(row))]
    facts: list[Fact] = []

    charges = phrases(_ACCUSED, accusing + judging)
    for value in file["charges"]:
        charges.setdefault(value, [])
    charges = without_parts(charges)
    if charges:
        facts.append(Fact("accused of" if not convicted else "charged with", list(charges),
                          _docs(charges), None if convicted else "alleged"))
    outcome = phrases(_CONVICTED, judging)
    for value in file["convicted_of"]:
        if not any(value.casefold() in o.casefold() or o.casefold() in value.casefold() for o in outcome):
            outcome.setdefault(value, [])
    outcome = without_parts(outcome)
    if outcome:
        facts.append(Fact("acquitted of" if file["status"] == "acquitted" else "convicted of", list(outcome),
                          _docs(outcome)))

    sponsor = file["sponsor"]
    if sponsor:
        aliases = {a.casefold() for a in [sponsor, *file["sponsor_aliases"]]}
        backing = [c for c in snap.claims if c["predicate"] in SPONSOR_PREDICATES and c["subject"].casefold() in names
                   and (c["object"] or "").casefold() in aliases]
        # "the recruiters who approached him were officers of X": the service that approached the person
        backing += [c for c in snap.claims if c["predicate"] == "used_method" and (c["value"] or "").casefold() in names
                    and c["subject"].casefold() in aliases]
        docs = list(dict.fromkeys(c["doc_id"] for c in backing))
        one_side = bool(backing) and all(c["hedge"] in HEDGED for c in backing)
        marker = "one side only" if one_side else None if convicted else "alleged"
        note = ("every report of it attributes it to the accusing side" if one_side else
                "no report names the person with the service in so many words; chosen by the case assembly"
                if not backing else None)
        facts.append(Fact("for", [sponsor + (f" (part of {file['parent_agency']})" if file["parent_agency"]
                                              and file["parent_agency"] != sponsor else "")], docs, marker, note))

    targets = phrases(_TARGET, [(c["doc_id"], c["evidence"]) for c in own] + accusing + judging)
    for c in own:
        if c["predicate"] in ("targets", "hacked", "stole_data_from") and c["object"]:
            targets.setdefault(c["object"], []).append(c["doc_id"])
    for value in file["targets"]:
        targets.setdefault(value, [])
    if targets:
        facts.append(Fact("targeting", list(targets)[:6], _docs(targets), None if convicted else "alleged"))

    where = prosecuted_by(file, accusing, judging)
    if where:
        facts.append(where)
    facts.append(Fact("what happened", [happened(file)], [s["document"] for ev in file["timeline"] for s in ev["sources"]]))
    groups = {group_of.get(d, d) for d in row_docs(row)}
    return {"name": file["name"], "convicted": convicted, "status": file["status"],
            "independent_sources": len(groups), "documents": len(row_docs(row)),
            "facts": [f.as_dict(group_of) for f in facts], "sentence": in_words(file, facts, convicted)}


def row_docs(row: dict[str, Any]) -> list[str]:
    return [s["document"] for s in row["sources"]]


def _docs(found: dict[str, list[str]]) -> list[str]:
    return list(dict.fromkeys(d for docs in found.values() for d in docs))


def prosecuted_by(file: dict[str, Any], accusing: list[tuple[str, str]], judging: list[tuple[str, str]]) -> Fact | None:
    """The state whose court, judge or prosecutors the case's legal events name; else the assembled value."""
    named: dict[str, list[str]] = {}
    for doc, sentence in judging + [p for p in accusing if re.search(r"charg|indict|prosecut", p[1], re.I)]:
        if re.search(r"extradit|handed over|transferred", sentence, re.I):
            continue  # the courts of the state that hands a person over do not prosecute the case
        for m in _PROSECUTING.finditer(sentence):
            country = _country(m.group("who"))
            if country:
                named.setdefault(country, [])
                if doc not in named[country]:
                    named[country].append(doc)
    assembled = file["prosecuting_country"]
    if named:
        best = max(named, key=lambda c: (len(named[c]), c == assembled))
        note = (None if assembled in (None, best) else
                f"the assembled record says {assembled}, but the courts and prosecutors the reports name are {best}'s")
        return Fact("prosecuted by", [best], named[best], note=note)
    if assembled:
        return Fact("prosecuted by", [assembled], [], note="as the case assembly found it; no report names the court")
    return None


def happened(file: dict[str, Any]) -> str:
    """The legal events in order, in words: "arrested 2023-03-14; extradited 2023-10-06; ..."."""
    parts = []
    for ev in sorted(file["timeline"], key=lambda ev: ev["date"] or "9999"):
        words = event_words(ev["event"])
        if ev["event"] == "sentenced" and file["sentence_months"]:
            words += f" to {months(file['sentence_months'])}"
        parts.append(f"{words} {ev['date']}" if ev["date"] else f"{words} (date not reported)")
    return "; ".join(parts) or "no dated event"


def in_words(file: dict[str, Any], facts: list[Fact], convicted: bool) -> str:
    """One plain sentence for the top of the page and the table's tooltip."""
    by = {f.label: f for f in facts}
    who = file["name"] + (f", {file['role']}," if file["role"] else "")
    charge = by.get("accused of") or by.get("charged with")
    if file["status"] == "acquitted":
        of = by.get("acquitted of") or charge
        what = "was acquitted" + (f" of {of.values[0]}" if of else "")
    elif convicted:
        what = ("was convicted" + (f" of {by['convicted of'].values[0]}" if "convicted of" in by else
                                   f" (charged with {charge.values[0]})" if charge else ""))
    elif charge:
        what = f"is accused of {charge.values[0]}"
    else:
        what = "is alleged to have acted for a foreign state" if file["sponsor"] else "faces an espionage-related action"
    sponsor = by.get("for")
    if sponsor:
        what += f", {'allegedly ' if sponsor.marker else ''}for {sponsor.values[0]}"
    where = by.get("prosecuted by")
    if where:
        what += f", in {where.values[0]}"
    return f"{who} {what}."
