"""Built-in reference knowledge (agencies, bureaus, contractors, threat groups), checked as it loads.

The data lives in `spyglass/kb/data/*.json`, written by hand from public sources. Every entry
and claim is checked against the model vocabulary when it is read, so a typo in a data file
fails loudly with the entry's name instead of leaking a bad type or a dangling parent into
the graph.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from spyglass.errors import InputError, ModelError
from spyglass.model.dates import FuzzyDate
from spyglass.model.vocabulary import ENTITY_TYPES, PREDICATES

ENTRY_FILES: tuple[str, ...] = ("agencies.json", "organisations.json")
CLAIMS_FILE = "claims.json"

# The knowledge base describes organisations; people, places and sectors come from documents.
KB_TYPES: tuple[str, ...] = (
    "state_agency", "agency_unit", "government_body", "company", "organization", "threat_group",
)

_ENTRY_KEYS = {"id", "name", "type", "country", "parent", "aliases", "sources"}
_ENTRY_OPTIONAL = {"note"}
_CLAIM_KEYS = {
    "subject", "subject_type", "predicate", "object", "object_type", "date", "attributed_by", "source",
    "source_title",
}
_CLAIM_OPTIONAL = {"note"}
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_URL = re.compile(r"^https?://\S+$")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class KbEntry:
    """One organisation the knowledge base knows: its canonical name, aliases and sources."""

    id: str
    name: str
    type: str
    country: str
    parent: str | None
    aliases: tuple[str, ...]
    sources: tuple[str, ...]
    note: str | None = None

    def names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class KbClaim:
    """A dated, sourced statement about KB entities; `*_id` link to entries where the type is one."""

    subject: str
    subject_type: str
    predicate: str
    object: str
    object_type: str
    date: str | None  # an ISO prefix whose length is its precision
    attributed_by: tuple[str, ...]
    source: str
    source_title: str
    note: str | None = None
    subject_id: str | None = None
    object_id: str | None = None

    def when(self) -> FuzzyDate | None:
        return FuzzyDate.parse(self.date) if self.date else None


def normalise_alias(text: str) -> str:
    """The lookup key of a name: NFKC, case-folded, punctuation dropped, a leading "the" removed."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    kept = "".join(ch for ch in folded if not unicodedata.category(ch).startswith("P"))
    key = _SPACE.sub(" ", kept).strip()
    if key.startswith("the "):
        key = key[4:]
    return key


# ------------------------------------------------------------------------------------ entries


def parse_entries(raw: Any, origin: str) -> list[KbEntry]:
    """Check the shape of each entry in one file's JSON and build the entries."""
    if not isinstance(raw, list):
        raise ModelError(f"{origin}: expected a JSON list of entries, found {type(raw).__name__}")
    return [_parse_entry(item, origin, index) for index, item in enumerate(raw)]


def check_entries(entries: Sequence[KbEntry]) -> None:
    """Checks across entries: unique ids and names, parents that exist, no parent cycles."""
    by_id: dict[str, KbEntry] = {}
    by_name: dict[str, str] = {}
    for entry in entries:
        if entry.id in by_id:
            raise ModelError(f"entry {entry.id!r}: the id is used twice; ids must be unique across all KB files")
        by_id[entry.id] = entry
        name_key = normalise_alias(entry.name)
        if name_key in by_name:
            raise ModelError(
                f"entry {entry.id!r}: canonical name {entry.name!r} is also the name of {by_name[name_key]!r}; "
                "qualify one of them, e.g. with the country in parentheses"
            )
        by_name[name_key] = entry.id
    for entry in entries:
        if entry.parent is None:
            continue
        if entry.parent not in by_id:
            raise ModelError(f"entry {entry.id!r}: parent {entry.parent!r} is not the id of any KB entry")
        seen = {entry.id}
        parent: str | None = entry.parent
        while parent is not None:
            if parent in seen:
                raise ModelError(f"entry {entry.id!r}: its parents form a cycle through {parent!r}")
            seen.add(parent)
            parent = by_id[parent].parent


def load_entries(paths: Sequence[Path] | None = None) -> list[KbEntry]:
    """All KB entries: the packaged data files, or the given JSON files, checked as one set."""
    if paths is None:
        return list(_packaged_entries())
    entries: list[KbEntry] = []
    for path in paths:
        entries += parse_entries(_read_json_file(path), str(path))
    check_entries(entries)
    return entries


def build_alias_index(entries: Iterable[KbEntry]) -> dict[str, list[str]]:
    """Map each normalised name and alias to the ids that carry it (several when an alias is shared)."""
    index: dict[str, list[str]] = {}
    for entry in entries:
        for name in entry.names():
            ids = index.setdefault(normalise_alias(name), [])
            if entry.id not in ids:
                ids.append(entry.id)
    return index


def alias_index() -> dict[str, list[str]]:
    """The alias index of the packaged entries (a fresh copy the caller may change)."""
    return {key: list(ids) for key, ids in _packaged_index().items()}


# ------------------------------------------------------------------------------------ claims


def parse_claims(raw: Any, origin: str, entries: Sequence[KbEntry]) -> list[KbClaim]:
    """Check each claim against the vocabulary and link its KB-typed ends to entries."""
    if not isinstance(raw, list):
        raise ModelError(f"{origin}: expected a JSON list of claims, found {type(raw).__name__}")
    by_name = {entry.name: entry for entry in entries}
    return [_parse_claim(item, origin, index, by_name) for index, item in enumerate(raw)]


def load_claims(path: Path | None = None, entries: Sequence[KbEntry] | None = None) -> list[KbClaim]:
    """The packaged claims, or those of the given file, checked against `entries` (default: packaged)."""
    if path is None and entries is None:
        return list(_packaged_claims())
    known = list(entries) if entries is not None else list(_packaged_entries())
    if path is None:
        return parse_claims(_read_json_text(_data_text(CLAIMS_FILE), CLAIMS_FILE), CLAIMS_FILE, known)
    return parse_claims(_read_json_file(path), str(path), known)


# ------------------------------------------------------------------------------------ internals


@lru_cache(maxsize=1)
def _packaged_entries() -> tuple[KbEntry, ...]:
    entries: list[KbEntry] = []
    for name in ENTRY_FILES:
        entries += parse_entries(_read_json_text(_data_text(name), name), name)
    check_entries(entries)
    return tuple(entries)


@lru_cache(maxsize=1)
def _packaged_index() -> dict[str, list[str]]:
    return build_alias_index(_packaged_entries())


@lru_cache(maxsize=1)
def _packaged_claims() -> tuple[KbClaim, ...]:
    raw = _read_json_text(_data_text(CLAIMS_FILE), CLAIMS_FILE)
    return tuple(parse_claims(raw, CLAIMS_FILE, _packaged_entries()))


def _data_text(name: str) -> str:
    # Anchored on the `spyglass` package so the lookup works whether or not kb/ is a regular package.
    return (resources.files("spyglass") / "kb" / "data" / name).read_text(encoding="utf-8")


def _read_json_file(path: Path) -> Any:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read KB file {path}: {exc.strerror or exc}") from exc
    return _read_json_text(text, str(path))


def _read_json_text(text: str, origin: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ModelError(f"{origin}: not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}") from exc


def _parse_entry(item: Any, origin: str, index: int) -> KbEntry:
    label = f"{origin}: entry #{index}"
    if not isinstance(item, dict):
        raise ModelError(f"{label}: expected a JSON object, found {type(item).__name__}")
    if isinstance(item.get("id"), str):
        label = f"{origin}: entry {item['id']!r}"
    _check_keys(item, _ENTRY_KEYS, _ENTRY_OPTIONAL, label)
    entry_id = _text(item, "id", label)
    if not _SLUG.match(entry_id):
        raise ModelError(f"{label}: id must be a lower-case slug such as 'cn-mss-jiangsu'")
    entry_type = _text(item, "type", label)
    if entry_type not in ENTITY_TYPES:
        raise ModelError(f"{label}: unknown entity type {entry_type!r}; expected one of: {', '.join(ENTITY_TYPES)}")
    if entry_type not in KB_TYPES:
        raise ModelError(
            f"{label}: type {entry_type!r} does not belong in the KB; expected one of: {', '.join(KB_TYPES)}"
        )
    parent = item["parent"]
    if parent is not None and (not isinstance(parent, str) or not parent):
        raise ModelError(f"{label}: parent must be an entry id or null")
    name = _text(item, "name", label)
    aliases = _text_list(item, "aliases", label)
    seen: dict[str, str] = {}
    for alias in (name, *aliases):
        key = normalise_alias(alias)
        if not key:
            raise ModelError(f"{label}: name or alias {alias!r} is empty once punctuation is dropped")
        if key in seen:
            raise ModelError(f"{label}: alias {alias!r} repeats {seen[key]!r} once normalised; drop one")
        seen[key] = alias
    sources = _text_list(item, "sources", label)
    if not sources:
        raise ModelError(f"{label}: needs at least one source URL")
    for url in sources:
        if not _URL.match(url):
            raise ModelError(f"{label}: source {url!r} is not an http(s) URL")
    note = item.get("note")
    if note is not None and not isinstance(note, str):
        raise ModelError(f"{label}: note must be a string")
    return KbEntry(
        id=entry_id, name=name, type=entry_type, country=_text(item, "country", label), parent=parent,
        aliases=tuple(aliases), sources=tuple(sources), note=note,
    )


def _parse_claim(item: Any, origin: str, index: int, by_name: dict[str, KbEntry]) -> KbClaim:
    label = f"{origin}: claim #{index}"
    if not isinstance(item, dict):
        raise ModelError(f"{label}: expected a JSON object, found {type(item).__name__}")
    if isinstance(item.get("subject"), str) and isinstance(item.get("predicate"), str):
        label = f"{label} ({item['subject']} {item['predicate']} {item.get('object')})"
    _check_keys(item, _CLAIM_KEYS, _CLAIM_OPTIONAL, label)
    predicate = _text(item, "predicate", label)
    if predicate not in PREDICATES:
        raise ModelError(f"{label}: unknown predicate {predicate!r}; expected one of: {', '.join(PREDICATES)}")
    ends: dict[str, str | None] = {}
    for end in ("subject", "object"):
        value = _text(item, end, label)
        value_type = _text(item, f"{end}_type", label)
        if value_type not in ENTITY_TYPES:
            raise ModelError(f"{label}: unknown {end}_type {value_type!r}; expected one of: {', '.join(ENTITY_TYPES)}")
        ends[end] = None
        if value_type in KB_TYPES:
            entry = by_name.get(value)
            if entry is None:
                raise ModelError(f"{label}: {end} {value!r} is not the canonical name of any KB entry; add it "
                                 "to agencies.json or organisations.json, or use the entry's name")
            if entry.type != value_type:
                raise ModelError(f"{label}: {end}_type {value_type!r} disagrees with entry {entry.id!r} ({entry.type})")
            ends[end] = entry.id
    date = item["date"]
    if date is not None:
        if not isinstance(date, str):
            raise ModelError(f"{label}: date must be an ISO prefix string (2018, 2018-04, 2018-04-01) or null")
        _check_date(date, label)
    source = _text(item, "source", label)
    if not _URL.match(source):
        raise ModelError(f"{label}: source {source!r} is not an http(s) URL")
    note = item.get("note")
    if note is not None and not isinstance(note, str):
        raise ModelError(f"{label}: note must be a string")
    return KbClaim(
        subject=item["subject"], subject_type=item["subject_type"], predicate=predicate, object=item["object"],
        object_type=item["object_type"], date=date, attributed_by=tuple(_text_list(item, "attributed_by", label)),
        source=source, source_title=_text(item, "source_title", label), note=note,
        subject_id=ends["subject"], object_id=ends["object"],
    )


def _check_keys(item: dict[str, Any], required: set[str], optional: set[str], label: str) -> None:
    missing = sorted(required - item.keys())
    if missing:
        raise ModelError(f"{label}: missing key(s) {', '.join(missing)}")
    unknown = sorted(item.keys() - required - optional)
    if unknown:
        allowed = ", ".join(sorted(required | optional))
        raise ModelError(f"{label}: unknown key(s) {', '.join(unknown)}; allowed: {allowed}")


def _check_date(text: str, label: str) -> None:
    # first_day() builds a real calendar date, which also rejects a month such as 2018-13.
    try:
        FuzzyDate.parse(text).first_day()
    except (ModelError, ValueError) as exc:
        raise ModelError(f"{label}: date {text!r} is not an ISO prefix (2018, 2018-04 or 2018-04-01): {exc}") from exc


def _text(item: dict[str, Any], key: str, label: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ModelError(f"{label}: {key} must be a non-empty string")
    return value


def _text_list(item: dict[str, Any], key: str, label: str) -> list[str]:
    value = item.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ModelError(f"{label}: {key} must be a list of non-empty strings")
    return list(value)
