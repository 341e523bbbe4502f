"""The records that travel between stages: documents and segments, mentions, claims, cases, rejections."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from spyglass.model.dates import FuzzyDate
from spyglass.model.vocabulary import (
    ENTITY_TYPES,
    HEDGES,
    LEGAL_STATUSES,
    PREDICATES,
    SEGMENT_KINDS,
    check_choice,
)


def content_hash(*parts: object) -> str:
    """A stable id from content, so that a re-run writes identical rows."""
    blob = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class Segment:
    """A stretch of a document's text with what it is (body, pull quote, chrome, copy)."""

    kind: str
    start: int
    end: int

    def __post_init__(self) -> None:
        check_choice("segment kind", self.kind, SEGMENT_KINDS)


@dataclass
class Document:
    """A cleaned document: its text, the segments of that text, and its metadata."""

    doc_id: str  # content hash of the clean text
    text: str
    segments: list[Segment]
    source_path: str | None = None
    url: str | None = None
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    published: str | None = None  # ISO day as the page shows it
    language: str | None = None
    format: str = "txt"
    extra: dict[str, Any] = field(default_factory=dict)  # aggregator, original_publisher, ...

    def body_text(self) -> str:
        return "\n\n".join(self.text[s.start : s.end] for s in self.segments if s.kind == "body")

    def metadata(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "author": self.author,
            "publisher": self.publisher,
            "published": self.published,
            "language": self.language,
            **self.extra,
        }


@dataclass(frozen=True)
class Rejection:
    """An input that was not stored, with the reason a user can act on."""

    source: str
    reason: str  # a short key counted in the run summary, e.g. "empty", "binary"
    detail: str


@dataclass(frozen=True)
class Claim:
    """One fact with its provenance: the document and character span it was read from."""

    subject: str
    predicate: str
    doc_id: str
    start: int
    end: int
    extractor: str
    extractor_version: str
    object: str | None = None
    value: str | None = None
    subject_type: str | None = None
    object_type: str | None = None
    date: FuzzyDate | None = None
    date_phrase: str | None = None
    hedge: str = "none"
    hedge_cue: str | None = None
    confidence: float = 0.5

    def __post_init__(self) -> None:
        if self.predicate not in PREDICATES and self.predicate not in LEGAL_STATUSES:
            check_choice("predicate", self.predicate, PREDICATES)
        if self.subject_type is not None:
            check_choice("entity type", self.subject_type, ENTITY_TYPES)
        if self.object_type is not None:
            check_choice("entity type", self.object_type, ENTITY_TYPES)
        check_choice("hedge", self.hedge, HEDGES)
        if not 0 <= self.start < self.end:
            raise ValueError(f"claim {self.subject} {self.predicate} has no span ({self.start}, {self.end})")

    @property
    def claim_id(self) -> str:
        return content_hash(
            self.subject, self.predicate, self.object, self.value, self.doc_id, self.start, self.end,
            self.extractor, self.extractor_version,
        )

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["date"] = None if self.date is None else {"value": self.date.value, "precision": self.date.precision}
        out["claim_id"] = self.claim_id
        return out


@dataclass
class CaseEvent:
    """One dated step of a case's legal timeline, with the claims that report it."""

    status: str
    date: FuzzyDate | None
    claim_ids: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        check_choice("legal status", self.status, LEGAL_STATUSES)


@dataclass
class Case:
    """A person, company or group facing an espionage-related action, across all sources."""

    case_id: str
    name: str
    kind: str  # person | company | threat_group | person_group
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    sponsor: str | None = None
    parent_agency: str | None = None
    prosecuting_country: str | None = None
    targets: list[str] = field(default_factory=list)
    charges: list[str] = field(default_factory=list)
    convicted_of: list[str] = field(default_factory=list)
    timeline: list[CaseEvent] = field(default_factory=list)
    status: str | None = None
    sentence_months: int | None = None
    documents: list[str] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Mention:
    """A typed name found in a document, with its span in the document's text."""

    doc_id: str
    start: int
    end: int
    text: str
    type: str
    kb_id: str | None
    source: str  # "rule", "kb", "model" or "reference": which part of the pipeline found it
    name: str = ""  # the in-document canonical name, set by extract.references
