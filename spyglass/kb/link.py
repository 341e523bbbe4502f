"""Link a name to knowledge entries by name or alias (English, Chinese); shared aliases go by context or stay ambiguous.

Entries that a same_as link ties together (see `derive_same_as`) count as one identity, shown
by a representative: the built-in entry if any, else ATT&CK's, else MISP's. When a name
belongs to several identities, the words of each one's names, country and directly related
entries that the others lack are looked for in the context; one clear winner is linked,
anything else stays ambiguous. Nothing is merged silently.

When no name matches, agency names get a garble-tolerant second look (spyglass/kb/garble.py):
machine-translated, spun and re-ordered forms, "X (Y)" with both parts naming one entry (or one
part and its country), an acronym inside a longer name, initials confirmed by the context, close
spellings, and last a description the context sets beside a known name ("China's spy agency,
the Ministry of State Security"). Candidates then go through the same type and context steps; a
fuzzy tie stays ambiguous.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spyglass.errors import ModelError, NotFound
from spyglass.kb.builtin import normalise_alias
from spyglass.kb.garble import (
    COUNTRY, MINISTRY, UNIT, GarbleMatcher, Identity, country_token, garble_key, occurrences, split_qualifier,
)
from spyglass.kb.importers import FAMILIES, builtin_batch, ensure_builtin
from spyglass.kb.store import ORIGINS, Entry, Relationship, entries, find_by_key, last_import, relationships
from spyglass.store import Store

STATUSES: tuple[str, ...] = ("linked", "ambiguous", "unknown")
# A name word shared by more identities than this says little about any one of them ("panda", "bureau").
MAX_SHARED = 3
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUNS = re.compile(rf"[{_CJK}]+|[^\W_{_CJK}]+")
# a description and the name it stands beside: "X, the Y", "X (Y)", "X – Y", within one sentence
_BESIDE_AFTER = re.compile(r"^\s*(?:,|:|\(|\u2013|\u2014|--?)\s*")
_BESIDE_BEFORE = re.compile(r"(?:,|\(|\u2013|\u2014|--?)\s*$")
_SENTENCE = re.compile(r"[.;!?\n\"\u201c\u201d]")
MAX_NAME_WORDS = 10


@dataclass(frozen=True)
class LinkResult:
    """The outcome of linking one name: kb_ids[0] is the identity's representative when linked."""

    status: str
    kb_ids: list[str]
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"status": self.status, "kb_ids": list(self.kb_ids), "reason": self.reason}


def words(text: str) -> set[str]:
    """Comparable words: Latin-script words of 3+ letters, and character pairs of Han text (no spaces there)."""
    found: set[str] = set()
    for run in _RUNS.findall(normalise_alias(text)):
        if re.match(rf"[{_CJK}]", run):
            found |= {run[i:i + 2] for i in range(len(run) - 1)} or {run}
        elif len(run) >= 3:
            found.add(run)
    return found


class KnowledgeIndex:
    """Names, identities and neighbours of every entry, held in memory for fast linking."""

    def __init__(self, all_entries: Sequence[Entry], rels: Sequence[Relationship]):
        self.entries = {e.kb_id: e for e in all_entries}
        rank = {origin: i for i, origin in enumerate(ORIGINS)}
        parent = {kb_id: kb_id for kb_id in self.entries}

        def root(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        self.related: dict[str, set[str]] = {kb_id: set() for kb_id in self.entries}
        # names at the other end of a relationship that are no entry: a sponsor country, a city,
        # an officer. They point at the entry as much as a related entry's names do.
        self.outside: dict[str, set[str]] = {kb_id: set() for kb_id in self.entries}
        for rel in rels:
            if rel.subject in parent and rel.object in parent:
                if rel.predicate == "same_as":
                    parent[root(rel.object)] = root(rel.subject)
                else:
                    self.related[rel.subject].add(rel.object)
                    self.related[rel.object].add(rel.subject)
            elif rel.subject in parent and rel.object is None:
                self.outside[rel.subject].add(rel.object_name)
            elif rel.object in parent and rel.subject is None:
                self.outside[rel.object].add(rel.subject_name)
        groups: dict[str, list[str]] = {}
        for kb_id in self.entries:
            groups.setdefault(root(kb_id), []).append(kb_id)

        def order(kb_id: str) -> tuple[int, int, str]:
            e = self.entries[kb_id]
            return (rank.get(e.origin, 9), e.status == "revoked", kb_id)

        self.members: dict[str, list[str]] = {}
        self.identity: dict[str, str] = {}
        for ids in groups.values():
            ids.sort(key=order)
            self.members[ids[0]] = ids
            for kb_id in ids:
                self.identity[kb_id] = ids[0]
        self.by_norm: dict[str, list[str]] = {}
        self.spellings: dict[str, set[str]] = {}
        for e in all_entries:
            if e.status == "revoked":  # ATT&CK moved these names to the replacement
                continue
            for name in e.names():
                key = normalise_alias(name)
                self.spellings.setdefault(key, set()).add(name)
                if e.kb_id not in self.by_norm.setdefault(key, []):
                    self.by_norm[key].append(e.kb_id)
        # "Volt-Typhoon" normalises to "volttyphoon": a second key without spaces catches such spellings
        self.by_compact: dict[str, list[str]] = {}
        for key, ids in self.by_norm.items():
            bucket = self.by_compact.setdefault(key.replace(" ", ""), [])
            bucket += [kb_id for kb_id in ids if kb_id not in bucket]
        self.capitals = {e.country or e.name: str(e.data["capital"]) for e in all_entries
                         if e.type == "country" and e.data.get("capital")}
        self._shared: Counter[str] = Counter()
        for ids in self.members.values():
            self._shared.update({w for m in ids for n in self.entries[m].names() for w in words(n)})
        self._evidence: dict[str, frozenset[str]] = {}
        self.garble = GarbleMatcher(self._agency_identities())

    def _agency_identities(self) -> list[Identity]:
        found = []
        for rep, ids in self.members.items():
            live = [self.entries[m] for m in ids if self.entries[m].status != "revoked"]
            if not live or "agency" not in self.family(rep):
                continue
            countries = {country_token(e.country) for e in live} - {None}
            found.append(Identity(rep=rep, names=tuple(n for e in live for n in e.names()),
                                  types=frozenset(e.type for e in live),
                                  countries=frozenset(c for c in countries if c)))
        return found

    @classmethod
    def from_builtin(cls) -> "KnowledgeIndex":
        batch = builtin_batch()
        return cls(batch.entries, batch.relationships)

    @classmethod
    def from_store(cls, store: Store) -> "KnowledgeIndex":
        return cls(entries(store), relationships(store))

    def identities(self, name: str, normalised: bool = False) -> list[str]:
        """The representatives of every identity carrying `name`, in a stable order."""
        key = name if normalised else normalise_alias(name)
        return sorted({self.identity[kb_id] for kb_id in self.by_norm.get(key, [])}, key=self._order)

    def _order(self, rep: str) -> tuple[int, str, str]:
        return (ORIGINS.index(self.entries[rep].origin), self.entries[rep].name, rep)

    def family(self, rep: str) -> set[str]:
        return {FAMILIES.get(self.entries[m].type, self.entries[m].type) for m in self.members[rep]}

    def evidence(self, rep: str) -> frozenset[str]:
        """Words that point at this identity: its names, country (and capital), and its neighbours' names."""
        if rep not in self._evidence:
            found: set[str] = set()
            for m in self.members[rep]:
                e = self.entries[m]
                found |= self._name_words(e)
                for place in filter(None, [e.country, self.capitals.get(e.country or ""), *self.outside[m]]):
                    found |= words(place)
                for other in self.related[m]:
                    if self.identity[other] != rep:
                        found |= self._name_words(self.entries[other])
            self._evidence[rep] = frozenset(found)
        return self._evidence[rep]

    def _name_words(self, e: Entry) -> set[str]:
        return {w for n in e.names() for w in words(n) if self._shared[w] <= MAX_SHARED}

    def link(self, name: str, context: str = "", type_hint: str | None = None) -> LinkResult:
        if type_hint is not None and type_hint not in FAMILIES:
            raise ModelError(f"unknown type hint {type_hint!r}; expected one of: {', '.join(FAMILIES)}")
        found = self._candidates(name, context)
        if isinstance(found, LinkResult):
            return found
        reps, notes = found
        if type_hint is not None and len(reps) > 1:
            typed = [r for r in reps if FAMILIES[type_hint] in self.family(r)]
            if typed:
                if len(typed) < len(reps):
                    notes.append(f"type {type_hint} kept {len(typed)} of {len(reps)} candidates")
                reps = typed
            else:
                notes.append(f"no candidate is of type {type_hint}; all kept")
        if len(reps) == 1:
            return self._linked(reps[0], name, notes)
        scores = self._context_scores(name, context, reps)
        best = max(score for score, _ in scores.values())
        winners = [r for r in reps if scores[r][0] == best]
        labels = ", ".join(self.label(r) for r in reps)
        if best > 0 and len(winners) == 1:
            notes.append(f"context words {', '.join(sorted(scores[winners[0]][1]))} point to it among {labels}")
            return self._linked(winners[0], name, notes)
        why = "no context words tell them apart" if best == 0 else "context points to several equally"
        notes.append(f"{name!r} names {len(reps)} entries: {labels}; {why}")
        return LinkResult("ambiguous", reps, "; ".join(notes))

    def _candidates(self, name: str, context: str) -> tuple[list[str], list[str]] | LinkResult:
        """The identities a name may mean, with notes on how they were found; a LinkResult when that settles it."""
        reps = self.identities(name)
        if reps:
            return reps, []
        compact = normalise_alias(name).replace(" ", "")
        reps = sorted({self.identity[k] for k in self.by_compact.get(compact, [])}, key=self._order)
        if reps:
            return reps, ["matched with spaces and hyphens ignored"]
        parts = split_qualifier(name)
        if parts:
            return self._qualified(name, parts, context)
        unknown = LinkResult("unknown", [], f"no knowledge entry has the name or alias {name!r}")
        match = self.garble.match(name)
        if match is None:
            return self._apposition(name, context) or unknown
        reps = sorted(match.reps, key=self._order)
        if match.tied:
            labels = ", ".join(self.label(r) for r in reps)
            return LinkResult("ambiguous", reps, f"{name!r} is as close to {labels}: {match.explanation}; "
                                                 "a tie is not merged")
        if match.needs_context:
            seen = words(context) - words(name)
            named = {r: sorted(self._own_words(r) & seen) for r in reps}
            reps = [r for r in reps if named[r]]
            if not reps:
                return LinkResult("unknown", [], f"{name!r}: {match.explanation} of "
                                  f"{', '.join(self.label(r) for r in match.reps)}, but the context names none")
            return reps, [f"{match.explanation}; the context names {', '.join(w for r in reps for w in named[r])}"]
        return reps, [match.explanation]

    def _qualified(self, name: str, parts: tuple[str, str], context: str) -> tuple[list[str], list[str]] | LinkResult:
        """"X (Y)": both parts looked up; they must name one entry, or the part not known must be its country."""
        found: list[list[str]] = []
        for part in parts:
            got = self._candidates(part, context)
            found.append(got.kb_ids if isinstance(got, LinkResult) else got[0])
        (base, inner), (a, b) = parts, found
        if a and b:
            both = [r for r in a if r in b]
            if both:
                return both, [f"{base!r} and {inner!r} both name it"]
            return sorted(set(a) | set(b), key=self._order), [f"{base!r} and {inner!r} name different entries"]
        # one part unknown: only a country that agrees may stand beside a name ("... (United States)");
        # anything else might be another agency ("Foreign Intelligence Service (SZRU)")
        known, other = (a, inner) if a else (b, base)
        places = garble_key(other)
        kept = [r for r in known if places and all(t.startswith(COUNTRY) and t in self.garble.vocab.get(r, set())
                                                    for t in places)]
        if not kept:
            return LinkResult("unknown", [], f"no knowledge entry has the name or alias {name!r}; "
                              f"{(base if a else inner)!r} is known but {other!r} is not its country")
        return kept, [f"matched on {(base if a else inner)!r}, with its country {other!r}"]

    def _apposition(self, name: str, context: str) -> tuple[list[str], list[str]] | None:
        """A description set beside a name in the context ("China's spy agency, the Ministry of State Security")."""
        key = garble_key(name)
        if not context or not key & {UNIT, MINISTRY}:  # only descriptions of an agency ("... spy agency")
            return None
        places = {t for t in key if t.startswith(COUNTRY)}
        for start, end in occurrences(name, context, ignore_case=True):
            for phrase in _beside(context, start, end):
                reps = [r for r in self.identities(phrase)
                        if "agency" in self.family(r) and places <= self.garble.vocab.get(r, set())]
                if reps:
                    return reps, [f"the context sets it beside {phrase!r}"]
        return None

    def _own_words(self, rep: str) -> set[str]:
        """The distinctive words of an identity's own names (not its country or neighbours)."""
        return {w for m in self.members[rep] for w in self._name_words(self.entries[m])}

    def _context_scores(self, name: str, context: str, reps: list[str]) -> dict[str, tuple[int, set[str]]]:
        seen = words(context) - words(name)
        scores: dict[str, tuple[int, set[str]]] = {}
        for rep in reps:
            others: set[str] = set()
            for r in reps:
                if r != rep:
                    others |= self.evidence(r)
            hits = set(self.evidence(rep) - others) & seen
            scores[rep] = (len(hits), hits)
        return scores

    def _linked(self, rep: str, name: str, notes: list[str]) -> LinkResult:
        ids = self.members[rep]
        text = f"{name!r} is a name of {self.label(rep)}"
        if len(ids) > 1:
            text += f" (same as {', '.join(self.label(m) for m in ids[1:])})"
        return LinkResult("linked", list(ids), "; ".join([text, *notes]))

    def label(self, kb_id: str) -> str:
        e = self.entries[kb_id]
        ext = f" {e.external_id}" if e.external_id else ""
        return f"{e.name} [{e.origin}{ext}]"


def _beside(context: str, start: int, end: int) -> Iterator[str]:
    """The phrases in apposition to context[start:end], in the same sentence: longest first, after then before."""
    after = context[end:]
    m = _BESIDE_AFTER.match(after)
    if m:
        found = _SENTENCE.split(after[m.end():], maxsplit=1)[0].split()[:MAX_NAME_WORDS]
        for k in range(len(found), 0, -1):
            yield " ".join(found[:k]).rstrip(",:")
    before = context[:start]
    m = _BESIDE_BEFORE.search(before)
    if m:
        found = _SENTENCE.split(before[:m.start()])[-1].split()[-MAX_NAME_WORDS:]
        for k in range(len(found)):
            yield " ".join(found[k:])


_CACHE: dict[str, tuple[tuple[int, str, str], KnowledgeIndex]] = {}
_BUILTIN: list[KnowledgeIndex] = []


def index_for(store: Store | None) -> KnowledgeIndex:
    """The index of the store (built-in entries synced into it first), rebuilt only after an import."""
    if store is None:
        if not _BUILTIN:
            _BUILTIN.append(KnowledgeIndex.from_builtin())
        return _BUILTIN[0]
    key = str(Path(store.path).resolve())
    # once a process per store (the packaged data may be newer), and whenever a store has none yet
    if key not in _CACHE or last_import(store, "builtin") is None:
        ensure_builtin(store)
    stamp = last_import(store) or (0, "", "")
    cached = _CACHE.get(key)
    if cached is None or cached[0] != stamp:
        cached = (stamp, KnowledgeIndex.from_store(store))
        _CACHE[key] = cached
    return cached[1]


def link(name: str, context: str = "", type_hint: str | None = None, store: Store | None = None) -> LinkResult:
    """Link a mention's name to KB entries; without a store, the built-in entries only."""
    return index_for(store).link(name, context, type_hint)


@dataclass(frozen=True)
class AmbiguousAlias:
    """A name carried by two or more identities that no same_as link joins."""

    norm: str
    spellings: tuple[str, ...]
    kb_ids: tuple[str, ...]  # one representative per identity
    labels: tuple[str, ...]  # "name [origin ATT&CK-id]" of each
    kind: str
    types_differ: bool

    @property
    def handling(self) -> str:
        if self.types_differ:
            return "a type hint selects the entry of that type; else context words; else reported ambiguous"
        return "context words (names, country, related entries) select one; else reported ambiguous"

    def as_dict(self) -> dict[str, Any]:
        return {"alias": self.spellings[0], "norm": self.norm, "spellings": list(self.spellings),
                "kb_ids": list(self.kb_ids), "labels": list(self.labels), "kind": self.kind,
                "types_differ": self.types_differ,
                "handling": self.handling}


def ambiguous_aliases(store: Store | None) -> list[AmbiguousAlias]:
    """Every name shared by identities that are not declared same_as, with the sources involved."""
    index = index_for(store)
    found: list[AmbiguousAlias] = []
    for norm in sorted(index.by_norm):
        reps = index.identities(norm, normalised=True)
        if len(reps) < 2:
            continue
        carriers: dict[str, set[str]] = {}
        for kb_id in index.by_norm[norm]:
            carriers.setdefault(index.entries[kb_id].origin, set()).add(index.identity[kb_id])
        families = [frozenset(index.family(r)) for r in reps]
        found.append(AmbiguousAlias(
            norm=norm, spellings=tuple(sorted(index.spellings[norm])), kb_ids=tuple(reps),
            labels=tuple(index.label(r) for r in reps),
            kind=_kind(carriers), types_differ=len(set(families)) > 1,
        ))
    return found


def _kind(carriers: dict[str, set[str]]) -> str:
    """Where the clash lies: inside one source (it gives the name to two identities), or between sources."""
    labels = {"builtin": "built-in", "stix": "ATT&CK", "misp": "MISP"}
    inside = [origin for origin in ORIGINS if len(carriers.get(origin, ())) > 1]
    if inside:
        return f"within {labels[inside[0]]}"
    return "built-in vs imported" if "builtin" in carriers else "ATT&CK vs MISP"


def describe(store: Store, name: str) -> dict[str, Any]:
    """What `kb show` prints: the entry (or each candidate when the name is ambiguous) in full."""
    index = index_for(store)
    keyed = find_by_key(store, name)
    result = index.link(name)
    if keyed:
        reps = sorted({index.identity[k] for k in keyed})
        status, reason = "linked", f"{name!r} is the id of {', '.join(index.label(k) for k in keyed)}"
    elif result.status != "unknown":
        reps = result.kb_ids[:1] if result.status == "linked" else result.kb_ids
        status, reason = result.status, result.reason
    else:
        key = normalise_alias(name)
        reps = sorted(e.kb_id for e in index.entries.values()
                      if e.status == "revoked" and key in {normalise_alias(n) for n in e.names()})
        status, reason = "revoked", f"{name!r} names only revoked entries"
    if not reps:
        raise NotFound(f"no knowledge entry is called {name!r}; try `spyglass kb search {name}`")
    return {"query": name, "status": status, "reason": reason, "entries": [_view(store, index, r) for r in reps]}


def _view(store: Store, index: KnowledgeIndex, rep: str) -> dict[str, Any]:
    e = index.entries[rep]
    members = index.members[rep]
    spellings: dict[str, list[str]] = {}
    for m in members:
        for alias in index.entries[m].names():
            spellings.setdefault(alias, []).append(m)
    chain: list[dict[str, str]] = []
    parent = e.parent
    while parent and parent in index.entries and len(chain) < 10:
        chain.append({"kb_id": parent, "name": index.entries[parent].name})
        parent = index.entries[parent].parent
    rels, links = [], []
    for rel in relationships(store, members):
        if rel.predicate == "same_as" and {rel.subject, rel.object} <= set(members):
            links.append({"subject": index.label(rel.subject or ""), "object": index.label(rel.object or ""),
                          "origin": rel.origin, "why": rel.note or ""})
            continue
        rels.append(rel.as_dict() | {
            "subject_name": index.entries[rel.subject].name if rel.subject in index.entries else rel.subject_name,
            "object_name": index.entries[rel.object].name if rel.object in index.entries else rel.object_name,
        })
    shared = []
    for key in sorted({normalise_alias(a) for a in spellings}):
        others = [r for r in index.identities(key, normalised=True) if r != rep]
        if others:
            shared.append({"alias": sorted(index.spellings[key])[0], "others": [index.label(r) for r in others],
                           "kb_ids": others})
    return e.as_dict() | {
        "label": index.label(rep),
        "same_as": [{"kb_id": m, "label": index.label(m), "status": index.entries[m].status} for m in members[1:]],
        "same_as_links": links,
        "names": [{"alias": a, "from": [index.entries[m].origin for m in ids]} for a, ids in spellings.items()],
        "parents": chain, "relationships": rels, "shared_aliases": shared,
    }
